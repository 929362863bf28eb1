package io.tradeflow.io.jdbc;

import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * JDBC sinks for the engine's outputs. Each is an idempotent upsert keyed by {@code (run_id, id)}:
 * the ids are deterministic, so a replay after a failure (or a re-run of a backtest under the same
 * run id) rewrites the same rows, and another run id adds rows. At-least-once delivery plus
 * idempotent writes gives exactly-once effects.
 */
public final class PostgresSinks {

    public static final int BATCH_SIZE = 500;
    public static final long BATCH_INTERVAL_MS = 200;
    public static final int MAX_RETRIES = 3;

    public static final String DECISIONS_SQL = upsertSql("trading_decisions",
            "account", "recommendation_id", "ticker", "ts", "action", "decision", "reason",
            "quantity", "limit_price", "stop_price", "target_price", "tier", "trace::jsonb");

    public static final String ORDERS_SQL = upsertSql("orders",
            "account", "decision_id", "position_id", "ticker", "side", "type", "quantity",
            "limit_price", "ts", "status", "reason", "updated_ts");

    public static final String FILLS_SQL = upsertSql("fills",
            "client_order_id", "account", "ticker", "side", "quantity", "price", "commission",
            "ts");

    public static final String POSITIONS_SQL = upsertSql("positions",
            "account", "ticker", "side", "quantity", "entry_price", "stop_price", "target_price",
            "status", "opened_ts", "ts", "exit_price", "realized_pnl", "reason");

    public static final String DEAD_LETTERS_SQL = upsertSql("dead_letters",
            "source", "position", "reason", "detail", "payload");

    /**
     * One row per breaker trip: the resolution rewrites the trip's row. A resolved row stays
     * resolved: a late or replayed copy of the trip does not reopen it.
     */
    public static final String BREAKERS_SQL = upsertSql("circuit_breaker_events",
            "account", "type", "status", "threshold", "actual", "ticker", "cooldown_expires",
            "tripped_at", "resolved_at", "reason")
            + " WHERE NOT (circuit_breaker_events.status = 'resolved'"
            + " AND EXCLUDED.status = 'tripped')";

    public static final String TIER_CHANGES_SQL = upsertSql("risk_tier_history",
            "account", "from_tier", "to_tier", "reason", "win_rate", "drawdown", "reserve_pct",
            "portfolio_value", "ts");

    public static final String RESERVE_LEDGER_SQL = upsertSql("reserve_pool_ledger",
            "account", "kind", "amount", "balance_after", "position_id", "profit", "reason", "ts");

    public static final String CONFIG_AUDIT_SQL = upsertSql("config_audit",
            "command_id", "account", "command", "key", "previous_value", "new_value", "issued_by",
            "status", "reason", "ts");

    /**
     * Leaves {@code status} out: it starts {@code pending} (the column default) and belongs to the
     * notifier from then on, so a replay does not reset a sent notification.
     */
    public static final String NOTIFICATIONS_SQL = upsertSql("notifications",
            "account", "kind", "message", "ts");

    /** One row per change of a position's levels: a history, each change under its own id. */
    public static final String STOP_LEVELS_SQL = upsertSql("position_stop_levels",
            "account", "position_id", "ticker", "ts", "stop", "target", "previous_stop",
            "previous_target", "rule", "reason", "atr");

    private PostgresSinks() {}

    public static JdbcSink<Decision> decisions(JdbcSettings s, String runId) {
        return sink(s, DECISIONS_SQL, new DecisionBinder(runId));
    }

    public static JdbcSink<Order> orders(JdbcSettings s, String runId) {
        return sink(s, ORDERS_SQL, new OrderBinder(runId));
    }

    public static JdbcSink<Fill> fills(JdbcSettings s, String runId) {
        return sink(s, FILLS_SQL, new FillBinder(runId));
    }

    public static JdbcSink<PositionEvent> positions(JdbcSettings s, String runId) {
        return sink(s, POSITIONS_SQL, new PositionBinder(runId));
    }

    public static JdbcSink<DeadLetter> deadLetters(JdbcSettings s, String runId) {
        return sink(s, DEAD_LETTERS_SQL, new DeadLetterBinder(runId));
    }

    public static JdbcSink<BreakerEvent> breakers(JdbcSettings s, String runId) {
        return sink(s, BREAKERS_SQL, new BreakerBinder(runId));
    }

    public static JdbcSink<TierChange> tierChanges(JdbcSettings s, String runId) {
        return sink(s, TIER_CHANGES_SQL, new TierChangeBinder(runId));
    }

