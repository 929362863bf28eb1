package io.tradeflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator of the ordered stages holds their state in a {@link StateCache} in STREAMING only,
 * writes it back into each snapshot (a restored operator goes on from it), reports how long each
 * write-back took, and arms its function's timers again from its state after a restore.
 */
class CachedStateOperatorTest {
    private static final long T0 = 1_749_562_200_000L;

    /** Counts each key's events ("key:n"), in a value state taken from {@link #states()}. */
    private static final class Counter extends EventTimeOrderedFunction<String, String, String,
            String> {
        private transient ValueState<Integer> count;

        Counter(boolean batch) {
            super("counter", batch, Types.STRING);
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            super.open(openContext);
            count = states().value(new ValueStateDescriptor<>("count", Types.INT));
        }

        @Override
        protected List<String> parts(String record) {
            return List.of(record);
        }

        @Override
        protected long timeOf(String event) {
            return T0 + Long.parseLong(event.substring(2));
        }

        @Override
        protected java.util.Comparator<String> eventOrder() {
            return java.util.Comparator.naturalOrder();
        }

        @Override
        protected void onEvent(String event) throws Exception {
            int n = count.value() == null ? 1 : count.value() + 1;
            count.update(n);
            emit(currentKey() + ":" + n);
            if (currentKey().equals("d")) {
                schedule(now() + 10, "ping", "d");
            }
        }

        @Override
        protected void onDeadline(Deadline deadline) {
            emit(currentKey() + ":" + deadline.kind());
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            CachedStateOperator<String, String, String> op) throws Exception {
        return harness(op, new EmbeddedRocksDBStateBackend());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            CachedStateOperator<String, String, String> op, EmbeddedRocksDBStateBackend backend)
            throws Exception {
        var h = heapHarness(op);
        h.setStateBackend(backend);
        return h;
    }

    /** A harness on the heap backend, the harness's default. */
    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> heapHarness(
            CachedStateOperator<String, String, String> op) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(op, e -> e.substring(0, 1),
                Types.STRING);
    }

    /** Sends events "k@t" (key k at T0 + t), each followed by a watermark just behind it. */
    private static void send(KeyedOneInputStreamOperatorTestHarness<String, String, String> h,
            String... events) throws Exception {
        for (String e : events) {
            h.processElement(e, T0 + Long.parseLong(e.substring(2)));
            h.processWatermark(T0 + Long.parseLong(e.substring(2)) - 1);
        }
    }

    @Test
    @DisplayName("STREAMING on RocksDB: the cache is written back into the snapshot, a restored "
            + "operator counts on, and each write-back is timed")
    void writesBackIntoEachSnapshot() throws Exception {
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        var op = new CachedStateOperator<>(new Counter(false));
        try (var h = harness(op)) {
            h.open();
            send(h, "a@1", "b@2", "a@3", "a@4");
            snapshot = h.snapshot(1L, 1L);
            out.addAll(h.extractOutputValues());
            assertThat(op.writeBackMs()).isNotNull();
            assertThat(op.writeBackMs().getCount()).isEqualTo(1);
        }
        var restored = new CachedStateOperator<>(new Counter(false));
        try (var h = harness(restored)) {
            h.initializeState(snapshot);
            h.open();
            send(h, "a@5", "b@6");
            h.processWatermark(Long.MAX_VALUE);
            out.addAll(h.extractOutputValues());
        }
        // a@4 was still buffered (behind no watermark) at the snapshot: it is restored too
        assertThat(out).containsExactly("a:1", "b:1", "a:2", "a:3", "a:4", "b:2");
    }

    @Test
    @DisplayName("a checkpoint that kept its timers in RocksDB restores onto timers on the heap "
            + "(the job's setting): the buffered event and the deadline are handled all the same")
    void rearmsTimersFromState() throws Exception {
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(new CachedStateOperator<>(new Counter(false)))) {
            h.open();
            // d@2 schedules a deadline at 12; c@5 stays buffered behind the watermark at 4
            send(h, "a@1", "d@2", "c@5");
            snapshot = h.snapshot(1L, 1L);
            out.addAll(h.extractOutputValues());
        }
        try (var h = harness(new CachedStateOperator<>(new Counter(false)), heapTimers())) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(Long.MAX_VALUE);
            out.addAll(h.extractOutputValues());
        }
        assertThat(out).containsExactly("a:1", "d:1", "c:1", "d:ping");
    }

    /** RocksDB with timers on the heap, as the job configures it. */
    static EmbeddedRocksDBStateBackend heapTimers() {
        var backend = new EmbeddedRocksDBStateBackend();
        backend.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        return backend;
    }

    @Test
    @DisplayName("STREAMING on the heap backend (a replay from files): no cache, the same counts")
    void heapBackendHasNoCache() throws Exception {
        var op = new CachedStateOperator<>(new Counter(false));
        try (var h = heapHarness(op)) {
            h.open();
            send(h, "a@1", "b@2", "a@3", "a@4", "a@5", "b@6");
            h.processWatermark(Long.MAX_VALUE);
            assertThat(op.writeBackMs()).isNull();
            assertThat(h.extractOutputValues())
                    .containsExactly("a:1", "b:1", "a:2", "a:3", "a:4", "b:2");
        }
    }

    @Test
    @DisplayName("BATCH: no cache, the same counts")
    void batchHasNoCache() throws Exception {
        var op = new CachedStateOperator<>(new Counter(true));
        try (var h = heapHarness(op)) {
            h.open();
            // BATCH: one key's sorted input after the other, its timers at the key's end
            for (List<String> key : List.of(List.of("a@1", "a@3", "a@4", "a@5"),
                    List.of("b@2", "b@6"))) {
                for (String e : key) {
                    h.processElement(e, T0 + Long.parseLong(e.substring(2)));
                }
                h.processWatermark(Long.MAX_VALUE);
            }
            assertThat(op.writeBackMs()).isNull();
            assertThat(h.extractOutputValues())
                    .containsExactly("a:1", "a:2", "a:3", "a:4", "b:1", "b:2");
        }
    }
}
