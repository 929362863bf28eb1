package io.tradeflow.ordering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * BATCH: the current key's buffered events by time, a plain map (it only ever holds one key's
 * events, bounded by the runs of the current time, never the key's history).
 *
 * <p>The records that arrive at the current time are kept together and filed under their events'
 * times only when the earliest time is asked for, which {@link EventTimeOrderedFunction} does only
 * once time has moved on: then every record of that time has arrived, and they are filed in the
 * tie order of their first events. A run holds one ticker's events of a day and a day's runs arrive
 * at its first minute in no particular order: filed so, every later time's events are in tie order
 * already, and the sort of {@link #take} is one pass instead of a sort of 50 ticks at every minute
 * of a 50-ticker account. That sort stays what decides the order.
 */
final class BatchBuffer<E> {
    private final ToLongFunction<E> timeOf;
    private final Comparator<E> order;
    private final TreeMap<Long, List<E>> byTime = new TreeMap<>();
    /** The events of the records that arrived at the current time, a record's together. */
    private final List<List<E>> arrivals = new ArrayList<>();
    private int size;

    BatchBuffer(ToLongFunction<E> timeOf, Comparator<E> order) {
        this.timeOf = timeOf;
        this.order = order;
    }

    /** Buffers a record's events (at or after the current time). */
    void add(List<E> parts) {
        arrivals.add(parts);
        size += parts.size();
    }

    /** Returns the number of events buffered. */
    int size() {
        return size;
    }

    /** Returns the earliest time with buffered events, or null when there is none. */
    Long firstTime() {
        if (!arrivals.isEmpty()) {
            file();
        }
        return byTime.isEmpty() ? null : byTime.firstKey();
    }

    /** Removes and returns the events at a time, in {@code order} (stable: ties as filed). */
    List<E> take(long at) {
        List<E> events = byTime.remove(at);
        events.sort(order);
        size -= events.size();
        return events;
    }

    /** Buffers again, in their order, the events at a time that were taken but not handled. */
    void putBack(long at, List<E> rest) {
        byTime.put(at, rest);
        size += rest.size();
    }

    private void file() {
        if (arrivals.size() > 1) {
            arrivals.sort((a, b) -> order.compare(a.get(0), b.get(0)));
        }
        for (List<E> parts : arrivals) {
            for (E e : parts) {
                byTime.computeIfAbsent(timeOf.applyAsLong(e), k -> new ArrayList<>(2)).add(e);
            }
        }
        arrivals.clear();
    }
}
