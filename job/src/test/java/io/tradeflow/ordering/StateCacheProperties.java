package io.tradeflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heap cache over RocksDB state ({@link StateCache}) reads what a plain map of the same writes
 * holds, whatever the order of keys, writes, reads, iterations, write-backs, evictions and
 * snapshot restores; and once written back, RocksDB itself holds exactly that.
 */
class StateCacheProperties {
    private static final ValueStateDescriptor<Integer> VALUE =
            new ValueStateDescriptor<>("value", Types.INT);
    private static final MapStateDescriptor<Integer, Integer> MAP =
            new MapStateDescriptor<>("map", Types.INT, Types.INT);
    /** Keys never reused: each put is a new sequence number of its key. */
    private static final MapStateDescriptor<Integer, Integer> FRESH =
            new MapStateDescriptor<>("fresh", Types.INT, Types.INT);
    private static final List<String> KEYS = List.of("a", "b", "c");

    /** An operation: what, on which key, which map key, which value. */
    record Op(int what, String key, int mapKey, int value) {}

    /** The keyed operator whose state the cache holds: it does nothing itself. */
    private static final class Idle extends KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {}
    }

    /** A RocksDB harness, its operator, and a cache of capacity over them. */
    private static final class Store implements AutoCloseable {
        final KeyedProcessOperator<String, String, String> op =
                new KeyedProcessOperator<>(new Idle());
        final KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;
        final StateCache cache;
        final ValueState<Integer> value;
        final MapState<Integer, Integer> map;
        final MapState<Integer, Integer> fresh;

        Store(OperatorSubtaskState restored, int capacity) throws Exception {
            harness = new KeyedOneInputStreamOperatorTestHarness<>(op, s -> s, Types.STRING);
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            if (restored != null) {
                harness.initializeState(restored);
            }
            harness.open();
            cache = new StateCache(op.getKeyedStateStore(), op, capacity);
            value = cache.value(VALUE);
            map = cache.map(MAP);
            fresh = cache.map(FRESH, true);
        }

        /** Writes the cache back, then returns the backend's snapshot. */
        OperatorSubtaskState snapshot() throws Exception {
            cache.flush();
            return harness.snapshot(1L, 1L);
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    @Property(tries = 60)
    void readsWhatAPlainMapHolds(@ForAll("ops") List<Op> ops, @ForAll("capacities") int capacity)
            throws Exception {
        Map<String, Integer> values = new HashMap<>();
        Map<String, Map<Integer, Integer>> maps = new HashMap<>();
        Map<String, Map<Integer, Integer>> freshMaps = new HashMap<>();
        Map<String, Integer> nextSeq = new HashMap<>();
        Store store = new Store(null, capacity);
        try {
            for (Op op : ops) {
                store.op.setCurrentKey(op.key());
                Map<Integer, Integer> m = maps.computeIfAbsent(op.key(), k -> new TreeMap<>());
                Map<Integer, Integer> f = freshMaps.computeIfAbsent(op.key(),
                        k -> new TreeMap<>());
                switch (op.what()) {
                    case 0 -> {
                        store.value.update(op.value());
                        values.put(op.key(), op.value());
                    }
                    case 1 -> {
                        store.value.clear();
                        values.remove(op.key());
                    }
                    case 2 -> assertThat(store.value.value()).as("value of %s", op.key())
                            .isEqualTo(values.get(op.key()));
                    case 3 -> {
                        store.map.put(op.mapKey(), op.value());
                        m.put(op.mapKey(), op.value());
                    }
                    case 4 -> {
                        store.map.remove(op.mapKey());
                        m.remove(op.mapKey());
                    }
                    case 5 -> {
                        assertThat(store.map.get(op.mapKey())).isEqualTo(m.get(op.mapKey()));
                        assertThat(store.map.contains(op.mapKey()))
                                .isEqualTo(m.containsKey(op.mapKey()));
                    }
                    case 6 -> {
                        assertThat(entries(store.map)).as("map of %s", op.key()).isEqualTo(m);
                        assertThat(store.map.isEmpty()).isEqualTo(m.isEmpty());
                    }
                    case 7 -> { // removing while iterating, as Table.removeIf does
                        Iterator<Map.Entry<Integer, Integer>> it = store.map.iterator();
                        while (it.hasNext()) {
                            if (it.next().getValue() % 2 == op.value() % 2) {
                                it.remove();
                            }
                        }
                        m.values().removeIf(v -> v % 2 == op.value() % 2);
                    }
                    case 8 -> {
                        store.map.clear();
                        m.clear();
                    }
                    case 9 -> {
                        int seq = nextSeq.merge(op.key(), 1, Integer::sum);
                        store.fresh.put(seq, op.value());
                        f.put(seq, op.value());
                    }
                    case 10 -> { // the oldest, or one never put
                        int seq = op.mapKey() == 0 || f.isEmpty() ? op.value()
                                : f.keySet().iterator().next();
                        if (op.value() % 2 == 0) { // read first, or remove unread
                            assertThat(store.fresh.get(seq)).isEqualTo(f.get(seq));
                        }
                        store.fresh.remove(seq);
                        f.remove(seq);
                    }
                    case 11 -> assertThat(entries(store.fresh)).isEqualTo(f);
                    case 12 -> store.cache.flush();
                    case 13 -> store.cache.evict();
                    case 14 -> {
                        store.cache.settle(1 + op.mapKey() % 2, 1 + op.value() % 3);
                        assertThat(store.op.getCurrentKey()).isEqualTo(op.key());
                    }
                    default -> {
                        OperatorSubtaskState snapshot = store.snapshot();
                        store.close();
                        store = new Store(snapshot, capacity);
                    }
                }
                if (store.cache.full()) { // as the operator does between two records
                    store.cache.evict();
                }
            }
            store.cache.flush();
            // RocksDB itself, read without the cache
            ValueState<Integer> backendValue = store.op.getKeyedStateStore().getState(VALUE);
            MapState<Integer, Integer> backendMap = store.op.getKeyedStateStore().getMapState(MAP);
            MapState<Integer, Integer> backendFresh =
                    store.op.getKeyedStateStore().getMapState(FRESH);
            for (String key : KEYS) {
                store.op.setCurrentKey(key);
                assertThat(backendValue.value()).as("RocksDB value of %s", key)
                        .isEqualTo(values.get(key));
                assertThat(entries(backendMap)).as("RocksDB map of %s", key)
                        .isEqualTo(maps.getOrDefault(key, Map.of()));
                assertThat(entries(backendFresh)).as("RocksDB fresh map of %s", key)
                        .isEqualTo(freshMaps.getOrDefault(key, Map.of()));
            }
        } finally {
            store.close();
        }
    }

    @Example
    void settlesWhatStoppedChanging() throws Exception {
        try (Store store = new Store(null, 1_000)) {
            ValueState<Integer> rocksDb = store.op.getKeyedStateStore().getState(VALUE);
            store.op.setCurrentKey("a");
            store.value.update(1); // then unchanged
            store.op.setCurrentKey("b");
            for (int i = 0; i < 5; i++) {
                store.value.update(i); // still changing
                store.cache.settle(3, 10);
            }
            store.op.setCurrentKey("a");
            assertThat(rocksDb.value()).as("written back, no flush").isEqualTo(1);
            store.op.setCurrentKey("b");
            assertThat(rocksDb.value()).as("still changing: on the heap only").isNull();
            assertThat(store.value.value()).isEqualTo(4);
        }
    }

    @Example
    void aClearedMapIsWrittenBackWhole() throws Exception {
        try (Store store = new Store(null, 1_000)) {
            MapState<Integer, Integer> rocksDb = store.op.getKeyedStateStore().getMapState(MAP);
            store.op.setCurrentKey("a");
            store.map.put(1, 10);
            store.map.put(2, 20);
            store.cache.flush();
            store.map.clear();
            store.map.put(3, 30);
            store.cache.settle(1, 10); // must not write 3 before the clear reaches RocksDB
            store.cache.settle(1, 10);
            store.cache.flush();
            assertThat(entries(rocksDb)).isEqualTo(Map.of(3, 30));
        }
    }

    @Example
    void aStateIsCachedOnce() throws Exception {
        try (Store store = new Store(null, 10)) {
            assertThatThrownBy(() -> store.cache.value(VALUE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'value'");
        }
    }

    @Example
    void holdsUpToItsCapacity() throws Exception {
        try (Store store = new Store(null, 3)) {
            for (String key : KEYS) {
                store.op.setCurrentKey(key);
                store.value.update(key.length());
            }
            assertThat(store.cache.full()).isTrue();
            store.cache.evict();
            assertThat(store.cache.size()).isZero();
            store.op.setCurrentKey("b");
            assertThat(store.value.value()).isEqualTo(1);
        }
    }

    private static Map<Integer, Integer> entries(MapState<Integer, Integer> map) throws Exception {
        Map<Integer, Integer> m = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : map.entries()) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> what = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(0, 11)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(12, 13)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(14)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(15)));
        return Combinators.combine(what, Arbitraries.of(KEYS), Arbitraries.integers()
                        .between(0, 4), Arbitraries.integers().between(0, 99)).as(Op::new)
                .list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.of(1, 3, 8, 1_000);
    }
}
