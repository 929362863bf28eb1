package io.tradeflow.engine;

/**
 * Remembers one broker execution the account applied (engine state, R-FILL-1), so that a repeat
 * of its execution id is not applied again.
 *
 * @param clientOrderId its order: the id is kept at least while the order works
 * @param ts the event time it was applied at
 */
public record AppliedExecution(String clientOrderId, long ts) {}
