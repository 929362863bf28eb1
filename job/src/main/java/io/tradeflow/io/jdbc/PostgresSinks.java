package io.tradeflow.io.jdbc;

import io.tradeflow.io.out.Column;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.io.out.OutputSpec;

import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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

    private PostgresSinks() {}

    /** Returns the idempotent upsert sink of one output kind's rows, under a run id. */
    public static <T> JdbcSink<T> sink(OutputKind kind, JdbcSettings s, String runId) {
        return JdbcSink.<T>builder()
                .withQueryStatement(upsertSql(kind), new Binder<T>(kind, runId))
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(BATCH_SIZE)
                        .withBatchIntervalMs(BATCH_INTERVAL_MS)
                        .withMaxRetries(MAX_RETRIES)
                        .build())
                .buildAtLeastOnce(s.connectionOptions());
    }

    /**
     * Returns {@code INSERT INTO table (run_id, id, columns…) VALUES (?, …) ON CONFLICT (run_id,
     * id) DO UPDATE SET column = EXCLUDED.column, …, written_at = now()} for a kind's table
     * columns, then the kind's guard; a JSON column's placeholder is cast ({@code ?::jsonb}).
     */
    public static String upsertSql(OutputKind kind) {
        List<String> names = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        for (Column<?> c : kind.spec().columns()) {
            if (c.sql() != null) {
                names.add(c.sql());
                placeholders.add(c.type() == Column.Type.JSON ? "?::jsonb" : "?");
            }
        }
        String updates = names.stream().map(n -> n + " = EXCLUDED." + n)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + kind.table() + " (run_id, id, " + String.join(", ", names) + ") "
                + "VALUES (?, ?, " + String.join(", ", placeholders) + ") "
                + "ON CONFLICT (run_id, id) DO UPDATE SET " + updates + ", written_at = now()"
                + kind.spec().sqlSuffix();
    }

    /** Binds a row: the run id, the row's id, then each table column of the kind in order. */
    static final class Binder<T> implements JdbcStatementBuilder<T> {
        private static final long serialVersionUID = 1L;
        private final OutputKind kind;
        private final String runId;

        Binder(OutputKind kind, String runId) {
            this.kind = kind;
            this.runId = runId;
        }

        @Override
        public void accept(PreparedStatement ps, T v) throws SQLException {
            OutputSpec<T> spec = kind.spec();
            ps.setString(1, runId);
            ps.setString(2, spec.id().apply(v));
            int i = 3;
            for (Column<T> c : spec.columns()) {
                if (c.sql() != null) {
                    bind(ps, i++, c.type(), c.value().apply(v));
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, int i, Column.Type type, Object v)
            throws SQLException {
        switch (type) {
            case INT -> ps.setLong(i, ((Number) v).longValue());
            case REAL -> setDouble(ps, i, v == null ? null : ((Number) v).doubleValue());
            case TIME -> setTimestamp(ps, i, (Long) v);
            case DECIMAL -> setDecimal(ps, i, (BigDecimal) v);
            case JSON -> setJson(ps, i, (String) v);
            case BOOL -> ps.setBoolean(i, (Boolean) v);
            default -> ps.setString(i, (String) v);
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
