package io.tradeflow.ordering;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** The filed records in filing order, each in time order, read from {@link #next}. */
    private List<E>[] filed = newLists(8);
    private int[] next = new int[8];
    /** The time of each filed record's next event. */
    private long[] heads = new long[8];
    private int count;
    private int size;

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
        if (count == 0) {
            return null;
        }
        long first = heads[0];
        for (int i = 1; i < count; i++) {
            first = Math.min(first, heads[i]);
        }
        return first;
    }

    /** Removes and returns the events at a time, in {@code order} (stable: ties as filed). */
    List<E> take(long at) {
        List<E> events = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            List<E> record = filed[i];
            int j = next[i];
            if (heads[i] == at) {
                int n = record.size();
                do {
                    events.add(record.get(j++));
                } while (j < n && timeOf.applyAsLong(record.get(j)) == at);
                if (j == n) {
                    continue; // drained: dropped, the others keep their filing order
                }
                heads[i] = timeOf.applyAsLong(record.get(j));
            }
            filed[kept] = record;
            next[kept] = j;
            heads[kept] = heads[i];
            kept++;
        }
        Arrays.fill(filed, kept, count, null);
        count = kept;
        events.sort(order);
        size -= events.size();
        return events;
    }

    /** Buffers again, in their order, the events at a time that were taken but not handled. */
    void putBack(long at, List<E> rest) {
        // ahead of every filed record: nothing else is buffered at that time any more
        ensureRoom();
        System.arraycopy(filed, 0, filed, 1, count);
        System.arraycopy(next, 0, next, 1, count);
        System.arraycopy(heads, 0, heads, 1, count);
        filed[0] = rest;
        next[0] = 0;
        heads[0] = at;
        count++;
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
            ensureRoom();
            filed[count] = record;
            next[count] = 0;
            heads[count] = timeOf.applyAsLong(record.get(0));
            count++;
        }
        arrivals.clear();
    }

    private boolean inTimeOrder(List<E> record) {
        long last = Long.MIN_VALUE;
        for (int i = 0, n = record.size(); i < n; i++) {
            long t = timeOf.applyAsLong(record.get(i));
            if (t < last) {
                return false;
            }
            last = t;
        }
        return true;
    }

    private void ensureRoom() {
        if (count == filed.length) {
            filed = Arrays.copyOf(filed, count * 2);
            next = Arrays.copyOf(next, count * 2);
            heads = Arrays.copyOf(heads, count * 2);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> List<E>[] newLists(int n) {
        return (List<E>[]) new List<?>[n];
    }
}
