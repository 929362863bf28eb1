-- Tradeflow core schema (PostgreSQL 15+).
-- Every table carries run_id: live runs, backtests and demos share one schema and a run never
-- overwrites another. Row ids are deterministic, so the job's idempotent upserts
-- (ON CONFLICT (run_id, id) DO UPDATE) make a replay rewrite the same rows.
-- Timestamps are timestamptz (the events carry epoch millis, written as UTC instants).

CREATE TABLE runs (
    run_id       text        PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('live', 'backtest', 'demo')),
    runtime_mode text,
    started_at   timestamptz NOT NULL DEFAULT now(),
    config       jsonb,
    note         text
);

-- one evaluation of a recommendation for one account (R-REC-1)
CREATE TABLE trading_decisions (
    run_id            text             NOT NULL,
    id                text             NOT NULL,
    account           text             NOT NULL,
    recommendation_id text,
    ticker            text,
    ts                timestamptz      NOT NULL,
    action            text,
    decision          text             NOT NULL CHECK (decision IN ('act', 'skip')),
    reason            text,
    quantity          bigint           NOT NULL,
    limit_price       double precision,
    stop_price        double precision,
    target_price      double precision,
    tier              text,
    trace             jsonb,
    written_at        timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX trading_decisions_account_ts ON trading_decisions (run_id, account, ts);
CREATE INDEX trading_decisions_reason ON trading_decisions (run_id, reason);

-- the latest state of each order; id = client order id
CREATE TABLE orders (
    run_id      text             NOT NULL,
    id          text             NOT NULL,
    account     text             NOT NULL,
    decision_id text,
    position_id text,
    ticker      text             NOT NULL,
    side        text             NOT NULL,
    type        text             NOT NULL,
    quantity    bigint           NOT NULL,
    limit_price double precision,
    ts          timestamptz      NOT NULL,
    status      text             NOT NULL,
    reason      text,
    updated_ts  timestamptz      NOT NULL,
    written_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX orders_account_ts ON orders (run_id, account, ts);

-- one execution; id = client_order_id || ':' || ts in epoch millis
CREATE TABLE fills (
    run_id          text             NOT NULL,
    id              text             NOT NULL,
    client_order_id text             NOT NULL,
    account         text             NOT NULL,
    ticker          text             NOT NULL,
    side            text             NOT NULL,
    quantity        bigint           NOT NULL,
    price           double precision NOT NULL,
    commission      double precision NOT NULL,
    ts              timestamptz      NOT NULL,
    written_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX fills_client_order_id ON fills (run_id, client_order_id);

-- the latest state of each position; id = position id
CREATE TABLE positions (
    run_id       text             NOT NULL,
    id           text             NOT NULL,
    account      text             NOT NULL,
    ticker       text             NOT NULL,
    side         text             NOT NULL,
    quantity     bigint           NOT NULL,
    entry_price  double precision NOT NULL,
    stop_price   double precision,
    target_price double precision,
    status       text             NOT NULL,
    opened_ts    timestamptz      NOT NULL,
    ts           timestamptz      NOT NULL,
    exit_price   double precision,
    realized_pnl numeric(18, 4),
    reason       text,
    written_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX positions_account_ts ON positions (run_id, account, ts);

-- every rejected input record, with what is needed to find and replay it
CREATE TABLE dead_letters (
    run_id     text        NOT NULL,
    id         text        NOT NULL,
    source     text,
    position   text,
    reason     text        NOT NULL,
    detail     text,
    payload    text,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX dead_letters_reason ON dead_letters (run_id, reason);

-- how often each rule decided, per run and account
CREATE VIEW decision_reasons AS
SELECT run_id, account, decision, reason, count(*) AS count
FROM trading_decisions
GROUP BY run_id, account, decision, reason;

-- roles are cluster-wide: create them once, whichever database migrates first
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeflow_writer') THEN
        CREATE ROLE tradeflow_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeflow_analyst') THEN
        CREATE ROLE tradeflow_analyst NOLOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO tradeflow_writer, tradeflow_analyst', current_schema());
END
$$;

-- the job writes (upserts: insert + update, never delete); analysts (notebooks) only read
GRANT SELECT, INSERT, UPDATE ON runs, trading_decisions, orders, fills, positions, dead_letters
    TO tradeflow_writer;
GRANT SELECT ON runs, trading_decisions, orders, fills, positions, dead_letters, decision_reasons
    TO tradeflow_writer, tradeflow_analyst;

-- tables and views that later migrations create (as the same owner) follow the same rules
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE ON TABLES TO tradeflow_writer;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO tradeflow_analyst;
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO tradeflow_writer;
