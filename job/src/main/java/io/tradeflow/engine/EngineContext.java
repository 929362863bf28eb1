package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;

/** Gives the parts of an account engine what they may do: read event time, emit, schedule. */
interface EngineContext {
    long now();

    String account();

    void emit(AccountOutput out);

    void schedule(long at, String kind, String ref) throws Exception;
}
