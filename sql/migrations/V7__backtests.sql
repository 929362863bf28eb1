-- Persisted backtests (PostgreSQL 15+), R-BT-1: one row per backtest run with its parameters,
-- the data it read, its status and metrics, and its closed trades. The decisions, orders, fills,
-- positions and snapshots of a run are in their own tables under the same run_id, kept when a
-- run fails (partial results).
CREATE TABLE backtest_runs (
    run_id        text        PRIMARY KEY,
    runtime_mode  text        NOT NULL,
    parameters    jsonb       NOT NULL,
    range_from    date,
    range_to      date,
    first_date    date,
    last_date     date,
    bars          bigint,
    decisions     bigint,
    data_gaps     bigint,
    status        text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    error         text,
    metrics       jsonb,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

-- a backtest's closed positions as trades (the rows of its trades.csv)
CREATE TABLE backtest_trades (
    run_id       text             NOT NULL,
    id           text             NOT NULL,
    account      text             NOT NULL,
    ticker       text             NOT NULL,
    side         text             NOT NULL,
    quantity     bigint           NOT NULL,
    entry_ts     timestamptz      NOT NULL,
    entry_price  double precision NOT NULL,
    exit_ts      timestamptz      NOT NULL,
    exit_price   double precision NOT NULL,
    realized_pnl numeric(18, 4)   NOT NULL,
    return_pct   double precision NOT NULL,
    reason       text,
    PRIMARY KEY (run_id, id)
);
CREATE INDEX backtest_trades_account ON backtest_trades (run_id, account, exit_ts);

-- holes in a run's bars (R-BT-1: reported, not fatal): bars missing within a trading day,
-- counted in the ticker's bar interval, or trading days without a bar
CREATE TABLE data_gaps (
    run_id     text        NOT NULL,
    id         text        NOT NULL,
    ticker     text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('bars', 'sessions')),
    from_ts    timestamptz NOT NULL,
    to_ts      timestamptz NOT NULL,
    missing    bigint      NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);

GRANT SELECT, INSERT, UPDATE ON backtest_runs, backtest_trades, data_gaps TO tradeflow_writer;
GRANT SELECT ON backtest_runs, backtest_trades, data_gaps TO tradeflow_writer, tradeflow_analyst;
