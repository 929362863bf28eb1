package io.tradeflow.ordering;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.KeyContext;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Holds a keyed operator's value and map states on the heap between checkpoints, over the
 * backend's (RocksDB) states of the same names and types: a read loads a key's value once, a write
 * stays on the heap, and {@link #flush} writes every change back to the backend. The operator
 * flushes before the backend takes its snapshot ({@link CachedStateOperator}), so a checkpoint or
 * savepoint holds exactly what the backend would have held without the cache, and a restore reads
 * it as before; a key's state is serialized once a checkpoint instead of at every record.
 *
 * <p>Values are held by reference, as the heap backend and BATCH's backend hold them: a value
 * changed in place and written back with {@code update}/{@code put} is the state, a value changed
 * in place and never written back is too, until the cache lets it go. Code must not rely on a read
 * returning a private copy (RocksDB's way); it already could not, since BATCH keeps references.
 *
 * <p>Memory: the cache keeps every key it has read, up to {@code capacity} entries; beyond that the
 * operator writes everything back and empties it between two records ({@link #full},
 * {@link #evict}). Map iteration loads the key's whole map, in unspecified order (as
 * {@link Table} says). Not thread-safe: the operator's task thread only.
 */
public final class StateCache implements KeyedStates {
    /** A cached absence: the backend holds no value (read or written as cleared). */
    private static final Object ABSENT = new Object();

    private final KeyedStateStore store;
    private final KeyContext keys;
    private final int capacity;
    private final List<Cached> states = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int size;

    /**
     * @param store the operator's keyed state (the backend's states)
     * @param keys the operator, whose current key every access is for
     * @param capacity the number of entries (values, map entries) held before {@link #full}
     */
    public StateCache(KeyedStateStore store, KeyContext keys, int capacity) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Returns the value state of this descriptor, cached. */
    @Override
    public <V> ValueState<V> value(ValueStateDescriptor<V> descriptor) {
        register(descriptor.getName());
        CachedValue<V> s = new CachedValue<>(store.getState(descriptor));
        states.add(s);
        return s;
    }

    /** Returns the map state of this descriptor, cached; its values must not be null. */
    @Override
    public <K, V> MapState<K, V> map(MapStateDescriptor<K, V> descriptor) {
        register(descriptor.getName());
        CachedMap<K, V> s = new CachedMap<>(store.getMapState(descriptor));
        states.add(s);
        return s;
    }

    /** Two caches of one state would each write back their own value: one name, one state. */
    private void register(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("state '" + name + "' is already cached");
        }
    }

    /** Returns whether the cache holds its capacity or more: time to {@link #evict}. */
    public boolean full() {
        return size >= capacity;
    }

    /** Returns the number of entries held. */
    public int size() {
        return size;
    }

    /**
     * Writes every change back to the backend, key by key, and keeps what it holds. Afterwards
     * the backend's current key is the one before, if there was one.
     */
    public void flush() throws Exception {
        Object current = keys.getCurrentKey();
        for (Cached s : states) {
            s.flush();
        }
        if (current != null) {
            keys.setCurrentKey(current);
        }
    }

    /** Writes every change back and lets go of everything held. */
    public void evict() throws Exception {
        flush();
        for (Cached s : states) {
            s.forget();
        }
        size = 0;
    }

    private Object key() {
        Object k = keys.getCurrentKey();
        if (k == null) {
            throw new IllegalStateException("state accessed without a current key");
        }
        return k;
    }

    private interface Cached {
        void flush() throws Exception;

        void forget();
    }

    private final class CachedValue<V> implements ValueState<V>, Cached {
        private final ValueState<V> backend;
        /** By key: the value, or {@link #ABSENT}. */
        private final HashMap<Object, Object> values = new HashMap<>();
        private final Set<Object> dirty = new HashSet<>();

        CachedValue(ValueState<V> backend) {
            this.backend = backend;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V value() throws java.io.IOException {
            Object k = key();
            Object v = values.get(k);
            if (v == null) {
                V read = backend.value();
                values.put(k, read == null ? ABSENT : read);
                size++;
                return read;
            }
            return v == ABSENT ? null : (V) v;
        }

        @Override
        public void update(V value) {
            if (value == null) {
                clear();
                return;
            }
            put(value);
        }

        @Override
        public void clear() {
            put(ABSENT);
        }

        private void put(Object v) {
            Object k = key();
            if (values.put(k, v) == null) {
                size++;
            }
            dirty.add(k);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void flush() throws Exception {
            for (Object k : dirty) {
                keys.setCurrentKey(k);
                Object v = values.get(k);
                if (v == ABSENT) {
                    backend.clear();
                } else {
                    backend.update((V) v);
                }
            }
            dirty.clear();
        }

        @Override
        public void forget() {
            values.clear();
        }
    }

    /** One key's part of a cached map state. */
    private static final class Entries<K> {
        /** By map key: the value, or {@link #ABSENT} (removed, or known not to be there). */
        final HashMap<K, Object> values = new HashMap<>();
        final Set<K> dirty = new HashSet<>();
        /** Whether values holds the whole map: a missing map key is then absent. */
        boolean complete;
        /** Whether the backend's map must be cleared before the dirty entries are written. */
        boolean cleared;
    }

    private final class CachedMap<K, V> implements MapState<K, V>, Cached {
        private final MapState<K, V> backend;
        private final HashMap<Object, Entries<K>> byKey = new HashMap<>();
        private final Set<Object> dirtyKeys = new HashSet<>();

        CachedMap(MapState<K, V> backend) {
            this.backend = backend;
        }

        private Entries<K> current() {
            return byKey.computeIfAbsent(key(), k -> new Entries<>());
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(K mapKey) throws Exception {
            Entries<K> e = current();
            Object v = e.values.get(mapKey);
            if (v != null) {
                return v == ABSENT ? null : (V) v;
            }
            if (e.complete) {
                return null;
            }
            V read = backend.get(mapKey);
            e.values.put(mapKey, read == null ? ABSENT : read);
            size++;
            return read;
        }

        @Override
        public void put(K mapKey, V value) {
            set(mapKey, Objects.requireNonNull(value, "a cached map holds no null values"));
        }

        @Override
        public void putAll(Map<K, V> map) {
            map.forEach(this::put);
        }

        @Override
        public void remove(K mapKey) {
            set(mapKey, ABSENT);
        }

        private void set(K mapKey, Object v) {
            Entries<K> e = current();
            if (e.values.put(mapKey, v) == null) {
                size++;
            }
            e.dirty.add(mapKey);
            dirtyKeys.add(key());
        }

        @Override
        public boolean contains(K mapKey) throws Exception {
            return get(mapKey) != null;
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() throws Exception {
            return () -> iterator(e -> e);
        }

        @Override
        public Iterable<K> keys() throws Exception {
            return () -> iterator(Map.Entry::getKey);
        }

        @Override
        public Iterable<V> values() throws Exception {
            return () -> iterator(Map.Entry::getValue);
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() throws Exception {
            return iterator(e -> e);
        }

        @Override
        public boolean isEmpty() throws Exception {
            return present(loaded()).isEmpty();
        }

        @Override
        public void clear() {
            Entries<K> e = current();
            size -= e.values.size();
            e.values.clear();
            e.dirty.clear();
            e.complete = true;
            e.cleared = true;
            dirtyKeys.add(key());
        }

        /** Returns the current key's entries, the whole map loaded from the backend. */
        private Entries<K> loaded() {
            Entries<K> e = current();
            if (!e.complete) {
                try {
                    for (Map.Entry<K, V> b : backend.entries()) {
                        if (e.values.putIfAbsent(b.getKey(), b.getValue()) == null) {
                            size++;
                        }
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException("cannot read map state", ex);
                }
                e.complete = true;
            }
            return e;
        }

        @SuppressWarnings("unchecked")
        private List<Map.Entry<K, V>> present(Entries<K> e) {
            List<Map.Entry<K, V>> list = new ArrayList<>(e.values.size());
            for (Map.Entry<K, Object> x : e.values.entrySet()) {
                if (x.getValue() != ABSENT) {
                    list.add(new AbstractMap.SimpleImmutableEntry<>(x.getKey(),
                            (V) x.getValue()));
                }
            }
            return list;
        }

        /**
         * Iterates a copy of the current key's map (changes while iterating are safe); the
         * iterator's {@code remove} removes the last entry returned from the state.
         */
        private <T> Iterator<T> iterator(Function<Map.Entry<K, V>, T> view) {
            Iterator<Map.Entry<K, V>> it = present(loaded()).iterator();
            return new Iterator<>() {
                private Map.Entry<K, V> last;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public T next() {
                    if (!it.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    last = it.next();
                    return view.apply(last);
                }

                @Override
                public void remove() {
                    if (last == null) {
                        throw new IllegalStateException("next() first");
                    }
                    CachedMap.this.remove(last.getKey());
                    last = null;
                }
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public void flush() throws Exception {
            for (Object k : dirtyKeys) {
                Entries<K> e = byKey.get(k);
                keys.setCurrentKey(k);
                if (e.cleared) {
                    backend.clear();
                    e.cleared = false;
                }
                for (K mapKey : e.dirty) {
                    Object v = e.values.get(mapKey);
                    if (v == ABSENT) {
                        backend.remove(mapKey);
                        // absence is implied by a complete map, and worth nothing more to keep
                        e.values.remove(mapKey);
                        size--;
                    } else {
                        backend.put(mapKey, (V) v);
                    }
                }
                e.dirty.clear();
            }
            dirtyKeys.clear();
        }

        @Override
        public void forget() {
            byKey.clear();
        }
    }
}
