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
