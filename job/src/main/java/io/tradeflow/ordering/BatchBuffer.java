package io.tradeflow.ordering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * BATCH: the current key's buffered events by time (it only ever holds one key's events, bounded
 * by the runs of the current time, never the key's history).
 *
 * <p>The records that arrive at the current time are kept together and filed only when the
 * earliest time is asked for, which {@link EventTimeOrderedFunction} does only once time has moved
 * on: then every record of that time has arrived, and they are filed in the tie order of their
 * first events. A run holds one ticker's events of a day and a day's runs arrive at its first
 * minute in no particular order: filed so, every later time's events are in tie order already, and
 * the sort of {@link #take} is one pass instead of a sort of 50 ticks at every minute of a
 * 50-ticker account. That sort stays what decides the order.
 *
 * <p>A filed record stays a list in time order (put in time order when filed, if it was not),
 * read from its head: the events at a time are the heads at that time, taken from the records in
 * the order they were filed, so no event is filed again one by one, and the earliest time is the
 * least of the heads.
 */
final class BatchBuffer<E> {
    private final ToLongFunction<E> timeOf;
    private final Comparator<E> order;
    private final Comparator<E> byTime;
    /** The events of the records that arrived at the current time, a record's together. */
    private final List<List<E>> arrivals = new ArrayList<>();
    /** The filed records in filing order, each read from its head. */
    private final List<Filed<E>> filed = new ArrayList<>();
    private int size;

    /** A filed record: its events in time order, the next one to take and that one's time. */
    private static final class Filed<E> {
        final List<E> events;
        int next;
        long head;

        Filed(List<E> events, long head) {
            this.events = events;
            this.head = head;
        }
    }

    BatchBuffer(ToLongFunction<E> timeOf, Comparator<E> order) {
        this.timeOf = timeOf;
        this.order = order;
        this.byTime = Comparator.comparingLong(timeOf);
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
        if (filed.isEmpty()) {
            return null;
        }
        long first = Long.MAX_VALUE;
        for (Filed<E> f : filed) {
            first = Math.min(first, f.head);
        }
        return first;
    }

    /** Removes and returns the events at a time, in {@code order} (stable: ties as filed). */
    List<E> take(long at) {
        List<E> events = new ArrayList<>();
        for (Filed<E> f : filed) {
            if (f.head == at) {
                int n = f.events.size();
                do {
                    events.add(f.events.get(f.next++));
                } while (f.next < n && timeOf.applyAsLong(f.events.get(f.next)) == at);
                f.head = f.next < n ? timeOf.applyAsLong(f.events.get(f.next)) : Long.MAX_VALUE;
            }
        }
        // drained records go, the others keep their filing order
        filed.removeIf(f -> f.next == f.events.size());
        events.sort(order);
        size -= events.size();
        return events;
    }

    /** Buffers again, in their order, the events at a time that were taken but not handled. */
    void putBack(long at, List<E> rest) {
        // ahead of every filed record: nothing else is buffered at that time any more
        filed.add(0, new Filed<>(rest, at));
        size += rest.size();
    }

    private void file() {
        if (arrivals.size() > 1) {
            arrivals.sort((a, b) -> order.compare(a.get(0), b.get(0)));
        }
        for (List<E> parts : arrivals) {
            List<E> record = parts;
            if (!inTimeOrder(record)) {
                record = new ArrayList<>(parts);
                record.sort(byTime); // stable: a record's events of one time keep its order
            }
            filed.add(new Filed<>(record, timeOf.applyAsLong(record.get(0))));
        }
        arrivals.clear();
    }

    private boolean inTimeOrder(List<E> record) {
        long last = Long.MIN_VALUE;
        for (E e : record) {
            long t = timeOf.applyAsLong(e);
            if (t < last) {
                return false;
            }
            last = t;
        }
        return true;
    }
}
