package io.tradeflow.io.jdbc;

import static io.tradeflow.testing.EmbeddedPostgresExtension.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The option columns of V13 (R-OPT-3, R-OPT-4): an option order, fill and position are written
 * with their contract's OCC symbol and, for fills and positions, whether the model priced them;
 * the table refuses a malformed symbol and a modelled fill of shares.
 */
class OptionColumnsTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2).build());

    static final long T0 = Instant.parse("2024-03-01T14:30:00Z").toEpochMilli();
    static final String OCC = "SPY   240301C00510000";

    static JdbcSettings db;

    @BeforeAll
    static void database() {
        db = EmbeddedPostgresExtension.freshDatabase("option_columns_test");
        Migrations.migrate(db);
    }

    @Test
    void rOpt1AnOptionDecisionNamesItsContract() throws Exception {
        PostgresSinksTest.write(List.of(new Decision("d-4", "acc-3", "rec-4", "SPY", T0, "buy",
                Decision.ACT, null, 5, 1.55, 508.0, 514.0, "moderate", "{}", OCC)),
                Decision.class, PostgresSinks.sink(OutputKind.DECISION, db, "opt"));
        assertThat(rows(db, "trading_decisions", "opt")).singleElement().asString()
                .contains("|quantity=5|limit_price=1.55|").endsWith("|instrument=" + OCC);
    }

    @Test
    void rOpt3APremiumStopWithoutTargetIsWrittenWithNone() throws Exception {
        PostgresSinksTest.write(List.of(new StopLevelChange("l-1", "acc-3", "p-3", "SPY", 1.16,
                Double.NaN, null, Double.NaN, "R-STOP-2", "premium stop", null, T0)),
                StopLevelChange.class, PostgresSinks.sink(OutputKind.STOP_LEVEL, db, "opt"));
        assertThat(rows(db, "position_stop_levels", "opt")).singleElement().asString()
                .contains("|stop=1.16|target=\\N|previous_stop=\\N|previous_target=\\N|");
    }

    @Test
    void rOpt3AnOptionOrderCarriesItsContract() throws Exception {
        PostgresSinksTest.write(List.of(new Order("o-3", "acc-3", "d-4", "p-3", "SPY", "buy",
                Order.LIMIT, 5, 1.55, T0, Order.NEW, "R-ORD-1", T0).withInstrument(OCC)),
                Order.class, PostgresSinks.sink(OutputKind.ORDER, db, "opt"));
        assertThat(rows(db, "orders", "opt")).containsExactly(
                "id=o-3|account=acc-3|decision_id=d-4|position_id=p-3|ticker=SPY|side=buy"
                        + "|type=limit|quantity=5|limit_price=1.55|ts=2024-03-01T14:30:00Z"
                        + "|status=new|reason=R-ORD-1|updated_ts=2024-03-01T14:30:00Z"
                        + "|instrument=" + OCC);
    }

    @Test
    void rOpt4AModelledFillAndItsPositionAreMarkedModelled() throws Exception {
        PostgresSinksTest.write(List.of(Fill.of("o-3", "x-4", "acc-3", "SPY", "buy", 5, 1.52,
                3.25, T0 + 60_000).withInstrument(OCC, true),
                Fill.of("o-4", "x-5", "acc-3", "SPY", "buy", 2, 1.61, 1.3, T0 + 120_000)
                        .withInstrument(OCC, false)),
                Fill.class, PostgresSinks.sink(OutputKind.FILL, db, "opt"));
        assertThat(rows(db, "fills", "opt")).containsExactly(
                "id=x-4|client_order_id=o-3|account=acc-3|ticker=SPY|side=buy|quantity=5"
                        + "|price=1.52|commission=3.25|ts=2024-03-01T14:31:00Z"
                        + "|execution_id=x-4|late_ms=0|instrument=" + OCC + "|modelled=t",
                "id=x-5|client_order_id=o-4|account=acc-3|ticker=SPY|side=buy|quantity=2"
                        + "|price=1.61|commission=1.3|ts=2024-03-01T14:32:00Z"
                        + "|execution_id=x-5|late_ms=0|instrument=" + OCC + "|modelled=f");
        PostgresSinksTest.write(List.of(new PositionEvent("p-3", "acc-3", "SPY", "long", 5, 1.52,
                1.14, null, PositionEvent.CLOSED, T0 + 60_000, T0 + 120_000, 1.8,
                new BigDecimal("133.5000"), "R-WIN-2", OCC, true)), PositionEvent.class,
                PostgresSinks.sink(OutputKind.POSITION, db, "opt"));
        assertThat(rows(db, "positions", "opt")).containsExactly(
                "id=p-3|account=acc-3|ticker=SPY|side=long|quantity=5|entry_price=1.52"
                        + "|stop_price=1.14|target_price=\\N|status=closed"
                        + "|opened_ts=2024-03-01T14:31:00Z|ts=2024-03-01T14:32:00Z"
                        + "|exit_price=1.8|realized_pnl=133.5000|reason=R-WIN-2"
                        + "|instrument=" + OCC + "|modelled=t");
    }

    @Test
    void rOpt4TheTableRefusesAMalformedSymbolAndAModelledFillOfShares() throws Exception {
        String insert = "INSERT INTO fills (run_id, id, execution_id, client_order_id, account, "
                + "ticker, side, quantity, price, commission, ts, instrument, modelled) VALUES "
                + "('bad', 'x', 'x', 'o', 'a', 'SPY', 'buy', 1, 1, 0, now(), ";
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(insert + "'SPY C510', false)"))
                    .hasMessageContaining("fills_instrument_occ");
            assertThatThrownBy(() -> st.execute(insert + "null, true)"))
                    .hasMessageContaining("fills_modelled_option");
            st.execute(insert + "null, false)");
        }
        assertThat(rows(db, "fills", "bad")).singleElement().asString()
                .endsWith("|instrument=\\N|modelled=f");
    }
}
