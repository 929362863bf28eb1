package io.tradeflow.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Holds a map of the current account's state by string key (a Flink map state, or a plain map).
 * Iteration order is unspecified and differs between backends: anything that sums or emits in
 * iteration order must sort first.
 */
public interface Table<V> {
    /** Returns the value under the key, or {@code null}. */
    V get(String key);

    void put(String key, V value);

    void remove(String key);

    boolean contains(String key);

    boolean isEmpty();

    Iterable<V> values();

    Iterable<Map.Entry<String, V>> entries();

    /** Removes the entries whose value matches {@code expired}; returns whether any is left. */
    default boolean removeIf(Predicate<V> expired) {
        List<String> gone = new ArrayList<>();
        boolean left = false;
        for (Map.Entry<String, V> e : entries()) {
            if (expired.test(e.getValue())) {
                gone.add(e.getKey());
            } else {
                left = true;
            }
        }
        gone.forEach(this::remove);
        return left;
    }
}