    public static JdbcSink<ReserveEntry> reserveLedger(JdbcSettings s, String runId) {
        return sink(s, RESERVE_LEDGER_SQL, new ReserveBinder(runId));
    }

    public static JdbcSink<ConfigAudit> configAudit(JdbcSettings s, String runId) {
        return sink(s, CONFIG_AUDIT_SQL, new AuditBinder(runId));
    }

    public static JdbcSink<Notification> notifications(JdbcSettings s, String runId) {
        return sink(s, NOTIFICATIONS_SQL, new NotificationBinder(runId));
    }

    public static JdbcSink<StopLevelChange> stopLevels(JdbcSettings s, String runId) {
        return sink(s, STOP_LEVELS_SQL, new StopLevelBinder(runId));
    }

    /** A fill's row id: {@code clientOrderId:tsMillis} (an order may fill in parts). */
    public static String fillId(Fill f) {
        return f.clientOrderId() + ":" + f.ts();
    }

    /**
     * {@code INSERT INTO table (run_id, id, columns…) VALUES (?, …) ON CONFLICT (run_id, id) DO
     * UPDATE SET column = EXCLUDED.column, …, written_at = now()}. A column written as
     * {@code name::type} gets its placeholder cast ({@code ?::type}).
     */
    static String upsertSql(String table, String... columns) {
        String[] names = Arrays.stream(columns).map(c -> c.split("::")[0]).toArray(String[]::new);
        String placeholders = Arrays.stream(columns)
                .map(c -> c.contains("::") ? "?::" + c.split("::")[1] : "?")
                .collect(Collectors.joining(", "));
        String updates = Arrays.stream(names)
                .map(n -> n + " = EXCLUDED." + n)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (run_id, id, " + String.join(", ", names) + ") "
                + "VALUES (?, ?, " + placeholders + ") "
                + "ON CONFLICT (run_id, id) DO UPDATE SET " + updates + ", written_at = now()";
    }

