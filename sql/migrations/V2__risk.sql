-- Risk rulebook outputs (PostgreSQL 15+): circuit-breaker trips, risk tier changes, reserve pool
-- movements, the audit of control commands and notifications. Same conventions as V1: run_id in
-- every primary key, deterministic row ids upserted with ON CONFLICT (run_id, id) DO UPDATE,
-- timestamptz for event times, written_at for when the job last wrote the row.

-- one row per breaker trip (R-CB-1..5), updated in place when it resolves
CREATE TABLE circuit_breaker_events (
    run_id           text             NOT NULL,
    id               text             NOT NULL,
    account          text             NOT NULL,
    type             text             NOT NULL
        CHECK (type IN ('daily_loss', 'position_loss', 'stop_outs', 'manual')),
    status           text             NOT NULL CHECK (status IN ('tripped', 'resolved')),
    threshold        double precision,
    actual           double precision,
    ticker           text,
    cooldown_expires timestamptz,
    tripped_at       timestamptz      NOT NULL,
    resolved_at      timestamptz,
    reason           text,
    written_at       timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX circuit_breaker_events_account_ts ON circuit_breaker_events (run_id, account, tripped_at);

-- one change of an account's risk tier with the metrics behind it (R-RISK-1, R-POOL-4, set-tier)
CREATE TABLE risk_tier_history (
    run_id          text             NOT NULL,
    id              text             NOT NULL,
    account         text             NOT NULL,
    from_tier       text,
    to_tier         text             NOT NULL,
    reason          text             NOT NULL,
    win_rate        double precision,
    drawdown        double precision NOT NULL,
    reserve_pct     double precision NOT NULL,
    portfolio_value double precision NOT NULL,
    ts              timestamptz      NOT NULL,
    written_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX risk_tier_history_account_ts ON risk_tier_history (run_id, account, ts);

-- one movement of the reserve pool (R-POOL-1 siphon, R-POOL-4 release), with the balance after it
CREATE TABLE reserve_pool_ledger (
    run_id        text           NOT NULL,
    id            text           NOT NULL,
    account       text           NOT NULL,
    kind          text           NOT NULL CHECK (kind IN ('siphon', 'release')),
    amount        numeric(18, 4) NOT NULL,
    balance_after numeric(18, 4) NOT NULL,
    position_id   text,
    profit        numeric(18, 4),
    reason        text,
    ts            timestamptz    NOT NULL,
    written_at    timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX reserve_pool_ledger_account_ts ON reserve_pool_ledger (run_id, account, ts);

-- every control command as one account applied or refused it (R-CB-5)
CREATE TABLE config_audit (
    run_id         text        NOT NULL,
    id             text        NOT NULL,
    command_id     text        NOT NULL,
    account        text        NOT NULL,
    command        text        NOT NULL,
    key            text,
    previous_value text,
    new_value      text,
    issued_by      text,
    status         text        NOT NULL CHECK (status IN ('accepted', 'rejected')),
    reason         text,
    ts             timestamptz NOT NULL,
    written_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX config_audit_account_ts ON config_audit (run_id, account, ts);
CREATE INDEX config_audit_command_id ON config_audit (run_id, command_id);

-- notifications for the notifier (R-NOTE-1); the notifier moves status on (sent, rate_limited …)
CREATE TABLE notifications (
    run_id     text        NOT NULL,
    id         text        NOT NULL,
    account    text        NOT NULL,
    kind       text        NOT NULL,
    message    text,
    ts         timestamptz NOT NULL,
    status     text        NOT NULL DEFAULT 'pending',
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX notifications_account_ts ON notifications (run_id, account, ts);
CREATE INDEX notifications_status ON notifications (run_id, status);

-- the job writes (upserts: insert + update, never delete); analysts (notebooks) only read.
-- V1's default privileges already cover these tables; the grants are explicit all the same, so
-- the schema does not depend on which role ran V1.
GRANT SELECT, INSERT, UPDATE ON circuit_breaker_events, risk_tier_history, reserve_pool_ledger,
    config_audit, notifications
    TO tradeflow_writer;
GRANT SELECT ON circuit_breaker_events, risk_tier_history, reserve_pool_ledger, config_audit,
    notifications
    TO tradeflow_writer, tradeflow_analyst;
