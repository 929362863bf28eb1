package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;

/**
 * Gives an account what it may do to the world: read event time, emit outputs, schedule
 * deadlines — implemented by the Flink operator and by the plain runner.
 */
public interface EngineContext {
    /** Returns the event time being handled: the only clock an account reads. */
    long now();

    /** Returns the id of the account being handled. */
    String account();

    /** Emits an output stamped with {@link #now()}. */
    void emit(AccountOutput out);

    /** Schedules a deadline at or after {@link #now()}. */
    void schedule(long at, String kind, String ref);

    /** Reports a broker fill the account did not apply (a dead letter, R-FILL-1). */
    void rejectFill(RejectedFill rejected);

    /** Marks that a decision was made now, for the event-to-decision latency metric. */
    default void decided() {}
}