    private static <T> JdbcSink<T> sink(JdbcSettings s, String sql, JdbcStatementBuilder<T> binder) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, binder)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(BATCH_SIZE)
                        .withBatchIntervalMs(BATCH_INTERVAL_MS)
                        .withMaxRetries(MAX_RETRIES)
                        .build())
                .buildAtLeastOnce(s.connectionOptions());
    }

    // ---------------------------------------------------------------- binders (serializable)

    static final class DecisionBinder implements JdbcStatementBuilder<Decision> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        DecisionBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, Decision d) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, d.id());
            ps.setString(3, d.account());
            ps.setString(4, d.recommendationId());
            ps.setString(5, d.ticker());
            setTimestamp(ps, 6, d.ts());
            ps.setString(7, d.action());
            ps.setString(8, d.decision());
            ps.setString(9, d.reason());
            ps.setLong(10, d.quantity());
            setDouble(ps, 11, d.limitPrice());
            setDouble(ps, 12, d.stopPrice());
            setDouble(ps, 13, d.targetPrice());
            ps.setString(14, d.tier());
            setJson(ps, 15, d.trace());
        }
    }

    static final class OrderBinder implements JdbcStatementBuilder<Order> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        OrderBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, Order o) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, o.clientOrderId());
            ps.setString(3, o.account());
            ps.setString(4, o.decisionId());
            ps.setString(5, o.positionId());
            ps.setString(6, o.ticker());
            ps.setString(7, o.side());
            ps.setString(8, o.type());
            ps.setLong(9, o.quantity());
            setDouble(ps, 10, o.limitPrice());
            setTimestamp(ps, 11, o.ts());
            ps.setString(12, o.status());
            ps.setString(13, o.reason());
            setTimestamp(ps, 14, o.updatedTs());
        }
    }

    static final class FillBinder implements JdbcStatementBuilder<Fill> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        FillBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, Fill f) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, fillId(f));
            ps.setString(3, f.clientOrderId());
            ps.setString(4, f.account());
            ps.setString(5, f.ticker());
            ps.setString(6, f.side());
            ps.setLong(7, f.quantity());
            ps.setDouble(8, f.price());
            ps.setDouble(9, f.commission());
            setTimestamp(ps, 10, f.ts());
        }
    }

    static final class PositionBinder implements JdbcStatementBuilder<PositionEvent> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        PositionBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, PositionEvent p) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, p.positionId());
            ps.setString(3, p.account());
            ps.setString(4, p.ticker());
            ps.setString(5, p.side());
            ps.setLong(6, p.quantity());
            ps.setDouble(7, p.entryPrice());
            setDouble(ps, 8, p.stopPrice());
            setDouble(ps, 9, p.targetPrice());
            ps.setString(10, p.status());
            setTimestamp(ps, 11, p.openedTs());
            setTimestamp(ps, 12, p.ts());
            setDouble(ps, 13, p.exitPrice());
            setDecimal(ps, 14, p.realizedPnl());
            ps.setString(15, p.reason());
        }
    }

    static final class DeadLetterBinder implements JdbcStatementBuilder<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        DeadLetterBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, DeadLetter d) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, d.id());
            ps.setString(3, d.source());
            ps.setString(4, d.position());
            ps.setString(5, d.reason());
            ps.setString(6, d.detail());
            ps.setString(7, d.payload());
        }
    }

    static final class BreakerBinder implements JdbcStatementBuilder<BreakerEvent> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        BreakerBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, BreakerEvent b) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, b.id());
            ps.setString(3, b.account());
            ps.setString(4, b.type());
            ps.setString(5, b.status());
            setDouble(ps, 6, b.threshold());
            setDouble(ps, 7, b.actual());
            ps.setString(8, b.ticker());
            setTimestamp(ps, 9, b.cooldownExpires());
            setTimestamp(ps, 10, b.trippedTs());
            setTimestamp(ps, 11, b.resolvedTs());
            ps.setString(12, b.reason());
        }
    }

    static final class TierChangeBinder implements JdbcStatementBuilder<TierChange> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        TierChangeBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, TierChange t) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, t.id());
            ps.setString(3, t.account());
            ps.setString(4, t.fromTier());
            ps.setString(5, t.toTier());
            ps.setString(6, t.reason());
            setDouble(ps, 7, t.winRate());
            ps.setDouble(8, t.drawdown());
            ps.setDouble(9, t.reservePct());
            ps.setDouble(10, t.portfolioValue());
            setTimestamp(ps, 11, t.ts());
        }
    }

    static final class ReserveBinder implements JdbcStatementBuilder<ReserveEntry> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        ReserveBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, ReserveEntry r) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, r.id());
            ps.setString(3, r.account());
            ps.setString(4, r.kind());
            setDecimal(ps, 5, r.amount());
            setDecimal(ps, 6, r.balanceAfter());
            ps.setString(7, r.positionId());
            setDecimal(ps, 8, r.profit());
            ps.setString(9, r.reason());
            setTimestamp(ps, 10, r.ts());
        }
    }

    static final class AuditBinder implements JdbcStatementBuilder<ConfigAudit> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        AuditBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, ConfigAudit a) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, a.id());
            ps.setString(3, a.commandId());
            ps.setString(4, a.account());
            ps.setString(5, a.command());
            ps.setString(6, a.key());
            ps.setString(7, a.previousValue());
            ps.setString(8, a.newValue());
            ps.setString(9, a.issuedBy());
            ps.setString(10, a.status());
            ps.setString(11, a.reason());
            setTimestamp(ps, 12, a.ts());
        }
    }

    static final class NotificationBinder implements JdbcStatementBuilder<Notification> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        NotificationBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, Notification n) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, n.id());
            ps.setString(3, n.account());
            ps.setString(4, n.kind());
            ps.setString(5, n.message());
            setTimestamp(ps, 6, n.ts());
        }
    }

    static final class StopLevelBinder implements JdbcStatementBuilder<StopLevelChange> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        StopLevelBinder(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, StopLevelChange c) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, c.id());
            ps.setString(3, c.account());
            ps.setString(4, c.positionId());
            ps.setString(5, c.ticker());
            setTimestamp(ps, 6, c.ts());
            ps.setDouble(7, c.stop());
            ps.setDouble(8, c.target());
            setDouble(ps, 9, c.previousStop());
            setDouble(ps, 10, c.previousTarget());
            ps.setString(11, c.rule());
            ps.setString(12, c.reason());
            setDouble(ps, 13, c.atr());
        }
    }

    // ---------------------------------------------------------------- typed setters

    static void setTimestamp(PreparedStatement ps, int i, long epochMillis) throws SQLException {
        ps.setObject(i, OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }

    static void setTimestamp(PreparedStatement ps, int i, Long epochMillis) throws SQLException {
        if (epochMillis == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            setTimestamp(ps, i, epochMillis.longValue());
        }
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static void setDecimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, v);
        }
    }

    static void setJson(PreparedStatement ps, int i, String json) throws SQLException {
        if (json == null) {
            ps.setNull(i, Types.OTHER);
        } else {
            ps.setObject(i, json, Types.OTHER);
        }
    }
}
