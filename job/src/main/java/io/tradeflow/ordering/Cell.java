package io.tradeflow.ordering;

/** Holds one value of the current account's state (a Flink value state, or a plain field). */
public interface Cell<V> {
    /** Returns the value, or {@code null} when unset. */
    V get();

    void set(V value);

    void clear();
}
