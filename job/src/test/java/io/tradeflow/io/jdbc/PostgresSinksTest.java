package io.tradeflow.io.jdbc;

import static io.tradeflow.testing.EmbeddedPostgresExtension.query;
import static io.tradeflow.testing.EmbeddedPostgresExtension.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.Reconciliation;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSinksTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    static final long T0 = Instant.parse("2024-03-01T14:30:00Z").toEpochMilli();
    static final long MIN = 60_000;

    static JdbcSettings db;

    @BeforeAll
    static void database() {
        db = EmbeddedPostgresExtension.freshDatabase("postgres_sinks_test");
        Migrations.migrate(db);
    }

    // ---------------------------------------------------------------- data

    static final List<Decision> DECISIONS = List.of(
            new Decision("d-1", "acc-1", "rec-1", "AAPL", T0, "buy", Decision.ACT, null, 10,
                    101.25, 99.0, 105.5, "T2",
                    "{\"x\": \"first\", \"gates\": [{\"rule\": \"R-HEAT-1\", \"ok\": true}]}"),
            new Decision("d-2", "acc-1", "rec-2", "MSFT", T0 + MIN, "buy", Decision.SKIP,
                    "R-HEAT-1", 0, null, null, null, "T2", "{\"x\": 2}"),
            new Decision("d-3", "acc-2", "rec-1", "AAPL", T0 + 2 * MIN, "buy", Decision.SKIP,
                    "R-CASH-2", 0, null, null, null, null, null));

    static final List<Order> ORDERS = List.of(
            new Order("o-1", "acc-1", "d-1", "p-1", "AAPL", "buy", Order.LIMIT, 10, 101.25, T0,
                    Order.NEW, "R-ORD-1", T0),
            new Order("o-2", "acc-1", null, "p-1", "AAPL", "sell", Order.MARKET, 10, null,
                    T0 + 30 * MIN, Order.FILLED, "R-STOP-3", T0 + 30 * MIN + 1));

    static final List<Fill> FILLS = List.of(
            Fill.of("o-1", "x-1", "acc-1", "AAPL", "buy", 4, 101.25, 1.0, T0 + 5_000),
            Fill.of("o-1", "x-2", "acc-1", "AAPL", "buy", 6, 101.2, 0.5, T0 + 7_000),
            Fill.of("o-2", "x-3", "acc-1", "AAPL", "sell", 10, 99.01, 1.0, T0 + 30 * MIN + 1)
                    .withLateMs(2_500));

    static final List<PositionEvent> POSITIONS = List.of(
            new PositionEvent("p-1", "acc-1", "AAPL", "long", 10, 101.22, 99.0, 105.5,
                    PositionEvent.CLOSED, T0 + 7_000, T0 + 30 * MIN + 1, 99.01,
                    new BigDecimal("-24.6000"), "R-STOP-3"),
            new PositionEvent("p-2", "acc-2", "MSFT", "short", 3, 410.0, null, null,
                    PositionEvent.OPEN, T0 + MIN, T0 + MIN, null, null, "R-ORD-1"));

    static final List<DeadLetter> DEAD_LETTERS = List.of(
            new DeadLetter("dl-1", "bars", "0/17", "malformed_json", "Unexpected end of input",
                    "{\"ticker\": \"AAPL\", "),
            new DeadLetter("dl-2", "recommendations", "1/3", "R-SIG-6", "bad signature",
                    "a|b\\c"));

    static final BreakerEvent DAILY_LOSS_TRIP = new BreakerEvent("b-1", "acc-1",
            BreakerEvent.DAILY_LOSS, BreakerEvent.TRIPPED, 0.03, 0.0312, null, T0 + 90 * MIN,
            T0 + 10 * MIN, null, "R-CB-1");

    static final List<BreakerEvent> BREAKERS = List.of(
            DAILY_LOSS_TRIP,
            new BreakerEvent("b-2", "acc-1", BreakerEvent.POSITION_LOSS, BreakerEvent.TRIPPED,
                    0.08, 0.091, "AAPL", T0 + 24 * 60 * MIN, T0 + 20 * MIN, null, "R-CB-2"),
            new BreakerEvent("b-3", "acc-2", BreakerEvent.MANUAL, BreakerEvent.RESOLVED, null,
                    null, null, null, T0, T0 + 5 * MIN, "R-CB-5:resume"));

    static final List<TierChange> TIER_CHANGES = List.of(
            new TierChange("t-1", "acc-1", "moderate", "conservative", "R-RISK-1:downgrade",
                    0.35, 0.16, 0.12, 84_000.5, T0 + 90 * MIN),
            new TierChange("t-2", "acc-2", "moderate", "aggressive", "control", null, 0.0, 0.0,
                    100_000.0, T0 + MIN));

    static final List<ReserveEntry> RESERVE = List.of(
            new ReserveEntry("r-1", "acc-1", ReserveEntry.SIPHON, new BigDecimal("24.6000"),
                    new BigDecimal("124.6000"), "p-1", new BigDecimal("123.0000"), "R-POOL-1",
                    T0 + 30 * MIN),
            new ReserveEntry("r-2", "acc-1", ReserveEntry.RELEASE, new BigDecimal("-124.6000"),
                    new BigDecimal("0.0000"), null, null, "R-POOL-4", T0 + 60 * MIN));

    static final List<ConfigAudit> AUDITS = List.of(
            new ConfigAudit("c-1:acc-1", "c-1", "acc-1", "set", "max-open-positions", "10", "5",
                    "cli", ConfigAudit.ACCEPTED, null, T0),
            new ConfigAudit("c-2:acc-2", "c-2", "acc-2", "set-tier", "set-tier", null, null,
                    "ops|desk", ConfigAudit.REJECTED, "unknown tier 'reckless'", T0 + MIN));

    static final List<Notification> NOTIFICATIONS = List.of(
            new Notification("n-1", "acc-1", "breaker_tripped", "daily loss 3.12 % > 3 %",
                    T0 + 10 * MIN),
            new Notification("n-2", "acc-1", "tier_change", "moderate -> conservative",
                    T0 + 90 * MIN));

    static final List<PortfolioSnapshot> SNAPSHOTS = List.of(
            new PortfolioSnapshot("acc-1@2024-03-01T09:35:00-05:00", "acc-1", 1709303700000L,
                    false, 100120.5, new BigDecimal("89500.0000"), 90108.45,
                    new BigDecimal("10012.0500"), 10620.5, 120.5, new BigDecimal("0.0000"), 120.5,
                    0.0021, 0, 0, "moderate", 0, 1),
            new PortfolioSnapshot("acc-1@2024-03-01T16:00:00-05:00", "acc-1", 1709326800000L,
                    true, 99800.0, new BigDecimal("99800.0000"), 89820.0,
                    new BigDecimal("9980.0000"), 0, 0, new BigDecimal("-200.0000"), -200.0, 0,
                    0.002, 0.002, "moderate", 1, 0));

    static final List<Reconciliation> RECONCILIATIONS = List.of(
            new Reconciliation("r-1", "acc-1", "snap-1", T0 + 20 * MIN, Reconciliation.MISMATCH,
                    new BigDecimal("95199.0000"), new BigDecimal("95199.0000"),
                    new BigDecimal("0.0000"), "[{\"ticker\":\"AAPL\",\"book\":48,\"broker\":40}]",
                    "{\"AAPL\":48}", "{\"AAPL\":40}", 1.0, null),
            new Reconciliation("r-2", "acc-1", "snap-1", T0 + 30 * MIN, Reconciliation.ACCEPTED,
                    new BigDecimal("95199.0000"), new BigDecimal("95199.0000"),
                    new BigDecimal("0.0000"), "[{\"ticker\":\"AAPL\",\"book\":48,\"broker\":40}]",
                    "{\"AAPL\":48}", "{\"AAPL\":40}", 1.0, "ops"));

    static final List<StopLevelChange> STOP_LEVELS = List.of(
            new StopLevelChange("p-1:levels:0", "acc-1", "p-1", "AAPL", 99.0, 105.5, null, null,
                    "R-STOP-1", "initial", 1.125, T0 + 7_000),
            new StopLevelChange("p-1:levels:1", "acc-1", "p-1", "AAPL", 101.22, 105.5, 99.0,
                    105.5, "R-STOP-4", "breakeven", null, T0 + 12 * MIN));

    // ---------------------------------------------------------------- one sink each

    @Test
    void decisions() throws Exception {
        assertIdempotentAndRunScoped("trading_decisions", DECISIONS, Decision.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.DECISION, pg, run));
        assertThat(rows(db, "trading_decisions", "decisions-a")).containsExactly(
                "id=d-1|account=acc-1|recommendation_id=rec-1|ticker=AAPL|ts=2024-03-01T14:30:00Z"
                        + "|action=buy|decision=act|reason=\\N|quantity=10|limit_price=101.25"
                        + "|stop_price=99.0|target_price=105.5|tier=T2"
                        + "|trace={\"x\": \"first\", \"gates\": [{\"ok\": true, \"rule\": \"R-HEAT-1\"}]}"
                        + "|instrument=\\N",
                "id=d-2|account=acc-1|recommendation_id=rec-2|ticker=MSFT|ts=2024-03-01T14:31:00Z"
                        + "|action=buy|decision=skip|reason=R-HEAT-1|quantity=0|limit_price=\\N"
                        + "|stop_price=\\N|target_price=\\N|tier=T2|trace={\"x\": 2}"
                        + "|instrument=\\N",
                "id=d-3|account=acc-2|recommendation_id=rec-1|ticker=AAPL|ts=2024-03-01T14:32:00Z"
                        + "|action=buy|decision=skip|reason=R-CASH-2|quantity=0|limit_price=\\N"
                        + "|stop_price=\\N|target_price=\\N|tier=\\N|trace=\\N"
                        + "|instrument=\\N");
    }

    @Test
    void decisionTraceIsJsonb() throws Exception {
        write(DECISIONS, Decision.class, PostgresSinks.sink(OutputKind.DECISION, db, "trace"));
        assertThat(query(db, "SELECT id, jsonb_typeof(trace) AS type, trace->>'x' AS x, "
                        + "trace->'gates'->0->>'rule' AS rule FROM trading_decisions "
                        + "WHERE run_id = 'trace' ORDER BY id"))
                .extracting(r -> r.get("id") + "," + r.get("type") + "," + r.get("x") + "," + r.get("rule"))
                .containsExactly("d-1,object,first,R-HEAT-1", "d-2,object,2,null", "d-3,null,null,null");
        assertThat(query(db, "SELECT decision, reason, count FROM decision_reasons "
                        + "WHERE run_id = 'trace' AND account = 'acc-1' ORDER BY decision"))
                .extracting(r -> r.get("decision") + "," + r.get("reason") + "," + r.get("count"))
                .containsExactly("act,null,1", "skip,R-HEAT-1,1");
    }

    @Test
    void orders() throws Exception {
        assertIdempotentAndRunScoped("orders", ORDERS, Order.class, (pg, run) -> PostgresSinks.sink(OutputKind.ORDER, pg, run));
        assertThat(rows(db, "orders", "orders-a")).containsExactly(
                "id=o-1|account=acc-1|decision_id=d-1|position_id=p-1|ticker=AAPL|side=buy"
                        + "|type=limit|quantity=10|limit_price=101.25|ts=2024-03-01T14:30:00Z"
                        + "|status=new|reason=R-ORD-1|updated_ts=2024-03-01T14:30:00Z"
                        + "|instrument=\\N",
                "id=o-2|account=acc-1|decision_id=\\N|position_id=p-1|ticker=AAPL|side=sell"
                        + "|type=market|quantity=10|limit_price=\\N|ts=2024-03-01T15:00:00Z"
                        + "|status=filled|reason=R-STOP-3|updated_ts=2024-03-01T15:00:00.001Z"
                        + "|instrument=\\N");
    }

    @Test
    void aLaterStateOfTheSameOrderUpdatesEveryColumn() throws Exception {
        Order placed = ORDERS.get(0);
        write(List.of(placed), Order.class, PostgresSinks.sink(OutputKind.ORDER, db, "order-update"));
        Order filled = placed.withStatus(Order.FILLED, "R-ORD-2", T0 + 7_000);
        write(List.of(filled), Order.class, PostgresSinks.sink(OutputKind.ORDER, db, "order-update"));
        assertThat(rows(db, "orders", "order-update")).containsExactly(
                "id=o-1|account=acc-1|decision_id=d-1|position_id=p-1|ticker=AAPL|side=buy"
                        + "|type=limit|quantity=10|limit_price=101.25|ts=2024-03-01T14:30:00Z"
                        + "|status=filled|reason=R-ORD-2|updated_ts=2024-03-01T14:30:07Z"
                        + "|instrument=\\N");
    }

    @Test
    void fills() throws Exception {
        assertIdempotentAndRunScoped("fills", FILLS, Fill.class, (pg, run) -> PostgresSinks.sink(OutputKind.FILL, pg, run));
        assertThat(rows(db, "fills", "fills-a")).containsExactly(
                "id=x-1|client_order_id=o-1|account=acc-1|ticker=AAPL|side=buy|quantity=4"
                        + "|price=101.25|commission=1.0|ts=2024-03-01T14:30:05Z"
                        + "|execution_id=x-1|late_ms=0|instrument=\\N|modelled=f",
                "id=x-2|client_order_id=o-1|account=acc-1|ticker=AAPL|side=buy|quantity=6"
                        + "|price=101.2|commission=0.5|ts=2024-03-01T14:30:07Z"
                        + "|execution_id=x-2|late_ms=0|instrument=\\N|modelled=f",
                "id=x-3|client_order_id=o-2|account=acc-1|ticker=AAPL|side=sell|quantity=10"
                        + "|price=99.01|commission=1.0|ts=2024-03-01T15:00:00.001Z"
                        + "|execution_id=x-3|late_ms=2500|instrument=\\N|modelled=f");
    }

    @Test
    void positions() throws Exception {
        assertIdempotentAndRunScoped("positions", POSITIONS, PositionEvent.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.POSITION, pg, run));
        assertThat(rows(db, "positions", "positions-a")).containsExactly(
                "id=p-1|account=acc-1|ticker=AAPL|side=long|quantity=10|entry_price=101.22"
                        + "|stop_price=99.0|target_price=105.5|status=closed"
                        + "|opened_ts=2024-03-01T14:30:07Z|ts=2024-03-01T15:00:00.001Z"
                        + "|exit_price=99.01|realized_pnl=-24.6000|reason=R-STOP-3"
                        + "|instrument=\\N|modelled=f",
                "id=p-2|account=acc-2|ticker=MSFT|side=short|quantity=3|entry_price=410.0"
                        + "|stop_price=\\N|target_price=\\N|status=open"
                        + "|opened_ts=2024-03-01T14:31:00Z|ts=2024-03-01T14:31:00Z"
                        + "|exit_price=\\N|realized_pnl=\\N|reason=R-ORD-1"
                        + "|instrument=\\N|modelled=f");
    }

    @Test
    void deadLetters() throws Exception {
        assertIdempotentAndRunScoped("dead_letters", DEAD_LETTERS, DeadLetter.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.DEAD_LETTER, pg, run));
        assertThat(rows(db, "dead_letters", "dead_letters-a")).containsExactly(
                "id=dl-1|source=bars|position=0/17|reason=malformed_json"
                        + "|detail=Unexpected end of input|payload={\"ticker\": \"AAPL\", ",
                "id=dl-2|source=recommendations|position=1/3|reason=R-SIG-6"
                        + "|detail=bad signature|payload=a\\|b\\\\c");
    }

    @Test
    void breakers() throws Exception {
        assertIdempotentAndRunScoped("circuit_breaker_events", BREAKERS, BreakerEvent.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.BREAKER, pg, run));
        assertThat(rows(db, "circuit_breaker_events", "circuit_breaker_events-a")).containsExactly(
                "id=b-1|account=acc-1|type=daily_loss|status=tripped|threshold=0.03"
                        + "|actual=0.0312|ticker=\\N|cooldown_expires=2024-03-01T16:00:00Z"
                        + "|tripped_at=2024-03-01T14:40:00Z|resolved_at=\\N|reason=R-CB-1",
                "id=b-2|account=acc-1|type=position_loss|status=tripped|threshold=0.08"
                        + "|actual=0.091|ticker=AAPL|cooldown_expires=2024-03-02T14:30:00Z"
                        + "|tripped_at=2024-03-01T14:50:00Z|resolved_at=\\N|reason=R-CB-2",
                "id=b-3|account=acc-2|type=manual|status=resolved|threshold=\\N|actual=\\N"
                        + "|ticker=\\N|cooldown_expires=\\N|tripped_at=2024-03-01T14:30:00Z"
                        + "|resolved_at=2024-03-01T14:35:00Z|reason=R-CB-5:resume");
    }

    @Test
    void aBreakerResolutionUpdatesItsTripRowAndATripNeverReopensIt() throws Exception {
        String run = "breaker-resolve";
        write(List.of(DAILY_LOSS_TRIP), BreakerEvent.class, PostgresSinks.sink(OutputKind.BREAKER, db, run));
        assertThat(rows(db, "circuit_breaker_events", run)).singleElement().asString()
                .contains("status=tripped", "resolved_at=\\N");

        BreakerEvent resolved = DAILY_LOSS_TRIP.resolved(T0 + 90 * MIN, "expired");
        write(List.of(resolved), BreakerEvent.class, PostgresSinks.sink(OutputKind.BREAKER, db, run));
        List<String> after = rows(db, "circuit_breaker_events", run);
        assertThat(after).containsExactly(
                "id=b-1|account=acc-1|type=daily_loss|status=resolved|threshold=0.03"
                        + "|actual=0.0312|ticker=\\N|cooldown_expires=2024-03-01T16:00:00Z"
                        + "|tripped_at=2024-03-01T14:40:00Z|resolved_at=2024-03-01T16:00:00Z"
                        + "|reason=expired");

        // a replay of the trip (at-least-once) after its resolution leaves the row resolved
        write(List.of(DAILY_LOSS_TRIP), BreakerEvent.class, PostgresSinks.sink(OutputKind.BREAKER, db, run));
        assertThat(rows(db, "circuit_breaker_events", run)).isEqualTo(after);
        // trip and resolution in one batch, in order: one row, resolved
        write(List.of(DAILY_LOSS_TRIP, resolved), BreakerEvent.class,
                PostgresSinks.sink(OutputKind.BREAKER, db, run + "-2"));
        assertThat(rows(db, "circuit_breaker_events", run + "-2")).isEqualTo(after);
    }

    @Test
    void tierChanges() throws Exception {
        assertIdempotentAndRunScoped("risk_tier_history", TIER_CHANGES, TierChange.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.TIER_CHANGE, pg, run));
        assertThat(rows(db, "risk_tier_history", "risk_tier_history-a")).containsExactly(
                "id=t-1|account=acc-1|from_tier=moderate|to_tier=conservative"
                        + "|reason=R-RISK-1:downgrade|win_rate=0.35|drawdown=0.16|reserve_pct=0.12"
                        + "|portfolio_value=84000.5|ts=2024-03-01T16:00:00Z",
                "id=t-2|account=acc-2|from_tier=moderate|to_tier=aggressive|reason=control"
                        + "|win_rate=\\N|drawdown=0.0|reserve_pct=0.0|portfolio_value=100000.0"
                        + "|ts=2024-03-01T14:31:00Z");
    }

    @Test
    void reserveLedger() throws Exception {
        assertIdempotentAndRunScoped("reserve_pool_ledger", RESERVE, ReserveEntry.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.RESERVE, pg, run));
        assertThat(rows(db, "reserve_pool_ledger", "reserve_pool_ledger-a")).containsExactly(
                "id=r-1|account=acc-1|kind=siphon|amount=24.6000|balance_after=124.6000"
                        + "|position_id=p-1|profit=123.0000|reason=R-POOL-1"
                        + "|ts=2024-03-01T15:00:00Z",
                "id=r-2|account=acc-1|kind=release|amount=-124.6000|balance_after=0.0000"
                        + "|position_id=\\N|profit=\\N|reason=R-POOL-4"
                        + "|ts=2024-03-01T15:30:00Z");
    }

    @Test
    void configAudit() throws Exception {
        assertIdempotentAndRunScoped("config_audit", AUDITS, ConfigAudit.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.AUDIT, pg, run));
        assertThat(rows(db, "config_audit", "config_audit-a")).containsExactly(
                "id=c-1:acc-1|command_id=c-1|account=acc-1|command=set|key=max-open-positions"
                        + "|previous_value=10|new_value=5|issued_by=cli|status=accepted"
                        + "|reason=\\N|ts=2024-03-01T14:30:00Z",
                "id=c-2:acc-2|command_id=c-2|account=acc-2|command=set-tier|key=set-tier"
                        + "|previous_value=\\N|new_value=\\N|issued_by=ops\\|desk"
                        + "|status=rejected|reason=unknown tier 'reckless'"
                        + "|ts=2024-03-01T14:31:00Z");
    }

    @Test
    void notificationsStartPendingAndAReplayKeepsTheNotifiersStatus() throws Exception {
        assertIdempotentAndRunScoped("notifications", NOTIFICATIONS, Notification.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.NOTIFICATION, pg, run));
        assertThat(rows(db, "notifications", "notifications-a")).containsExactly(
                "id=n-1|account=acc-1|kind=breaker_tripped|message=daily loss 3.12 % > 3 %"
                        + "|ts=2024-03-01T14:40:00Z|status=pending|channel=\\N|attempts=0"
                        + "|error=\\N|delivered_at=\\N",
                "id=n-2|account=acc-1|kind=tier_change|message=moderate -> conservative"
                        + "|ts=2024-03-01T16:00:00Z|status=pending|channel=\\N|attempts=0"
                        + "|error=\\N|delivered_at=\\N");
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("UPDATE notifications SET status = 'sent' "
                    + "WHERE run_id = 'notifications-a' AND id = 'n-1'");
        }
        write(NOTIFICATIONS, Notification.class, PostgresSinks.sink(OutputKind.NOTIFICATION, db, "notifications-a"));
        assertThat(rows(db, "notifications", "notifications-a"))
                .extracting(r -> r.replaceAll(".*\\|(status=[a-z_]+)\\|.*", "$1"))
                .containsExactly("status=sent", "status=pending");
    }

    @Test
    void stopLevelsKeepEveryChangeOfAPosition() throws Exception {
        assertIdempotentAndRunScoped("position_stop_levels", STOP_LEVELS, StopLevelChange.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.STOP_LEVEL, pg, run));
        assertThat(rows(db, "position_stop_levels", "position_stop_levels-a")).containsExactly(
                "id=p-1:levels:0|account=acc-1|position_id=p-1|ticker=AAPL"
                        + "|ts=2024-03-01T14:30:07Z|stop=99.0|target=105.5|previous_stop=\\N"
                        + "|previous_target=\\N|rule=R-STOP-1|reason=initial|atr=1.125",
                "id=p-1:levels:1|account=acc-1|position_id=p-1|ticker=AAPL"
                        + "|ts=2024-03-01T14:42:00Z|stop=101.22|target=105.5|previous_stop=99.0"
                        + "|previous_target=105.5|rule=R-STOP-4|reason=breakeven|atr=\\N");
    }

    @Test
    void snapshotsKeepEveryMomentOfTheDay() throws Exception {
        assertIdempotentAndRunScoped("portfolio_snapshots", SNAPSHOTS, PortfolioSnapshot.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.SNAPSHOT, pg, run));
        assertThat(rows(db, "portfolio_snapshots", "portfolio_snapshots-a")).containsExactly(
                "id=acc-1@2024-03-01T09:35:00-05:00|account=acc-1|ts=2024-03-01T14:35:00Z"
                        + "|kind=interval|portfolio_value=100120.5|cash=89500.0000"
                        + "|active_pool=90108.45|reserve=10012.0500|positions_value=10620.5"
                        + "|unrealized_pnl=120.5|realized_pnl=0.0000|daily_pnl=120.5"
                        + "|heat=0.0021|drawdown=0.0|max_drawdown=0.0|tier=moderate"
                        + "|open_breakers=0|open_positions=1",
                "id=acc-1@2024-03-01T16:00:00-05:00|account=acc-1|ts=2024-03-01T21:00:00Z"
                        + "|kind=close|portfolio_value=99800.0|cash=99800.0000"
                        + "|active_pool=89820.0|reserve=9980.0000|positions_value=0.0"
                        + "|unrealized_pnl=0.0|realized_pnl=-200.0000|daily_pnl=-200.0"
                        + "|heat=0.0|drawdown=0.002|max_drawdown=0.002|tier=moderate"
                        + "|open_breakers=1|open_positions=0");
    }

    // ---------------------------------------------------------------- SQL shape

    @Test
    void reconciliationsKeepBothSidesAsJsonb() throws Exception {
        assertIdempotentAndRunScoped("reconciliations", RECONCILIATIONS, Reconciliation.class,
                (pg, run) -> PostgresSinks.sink(OutputKind.RECONCILIATION, pg, run));
        assertThat(rows(db, "reconciliations", "reconciliations-a")).containsExactly(
                "id=r-1|account=acc-1|snapshot_id=snap-1|ts=2024-03-01T14:50:00Z|status=mismatch"
                        + "|book_cash=95199.0000|broker_cash=95199.0000|cash_difference=0.0000"
                        + "|differences=[{\"book\": 48, \"broker\": 40, \"ticker\": \"AAPL\"}]"
                        + "|book_positions={\"AAPL\": 48}|broker_positions={\"AAPL\": 40}"
                        + "|tolerance=1.0|issued_by=\\N",
                "id=r-2|account=acc-1|snapshot_id=snap-1|ts=2024-03-01T15:00:00Z|status=accepted"
                        + "|book_cash=95199.0000|broker_cash=95199.0000|cash_difference=0.0000"
                        + "|differences=[{\"book\": 48, \"broker\": 40, \"ticker\": \"AAPL\"}]"
                        + "|book_positions={\"AAPL\": 48}|broker_positions={\"AAPL\": 40}"
                        + "|tolerance=1.0|issued_by=ops");
    }

    @Test
    void everyUpsertWritesAndUpdatesEveryColumn() {
        Map<String, String> sqlByTable = new java.util.TreeMap<>();
        for (OutputKind kind : OutputKind.values()) {
            sqlByTable.put(kind.table(), PostgresSinks.upsertSql(kind));
        }
        assertThat(sqlByTable).hasSize(OutputKind.values().length).hasSize(14);
        sqlByTable.forEach((table, sql) -> {
            assertThat(sql).startsWith("INSERT INTO " + table + " (run_id, id, ")
                    .contains("ON CONFLICT (run_id, id) DO UPDATE SET ")
                    .contains(", written_at = now()");
            if (!table.equals("circuit_breaker_events")) {
                assertThat(sql).endsWith(", written_at = now()");
            }
            // the notifier owns a notification's status once written
            List<Object> columns = query(db, "SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND table_name = '" + table + "' "
                    + "AND column_name NOT IN ('run_id', 'id', 'written_at') "
                    + (table.equals("notifications") ? "AND column_name NOT IN ('status', "
                            + "'channel', 'attempts', 'error', 'delivered_at') " : "")
                    + "ORDER BY ordinal_position")
                    .stream().map(r -> r.get("column_name")).toList();
            assertThat(columns).isNotEmpty();
            for (Object c : columns) {
                assertThat(sql).as(table).contains(" " + c + " = EXCLUDED." + c + ",");
            }
            long placeholders = sql.chars().filter(ch -> ch == '?').count();
            assertThat(placeholders).as(table).isEqualTo(columns.size() + 2);
        });
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Writes {@code items} under run A twice (the second run must change nothing), then under run
     * B (which must add rows, leaving A's alone).
     */
    private static <T> void assertIdempotentAndRunScoped(String table, List<T> items, Class<T> type,
            BiFunction<JdbcSettings, String, JdbcSink<T>> sink) throws Exception {
        String runA = table.replace("trading_", "") + "-a";
        String runB = table.replace("trading_", "") + "-b";
        write(items, type, sink.apply(db, runA));
        List<String> first = rows(db, table, runA);
        assertThat(first).hasSize(items.size());
        List<Object> writtenAt = writtenAt(table, runA);

        write(items, type, sink.apply(db, runA));
        assertThat(rows(db, table, runA)).isEqualTo(first);
        assertThat(count(table, runA)).isEqualTo(items.size());
        assertThat(writtenAt(table, runA)).as("the replay rewrote the rows").isNotEqualTo(writtenAt);

        write(items, type, sink.apply(db, runB));
        assertThat(rows(db, table, runB)).isEqualTo(first);
        assertThat(rows(db, table, runA)).isEqualTo(first);
        assertThat(count(table, runA) + count(table, runB)).isEqualTo(2L * items.size());
    }

    /** A tiny BATCH job: the items, through the sink, with Kryo disabled. */
    static <T> void write(List<T> items, Class<T> type, JdbcSink<T> sink) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.fromData(items, TypeInformation.of(type)).name("items")
                .sinkTo(sink).name("postgres");
        env.execute("postgres-sink-" + type.getSimpleName());
    }

    private static long count(String table, String runId) {
        return (Long) query(db, "SELECT count(*) AS n FROM " + table + " WHERE run_id = '" + runId + "'")
                .get(0).get("n");
    }

    private static List<Object> writtenAt(String table, String runId) {
        return query(db, "SELECT written_at FROM " + table + " WHERE run_id = '" + runId + "' ORDER BY id")
                .stream().map(r -> r.get("written_at")).toList();
    }
}
