package io.tradeflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.CalendarEvent;
import io.tradeflow.event.Fill;
import io.tradeflow.io.parse.Reasons;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The lateness check after each source: per split, against the latest event time of that split,
 * and restored from a checkpoint so that a restart rejects exactly what a clean run rejects.
 */
class LateRecordsTest {
    private static final long BOUND = 100;

    @Test
    @DisplayName("late by its own partition only; the raw record is dropped from values")
    void latePerSplit() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(bar("bars", "0/1", 10_000), 10_000);
            h.processElement(bar("bars", "1/1", 5_000), 5_000); // another partition: not late
            h.processElement(bar("bars", "0/2", 9_950), 9_950); // within the bound
            h.processElement(bar("bars", "0/3", 9_000), 9_000); // late
            assertThat(values(h)).hasSize(4).allSatisfy(i -> assertThat(i.raw()).isNull());
            assertThat(outcomes(h)).containsExactly("bar", "bar", "bar", Reasons.LATE);
        }
    }

    @Test
    @DisplayName("R-FILL-1: a fill is a fact, never rejected as late; the raw record is dropped")
    void fillsAreNeverLate() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(fill("fills", "0/1", 10_000), 10_000);
            h.processElement(fill("fills", "0/2", 1_000), 1_000); // far behind its partition
            assertThat(outcomes(h)).containsExactly("fill", "fill");
        }
    }

    @Test
    @DisplayName("a calendar announces dates in any order: never rejected as late")
    void calendarEntriesAreNeverLate() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            h.processElement(calendar("calendar", "0/1", 10_000), 10_000);
            h.processElement(calendar("calendar", "0/2", 1_000), 1_000); // far behind
            assertThat(values(h)).hasSize(2).allSatisfy(i -> assertThat(i.raw()).isNull());
            assertThat(outcomes(h)).containsExactly("calendar", "calendar");
        }
    }

    @Test
    @DisplayName("a restore from a checkpoint decides lateness as the uninterrupted run did")
    void restoredMarksDecideAsACleanRun() throws Exception {
        List<Ingested> input = List.of(bar("bars", "0/1", 10_000), bar("bars", "0/2", 20_000),
                bar("bars", "0/3", 12_000), bar("bars", "0/4", 20_050),
                bar("bars", "0/5", 19_990));
        List<String> clean;
        try (var h = harness(1, 0)) {
            h.open();
            input.forEach(i -> process(h, i));
            clean = outcomes(h);
        }
        OperatorSubtaskState snapshot;
        List<String> restored = new ArrayList<>();
        try (var h = harness(1, 0)) {
            h.open();
            process(h, input.get(0));
            process(h, input.get(1));
            restored.addAll(outcomes(h));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(1, 0)) {
            h.initializeState(snapshot);
            h.open();
            input.subList(2, input.size()).forEach(i -> process(h, i));
            restored.addAll(outcomes(h));
        }
        assertThat(clean).containsExactly("bar", "bar", Reasons.LATE, "bar", "bar");
        assertThat(restored).isEqualTo(clean);
    }

    @Test
    @DisplayName("after a rescale every subtask knows every split's mark")
    void marksSurviveARescale() throws Exception {
        OperatorSubtaskState a;
        OperatorSubtaskState b;
        try (var h = harness(2, 0)) {
            h.open();
            process(h, bar("bars", "0/1", 50_000));
            a = h.snapshot(1, 1);
        }
        try (var h = harness(2, 1)) {
            h.open();
            process(h, bar("bars", "1/1", 80_000));
            b = h.snapshot(1, 1);
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(a, b);
        try (var h = harness(1, 0)) {
            h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(merged,
                    128, 2, 1, 0));
            h.open();
            process(h, bar("bars", "0/2", 40_000));
            process(h, bar("bars", "1/2", 70_000));
            process(h, bar("bars", "1/3", 79_950));
            assertThat(outcomes(h)).containsExactly(Reasons.LATE, Reasons.LATE, "bar");
        }
    }

    private static OneInputStreamOperatorTestHarness<Ingested, Ingested> harness(int parallelism,
            int subtask) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new LateRecords(BOUND)), 128, parallelism, subtask);
    }

    private static void process(OneInputStreamOperatorTestHarness<Ingested, Ingested> h,
            Ingested i) {
        try {
            h.processElement(i, i.ts());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ingested bar(String topic, String position, long ts) {
        Bar b = new Bar("SPY", ts, 1, 1, 1, 1, 100);
        return Ingested.of(b).withRaw(new RawRecord(topic, position, ts, "{}"));
    }

    private static Ingested fill(String topic, String position, long ts) {
        Fill f = Fill.of("e-1", "x-" + ts, "a", "SPY", "buy", 1, 1, 0, ts);
        return Ingested.of(f).withRaw(new RawRecord(topic, position, ts, "{}"));
    }

    private static Ingested calendar(String topic, String position, long ts) {
        CalendarEvent e = new CalendarEvent("2025-01-20", "holiday", null, null, ts);
        return Ingested.of(e).withRaw(new RawRecord(topic, position, ts, "{}"));
    }

    private static List<Ingested> values(OneInputStreamOperatorTestHarness<Ingested, ?> h) {
        List<Ingested> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((Ingested) r.getValue());
            }
        }
        return out;
    }

    /** Returns "bar" per accepted value and the reason per dead letter, and clears the output. */
    private static List<String> outcomes(OneInputStreamOperatorTestHarness<Ingested, ?> h) {
        List<String> out = values(h).stream()
                .map(i -> i.isDeadLetter() ? i.deadLetter().reason() : i.kind()).toList();
        h.getOutput().clear();
        return out;
    }
}
