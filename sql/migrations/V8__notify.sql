-- Notification delivery (R-NOTE-1): tradeflow notify delivers pending rows outside the job (never
-- on the decision path) and records the outcome here: status sent, failed (after its retries) or
-- rate_limited (the channel's hourly limit was reached), the channel, the attempts, the last
-- error and when it was delivered. The job's upserts never touch these columns.
ALTER TABLE notifications
    ADD COLUMN channel      text,
    ADD COLUMN attempts     integer     NOT NULL DEFAULT 0,
    ADD COLUMN error        text,
    ADD COLUMN delivered_at timestamptz,
    ADD CONSTRAINT notifications_status_known
        CHECK (status IN ('pending', 'sent', 'failed', 'rate_limited'));
CREATE INDEX notifications_delivered ON notifications (channel, delivered_at);
