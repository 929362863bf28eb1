-- Portfolio snapshots (PostgreSQL 15+), R-MET-1: every account's portfolio every 5 minutes of
-- market time during the regular session and at each close. Same conventions as V1: run_id in
-- the primary key, deterministic row ids upserted with ON CONFLICT (run_id, id) DO UPDATE, event
-- times as timestamptz, written_at for when the job last wrote the row. A history: one row per
-- snapshot, never overwritten by a later one.
CREATE TABLE portfolio_snapshots (
    run_id          text             NOT NULL,
    id              text             NOT NULL,
    account         text             NOT NULL,
    ts              timestamptz      NOT NULL,
    kind            text             NOT NULL CHECK (kind IN ('interval', 'close')),
    portfolio_value double precision NOT NULL,
    cash            numeric          NOT NULL,
    active_pool     double precision NOT NULL,
    reserve         numeric          NOT NULL,
    positions_value double precision NOT NULL,
    unrealized_pnl  double precision NOT NULL,
    realized_pnl    numeric          NOT NULL,
    daily_pnl       double precision NOT NULL,
    heat            double precision NOT NULL,
    drawdown        double precision NOT NULL,
    max_drawdown    double precision NOT NULL,
    tier            text             NOT NULL,
    open_breakers   integer          NOT NULL,
    open_positions  integer          NOT NULL,
    written_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX portfolio_snapshots_account_ts ON portfolio_snapshots (run_id, account, ts);

-- the job writes (upserts: insert + update, never delete); analysts (notebooks) only read.
GRANT SELECT, INSERT, UPDATE ON portfolio_snapshots TO tradeflow_writer;
GRANT SELECT ON portfolio_snapshots TO tradeflow_writer, tradeflow_analyst;

-- Daily performance per account and run, from the close snapshots (R-MET-1): the same view
-- measures a live account and its backtest. Daily returns are close to close; Sharpe is the mean
-- over the sample standard deviation of the last 30 daily returns × √252 (null for fewer than
-- two returns or none varying), as PerformanceMetrics computes it; trades are the positions
-- closed by that day's close (a win above 0, a loss below; the profit factor Infinity without
-- a loss).
CREATE VIEW performance_daily AS
WITH closes AS (
    SELECT run_id, account, ts, (ts AT TIME ZONE 'America/New_York')::date AS day,
           portfolio_value, drawdown, max_drawdown, realized_pnl
    FROM portfolio_snapshots
    WHERE kind = 'close'
), returns AS (
    SELECT c.*,
           portfolio_value / lag(portfolio_value) OVER w - 1 AS daily_return
    FROM closes c
    WINDOW w AS (PARTITION BY run_id, account ORDER BY ts)
), rolling AS (
    SELECT r.*,
           count(daily_return) OVER w AS returns_30d,
           avg(daily_return) OVER w AS mean_30d,
           stddev_samp(daily_return) OVER w AS sd_30d
    FROM returns r
    WINDOW w AS (PARTITION BY run_id, account ORDER BY ts ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
)
SELECT r.run_id, r.account, r.day, r.portfolio_value, r.daily_return, r.returns_30d,
       CASE WHEN r.sd_30d > 0 THEN r.mean_30d / r.sd_30d * sqrt(252) END AS sharpe_30d,
       r.drawdown, r.max_drawdown, r.realized_pnl,
       t.trades, t.wins, t.losses,
       CASE WHEN t.trades > 0 THEN t.wins::double precision / t.trades END AS win_rate,
       t.average_win, t.average_loss,
       CASE WHEN t.gross_loss > 0 THEN (t.gross_win / t.gross_loss)::double precision
            WHEN t.gross_win > 0 THEN 'Infinity'::double precision END AS profit_factor
FROM rolling r
CROSS JOIN LATERAL (
    SELECT count(*) AS trades,
           count(*) FILTER (WHERE p.realized_pnl > 0) AS wins,
           count(*) FILTER (WHERE p.realized_pnl < 0) AS losses,
           avg(p.realized_pnl) FILTER (WHERE p.realized_pnl > 0) AS average_win,
           avg(p.realized_pnl) FILTER (WHERE p.realized_pnl < 0) AS average_loss,
           coalesce(sum(p.realized_pnl) FILTER (WHERE p.realized_pnl > 0), 0) AS gross_win,
           coalesce(-sum(p.realized_pnl) FILTER (WHERE p.realized_pnl < 0), 0) AS gross_loss
    FROM positions p
    WHERE p.run_id = r.run_id AND p.account = r.account AND p.status = 'closed'
      AND p.ts <= r.ts
) t;

GRANT SELECT ON performance_daily TO tradeflow_writer, tradeflow_analyst;
