-- R-REC-2: every comparison of an account's book with a broker position snapshot, and every
-- adoption of the broker's state by an operator (ctl reconcile --accept): both sides and the
-- difference, so a break can be explained after the fact
CREATE TABLE reconciliations (
    run_id           text             NOT NULL,
    id               text             NOT NULL,
    account          text             NOT NULL,
    snapshot_id      text             NOT NULL,
    ts               timestamptz      NOT NULL,
    status           text             NOT NULL CHECK (status IN ('matched', 'mismatch', 'accepted')),
    book_cash        numeric(18, 4)   NOT NULL,
    broker_cash      numeric(18, 4)   NOT NULL,
    cash_difference  numeric(18, 4)   NOT NULL,
    differences      jsonb            NOT NULL,
    book_positions   jsonb            NOT NULL,
    broker_positions jsonb            NOT NULL,
    tolerance        double precision NOT NULL,
    issued_by        text,
    written_at       timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, id)
);
CREATE INDEX reconciliations_account ON reconciliations (run_id, account, ts);

GRANT SELECT, INSERT, UPDATE ON reconciliations TO tradeflow_writer;
GRANT SELECT ON reconciliations TO tradeflow_analyst;
