package io.tradeflow.io.jdbc;

import io.tradeflow.rules.metrics.TradeRecord;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Records a backtest in {@code backtest_runs} (R-BT-1): {@code running} when it starts, then
 * {@code done} with the data it read, its metrics and its trades ({@code backtest_trades}), or
 * {@code failed} with the error; the rows its job wrote stay either way. Safe to repeat: a run
 * id started again starts over.
 */
public final class BacktestRuns {
    private BacktestRuns() {}

    /** What a finished run read and measured. */
    public record Finished(LocalDate firstDate, LocalDate lastDate, long bars, long decisions,
            long dataGaps, String metricsJson, List<TradeRecord> trades) {}

    public static void start(JdbcSettings s, String runId, String runtimeMode,
            String parametersJson, LocalDate from, LocalDate to) {
        update(s, runId, "INSERT INTO backtest_runs (run_id, runtime_mode, parameters, range_from,"
                + " range_to, status) VALUES (?, ?, ?::jsonb, ?, ?, 'running') "
                + "ON CONFLICT (run_id) DO UPDATE SET runtime_mode = EXCLUDED.runtime_mode, "
                + "parameters = EXCLUDED.parameters, range_from = EXCLUDED.range_from, "
                + "range_to = EXCLUDED.range_to, first_date = NULL, last_date = NULL, "
                + "bars = NULL, decisions = NULL, data_gaps = NULL, status = 'running', "
                + "error = NULL, "
                + "metrics = NULL, started_at = now(), finished_at = NULL", ps -> {
                    ps.setString(1, runId);
                    ps.setString(2, runtimeMode);
                    ps.setString(3, parametersJson);
                    ps.setObject(4, from == null ? null : Date.valueOf(from), Types.DATE);
                    ps.setObject(5, to == null ? null : Date.valueOf(to), Types.DATE);
                });
    }

    public static void done(JdbcSettings s, String runId, Finished f) {
        try (Connection c = s.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE backtest_runs SET "
                    + "status = 'done', first_date = ?, last_date = ?, bars = ?, decisions = ?, "
                    + "data_gaps = ?, metrics = ?::jsonb, finished_at = now() WHERE run_id = ?")) {
                ps.setObject(1, f.firstDate() == null ? null : Date.valueOf(f.firstDate()),
                        Types.DATE);
                ps.setObject(2, f.lastDate() == null ? null : Date.valueOf(f.lastDate()),
                        Types.DATE);
                ps.setLong(3, f.bars());
                ps.setLong(4, f.decisions());
                ps.setLong(5, f.dataGaps());
                ps.setString(6, f.metricsJson());
                ps.setString(7, runId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_trades (run_id, "
                    + "id, account, ticker, side, quantity, entry_ts, entry_price, exit_ts, "
                    + "exit_price, realized_pnl, return_pct, reason, instrument, modelled) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (run_id, id) "
                    + "DO UPDATE SET account = EXCLUDED.account, ticker = EXCLUDED.ticker, "
                    + "side = EXCLUDED.side, quantity = EXCLUDED.quantity, "
                    + "entry_ts = EXCLUDED.entry_ts, entry_price = EXCLUDED.entry_price, "
                    + "exit_ts = EXCLUDED.exit_ts, exit_price = EXCLUDED.exit_price, "
                    + "realized_pnl = EXCLUDED.realized_pnl, return_pct = EXCLUDED.return_pct, "
                    + "reason = EXCLUDED.reason, instrument = EXCLUDED.instrument, "
                    + "modelled = EXCLUDED.modelled")) {
                for (TradeRecord t : f.trades()) {
                    ps.setString(1, runId);
                    ps.setString(2, t.positionId());
                    ps.setString(3, t.account());
                    ps.setString(4, t.ticker());
                    ps.setString(5, t.side());
                    ps.setLong(6, t.quantity());
                    ps.setTimestamp(7, Timestamp.from(Instant.ofEpochMilli(t.entryTs())));
                    ps.setDouble(8, t.entryPrice());
                    ps.setTimestamp(9, Timestamp.from(Instant.ofEpochMilli(t.exitTs())));
                    ps.setDouble(10, t.exitPrice());
                    ps.setBigDecimal(11, t.realizedPnl());
                    ps.setDouble(12, t.returnPct());
                    ps.setString(13, t.reason());
                    ps.setString(14, t.instrument());
                    ps.setBoolean(15, t.modelled());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record backtest " + runId + " in " + s, e);
        }
    }

    public static void failed(JdbcSettings s, String runId, Throwable error) {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        update(s, runId, "UPDATE backtest_runs SET status = 'failed', error = ?, "
                + "finished_at = now() WHERE run_id = ?", ps -> {
                    ps.setString(1, text);
                    ps.setString(2, runId);
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void update(JdbcSettings s, String runId, String sql, Binder binder) {
        try (Connection c = s.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record backtest " + runId + " in " + s, e);
        }
    }
}
