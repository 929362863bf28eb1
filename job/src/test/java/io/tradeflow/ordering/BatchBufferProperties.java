package io.tradeflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * {@link BatchBuffer} against a brute-force buffer: every event filed one by one in one list, in
 * filing order; the events at a time found by looking at all of them. Driven as
 * {@link EventTimeOrderedFunction} drives it in BATCH: records arrive at the current time (their
 * events at or after it, in any order), time moves on, every time before it is taken in order,
 * and some takes are interrupted (a deadline at that time) and put back what is left.
 */
class BatchBufferProperties {
    /** An event: its time, the key that orders ties, and an id that tells events apart. */
    record Ev(long time, int key, int id) {}

    /** Ties by key only: events of one key keep their filing order. */
    static final Comparator<Ev> ORDER = Comparator.comparingInt(Ev::key);
    /**
     * Ties of one key by id as well, one way at even times and the other at odd ones, as an
     * account's ticks of one ticker are by their text: two records of one key do not keep one
     * place against each other from one time to the next.
     */
    static final Comparator<Ev> BY_ID =
            ORDER.thenComparingInt(e -> e.time() % 2 == 0 ? e.id() : -e.id());

    /** One time's arrivals: records of (offset from the time, key); then how far time moves. */
    record Step(List<List<int[]>> records, int advance) {}

    @Property(tries = 300, seed = "20261207")
    void takesWhatTheBruteForceBufferTakes(@ForAll("steps") List<Step> steps,
            @ForAll("handled") List<Integer> handled) {
        List<String> expected = drive(new Model(ORDER), steps, handled);
        assertThat(drive(new Real(ORDER, false), steps, handled)).isEqualTo(expected);
        assertThat(drive(new Real(ORDER, true), steps, handled)).isEqualTo(expected);
        assertThat(drive(new Real(BY_ID, true), steps, handled))
                .isEqualTo(drive(new Model(BY_ID), steps, handled));
        long takes = expected.stream().filter(s -> s.startsWith("take")).count();
        Statistics.label("takes").collect(takes == 0 ? "none" : takes < 10 ? "1-9" : "10+");
        Statistics.label("put back").collect(expected.stream().anyMatch(s -> s.startsWith("take"))
                && handled.stream().anyMatch(h -> h > 0));
    }

    @Property(tries = 50)
    void aRecordOfManyTimesIsTakenAtEachOfThem(@ForAll("record") List<int[]> record) {
        Step one = new Step(List.of(record), 1);
        List<String> expected = drive(new Model(ORDER), List.of(one), List.of());
        assertThat(drive(new Real(ORDER, false), List.of(one), List.of())).isEqualTo(expected);
        assertThat(drive(new Real(ORDER, true), List.of(one), List.of())).isEqualTo(expected);
        assertThat(expected.stream().filter(s -> s.startsWith("take")).count())
                .isEqualTo(record.stream().mapToInt(e -> e[0]).distinct().count());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<List<List<int[]>>> records = record().list().ofMaxSize(4);
        return Combinators.combine(records, Arbitraries.integers().between(1, 3)).as(Step::new)
                .list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<int[]>> record() {
        Arbitrary<int[]> event = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 3)).as((offset, key) -> new int[] {offset, key});
        // the first event is at the record's own time; half the records of one key (a group,
        // as a run of one ticker's ticks), the others of any
        return Combinators.combine(Arbitraries.integers().between(0, 3), event.list().ofMaxSize(6),
                Arbitraries.of(true, false)).as((key, rest, oneKey) -> {
                    List<int[]> all = new ArrayList<>();
                    all.add(new int[] {0, key});
                    rest.forEach(e -> all.add(oneKey ? new int[] {e[0], key} : e));
                    return all;
                });
    }

    /** How many events of each take are handled before a deadline interrupts (0: none does). */
    @Provide
    Arbitrary<List<Integer>> handled() {
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(40);
    }

    /** Runs the steps and returns what was taken, and the size after each change. */
    private static List<String> drive(Buffer buffer, List<Step> steps, List<Integer> handled) {
        List<String> log = new ArrayList<>();
        Iterator<Integer> interrupt = handled.iterator();
        int id = 0;
        long now = 0;
        for (Step step : steps) {
            for (List<int[]> record : step.records()) {
                List<Ev> parts = new ArrayList<>();
                for (int[] e : record) {
                    parts.add(new Ev(now + e[0], e[1], id++));
                }
                buffer.add(parts);
                log.add("size " + buffer.size());
            }
            now += step.advance();
            drain(buffer, now - 1, interrupt, log);
        }
        drain(buffer, Long.MAX_VALUE, interrupt, log);
        return log;
    }

    private static void drain(Buffer buffer, long limit, Iterator<Integer> interrupt,
            List<String> log) {
        for (Long t = buffer.firstTime(); t != null && t <= limit; t = buffer.firstTime()) {
            List<Ev> events = buffer.take(t);
            log.add("take " + t + " " + events);
            int h = interrupt.hasNext() ? interrupt.next() : 0;
            if (h > 0 && h < events.size()) {
                buffer.putBack(t, new ArrayList<>(events.subList(h, events.size())));
            }
            log.add("size " + buffer.size());
        }
    }

    private interface Buffer {
        void add(List<Ev> parts);

        int size();

        Long firstTime();

        List<Ev> take(long at);

        void putBack(long at, List<Ev> rest);
    }

    /** The buffer, with each key a tie group (both orders put two keys by keys alone) or not. */
    private static final class Real implements Buffer {
        private final BatchBuffer<Ev> buffer;

        Real(Comparator<Ev> order, boolean groups) {
            buffer = groups ? new BatchBuffer<>(Ev::time, order, Ev::key)
                    : new BatchBuffer<>(Ev::time, order);
        }

        @Override
        public void add(List<Ev> parts) {
            buffer.add(parts);
        }

        @Override
        public int size() {
            return buffer.size();
        }

        @Override
        public Long firstTime() {
            return buffer.firstTime();
        }

        @Override
        public List<Ev> take(long at) {
            return buffer.take(at);
        }

        @Override
        public void putBack(long at, List<Ev> rest) {
            buffer.putBack(at, rest);
        }
    }

    /**
     * Files each event in one list, records ordered by their first events (stable), a record's
     * events in its own order; takes a time's events from that list in its order, then sorts
     * them by its order (stable); puts back ahead of everything.
     */
    private static final class Model implements Buffer {
        private final Comparator<Ev> order;
        private final List<List<Ev>> arrivals = new ArrayList<>();
        private final List<Ev> filed = new ArrayList<>();

        Model(Comparator<Ev> order) {
            this.order = order;
        }

        @Override
        public void add(List<Ev> parts) {
            arrivals.add(parts);
        }

        @Override
        public int size() {
            return filed.size() + arrivals.stream().mapToInt(List::size).sum();
        }

        @Override
        public Long firstTime() {
            arrivals.sort((a, b) -> order.compare(a.get(0), b.get(0)));
            arrivals.forEach(filed::addAll);
            arrivals.clear();
            return filed.stream().map(Ev::time).min(Long::compare).orElse(null);
        }

        @Override
        public List<Ev> take(long at) {
            List<Ev> events = new ArrayList<>(filed.stream().filter(e -> e.time() == at).toList());
            filed.removeIf(e -> e.time() == at);
            events.sort(order);
            return events;
        }

        @Override
        public void putBack(long at, List<Ev> rest) {
            filed.addAll(0, rest);
        }
    }
}
