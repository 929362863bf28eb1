-- Fill executions (PostgreSQL 15+, R-FILL-1): every fill carries the broker's execution id and the
-- engine applies each execution id once, so the fills table is keyed by it. Same conventions as
-- V1: run_id in the primary key, deterministic row ids upserted with ON CONFLICT (run_id, id).
--
-- id becomes the execution id (it was client_order_id || ':' || epoch millis of ts): the rows of
-- earlier runs keep their id, which becomes their execution id, and the CHECK holds every row to
-- id = execution_id, so (run_id, id) is the key by execution id. Simulated fills (paper and
-- backtest accounts) have ids derived from the order, the time and the quantity filled before.
-- late_ms: how far behind the engine's event time the fill was applied (0 when in order); a late
-- fill is a fact and is still applied.
ALTER TABLE fills ADD COLUMN execution_id text;
UPDATE fills SET execution_id = id;
ALTER TABLE fills ALTER COLUMN execution_id SET NOT NULL;
ALTER TABLE fills ADD CONSTRAINT fills_id_is_execution_id CHECK (id = execution_id);
ALTER TABLE fills ADD COLUMN late_ms bigint NOT NULL DEFAULT 0 CHECK (late_ms >= 0);
