-- Exits (PostgreSQL 15+): the history of every position's stop and target. Same conventions as
-- V1: run_id in the primary key, deterministic row ids upserted with ON CONFLICT (run_id, id) DO
-- UPDATE (a replay rewrites a row with the same values), timestamptz for event times, written_at
-- for when the job last wrote the row.

-- one setting of a position's levels: the initial stop and target (R-STOP-1, R-STOP-2), then every
-- move (R-STOP-4 breakeven, R-STOP-5 re-evaluation, R-STOP-6/R-STOP-7 tightening, R-MOVE-1).
-- A history: each change is its own row, never overwritten by a later one.
CREATE TABLE position_stop_levels (
    run_id          text             NOT NULL,
    id              text             NOT NULL,
    account         text             NOT NULL,
    position_id     text             NOT NULL,
    ticker          text             NOT NULL,
    ts              timestamptz      NOT NULL,
    stop            double precision NOT NULL,
    target          double precision NOT NULL,
    previous_stop   double precision,
    previous_target double precision,
    rule            text             NOT NULL,
    reason          text,
    atr             double precision,
    written_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX position_stop_levels_position_ts ON position_stop_levels (run_id, position_id, ts);

-- the job writes (upserts: insert + update, never delete); analysts (notebooks) only read.
GRANT SELECT, INSERT, UPDATE ON position_stop_levels TO tradeflow_writer;
GRANT SELECT ON position_stop_levels TO tradeflow_writer, tradeflow_analyst;
