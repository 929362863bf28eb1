package io.tradeflow.ordering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
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
 *
 * <p>Tie groups, when the owner gives them ({@link EventTimeOrderedFunction#tieGroup}): events of
 * two different groups are ordered by their groups alone (an account's ticks by ticker). A record
 * whose events share one group (a run of one ticker's ticks) is then in the same place among such
 * records at every time: the records at the front of the filing order whose groups rise from one
 * to the next (checked once, with their heads, when they join) give their events at a time in
 * order already, and {@link #take} sorts only the others' and merges them in (one comparison a
 * record instead of the sort's one a tick at each time: 16 % of a 50-ticker account stage).
 */
final class BatchBuffer<E> {
    private final ToLongFunction<E> timeOf;
    private final Comparator<E> order;
    private final Function<E, Object> groupOf;
    private final Comparator<E> byTime;
    /** The events of the records that arrived at the current time, a record's together. */
    private final List<List<E>> arrivals = new ArrayList<>();
    /** The filed records in filing order, each read from its head. */
    private final List<Filed<E>> filed = new ArrayList<>();
    /** How many filed records, from the first, have one group each, rising from one to the next. */
    private int ordered;
    private int size;

    /**
     * A filed record: its events in time order, the next one to take and that one's time, and
     * the group all its events share (null: none, or not all one).
     */
    private static final class Filed<E> {
        final List<E> events;
        final Object group;
        int next;
        long head;

        Filed(List<E> events, long head, Object group) {
            this.events = events;
            this.head = head;
            this.group = group;
        }
    }

    /** A buffer without tie groups: every time's events are sorted. */
    BatchBuffer(ToLongFunction<E> timeOf, Comparator<E> order) {
        this(timeOf, order, e -> null);
    }

    /**
     * @param groupOf an event's tie group, or null: events of two different groups compare by
     *     their groups alone, never equal
     */
    BatchBuffer(ToLongFunction<E> timeOf, Comparator<E> order, Function<E, Object> groupOf) {
        this.timeOf = timeOf;
        this.order = order;
        this.groupOf = groupOf;
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
        extendOrdered();
        List<E> events = new ArrayList<>();
        int inOrder = 0; // the first events, in order: one each from records of the ordered ones
        for (int i = 0; i < filed.size(); i++) {
            Filed<E> f = filed.get(i);
            if (f.head == at) {
                int before = events.size();
                int n = f.events.size();
                do {
                    events.add(f.events.get(f.next++));
                } while (f.next < n && timeOf.applyAsLong(f.events.get(f.next)) == at);
                f.head = f.next < n ? timeOf.applyAsLong(f.events.get(f.next)) : Long.MAX_VALUE;
                if (i < ordered && inOrder == before && events.size() == before + 1) {
                    inOrder++;
                }
            }
        }
        removeDrained();
        size -= events.size();
        if (inOrder < events.size()) {
            return merge(events, inOrder);
        }
        return events;
    }

    /** Buffers again, in their order, the events at a time that were taken but not handled. */
    void putBack(long at, List<E> rest) {
        // ahead of every filed record: nothing else is buffered at that time any more
        filed.add(0, new Filed<>(rest, at, null));
        ordered = 0;
        size += rest.size();
    }

    /** Lets the records after the ordered ones join them while their groups keep rising. */
    private void extendOrdered() {
        while (ordered < filed.size()) {
            Filed<E> f = filed.get(ordered);
            if (f.group == null) {
                return;
            }
            if (ordered > 0) {
                Filed<E> last = filed.get(ordered - 1);
                if (last.group.equals(f.group) || order.compare(last.events.get(last.next),
                        f.events.get(f.next)) >= 0) {
                    return;
                }
            }
            ordered++;
        }
    }

    /** Drops the drained records; the others keep their filing order, the ordered ones theirs. */
    private void removeDrained() {
        int kept = 0;
        int orderedKept = 0;
        for (int i = 0; i < filed.size(); i++) {
            Filed<E> f = filed.get(i);
            if (f.next < f.events.size()) {
                filed.set(kept++, f);
                orderedKept += i < ordered ? 1 : 0;
            }
        }
        filed.subList(kept, filed.size()).clear();
        ordered = orderedKept;
    }

    /**
     * Returns the events in {@code order}, stable, the first {@code inOrder} of which are in it
     * already: the others are sorted and each put after the first ones not above it.
     */
    private List<E> merge(List<E> events, int inOrder) {
        if (inOrder < 2) {
            events.sort(order);
            return events;
        }
        List<E> rest = new ArrayList<>(events.subList(inOrder, events.size()));
        rest.sort(order);
        List<E> merged = new ArrayList<>(events.size());
        int from = 0;
        for (E r : rest) {
            int lo = from;
            int hi = inOrder; // the first of events[from, inOrder) above r, by binary search
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(events.get(mid), r) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            merged.addAll(events.subList(from, lo));
            merged.add(r);
            from = lo;
        }
        merged.addAll(events.subList(from, inOrder));
        return merged;
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
            filed.add(new Filed<>(record, timeOf.applyAsLong(record.get(0)), group(record)));
        }
        arrivals.clear();
    }

    /** Returns the group every event of a record has, or null. */
    private Object group(List<E> record) {
        Object group = groupOf.apply(record.get(0));
        if (group != null) {
            for (E e : record) {
                if (!group.equals(groupOf.apply(e))) {
                    return null;
                }
            }
        }
        return group;
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
