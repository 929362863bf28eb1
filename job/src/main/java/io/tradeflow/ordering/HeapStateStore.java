package io.tradeflow.ordering;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps one key's pattern-runner state in plain maps, for the plain runner: the same
 * {@link PatternRunner} runs over it as over Flink keyed state. Values are kept by reference, as
 * Flink's heap backend keeps them; nothing is serialized.
 */
public final class HeapStateStore extends PrefixedKeyedStateStore {
    private final Map<String, Object> states;

    public HeapStateStore(Map<String, Object> states, String prefix) {
        super(prefix);
        this.states = states;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
        return (ValueState<T>) states.computeIfAbsent(name(d.getName()), n -> new Value<T>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> d) {
        return (MapState<K, V>) states.computeIfAbsent(name(d.getName()), n -> new Mapped<K, V>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ListState<T> getListState(ListStateDescriptor<T> d) {
        return (ListState<T>) states.computeIfAbsent(name(d.getName()), n -> new Listed<T>());
    }

    /** A value state over a field; also the plain runner's {@link Cell}. */
    public static final class Value<T> implements ValueState<T>, Cell<T> {
        private T value;

        @Override
        public T get() {
            return value;
        }

        @Override
        public void set(T v) {
            value = v;
        }

        @Override
        public T value() {
            return value;
        }

        @Override
        public void update(T v) {
            value = v;
        }

        @Override
        public void clear() {
            value = null;
        }
    }

    /** A map state by string key, also the plain runner's {@link Table}. */
    public static final class Table<V> extends Mapped<String, V>
            implements io.tradeflow.ordering.Table<V> {}

    /** A map state over a hash map. */
    public static class Mapped<K, V> implements MapState<K, V> {
        private final Map<K, V> map = new HashMap<>();

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public void putAll(Map<K, V> all) {
            map.putAll(all);
        }

        @Override
        public void remove(K key) {
            map.remove(key);
        }

        @Override
        public boolean contains(K key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return map.entrySet();
        }

        @Override
        public Iterable<K> keys() {
            return map.keySet();
        }

        @Override
        public Iterable<V> values() {
            return map.values();
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return map.entrySet().iterator();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public void clear() {
            map.clear();
        }
    }

    /** A list state over an array list. */
    public static final class Listed<T> implements ListState<T> {
        private final List<T> list = new ArrayList<>();

        @Override
        public Iterable<T> get() {
            return list;
        }

        @Override
        public void add(T value) {
            list.add(value);
        }

        @Override
        public void update(List<T> values) {
            list.clear();
            list.addAll(values);
        }

        @Override
        public void addAll(List<T> values) {
            list.addAll(values);
        }

        @Override
        public void clear() {
            list.clear();
        }
    }
}
