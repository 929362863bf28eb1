package io.tradeflow.ordering;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.KeyContext;

import java.util.AbstractMap;
import java.util.ArrayDeque;
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
 * <p>Between records the operator also writes back, a few at a time, the entries that stopped
 * changing ({@link #settle}), so that a checkpoint, which waits for its write-back on the task
 * thread, mostly writes the entries still changing.
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
    /** Dirty slots by when they were queued: the oldest are written back first by settle. */
    private final ArrayDeque<Slot> settling = new ArrayDeque<>();
    /** Counts {@link #settle} calls: the cache's own clock, one tick a record. */
    private long clock;
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
        return map(descriptor, false);
    }

    /**
     * Returns the map state of this descriptor, cached; with {@code freshKeys}, every map key
     * written is new to the state (a sequence number, never reused): an entry put and removed
     * between two write-backs then never reaches the backend.
     */
    @Override
    public <K, V> MapState<K, V> map(MapStateDescriptor<K, V> descriptor, boolean freshKeys) {
        register(descriptor.getName());
        CachedMap<K, V> s = new CachedMap<>(store.getMapState(descriptor), freshKeys);
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
        for (Slot slot : settling) {
            slot.queued = false;
        }
        settling.clear();
        if (current != null) {
            keys.setCurrentKey(current);
        }
    }

    /**
     * Writes back at most {@code max} entries that have not changed in the last {@code age}
     * calls, oldest first, so that a checkpoint's write-back finds mostly the entries still
     * changing (a ticker's indicators), not every entry written since the last one (each
     * recommendation id an account has seen). Called once a record, between records; advances the
     * cache's clock. Afterwards the backend's current key is the one before.
     *
     * @return the number of entries written back
     */
    public int settle(long age, int max) throws Exception {
        if (age < 1) {
            throw new IllegalArgumentException("age must be positive: " + age);
        }
        clock++;
        Object current = null;
        boolean switched = false;
        int written = 0;
        while (written < max) {
            Slot slot = settling.peek();
            if (slot == null || slot.queuedAt > clock - age) {
                break;
            }
            settling.poll();
            slot.queued = false;
            if (!slot.dirty) {
                continue;
            }
            if (slot.touched > clock - age) { // changed since: wait again
                queue(slot);
                continue;
            }
            if (!switched) {
                current = keys.getCurrentKey();
                switched = true;
            }
            if (slot.state.writeBack(slot)) {
                written++;
            }
        }
        if (switched && current != null) {
            keys.setCurrentKey(current);
        }
        return written;
    }

    /** Notes a write of the slot: it is dirty, and queued for {@link #settle}. */
    private void touch(Slot slot) {
        slot.dirty = true;
        slot.touched = clock;
        if (!slot.queued) {
            queue(slot);
        }
    }

    private void queue(Slot slot) {
        slot.queued = true;
        slot.queuedAt = clock;
        settling.add(slot);
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

        /**
         * Writes one dirty slot back (setting the backend's current key to its owner); returns
         * false when nothing was written (nothing to remove, or a cleared map's entry: the flush
         * writes it after the clear).
         */
        boolean writeBack(Slot slot) throws Exception;

        void forget();
    }

    /** One cached value: what the state holds now, and what the backend may hold. */
    private static final class Slot {
        final Cached state;
        /** The key of the value: the stream key's for a value state, the map key's in a map. */
        final Object key;
        /** The stream key the value is state of. */
        final Object owner;
        /** The value, or {@link #ABSENT}. */
        Object value;
        /** Whether the value differs from the backend's: it is written back at the next flush. */
        boolean dirty;
        /** False when the backend is known to hold nothing here: a removal need not reach it. */
        boolean inBackend;
        /** The clock at the last write, and whether and when the slot was queued to settle. */
        long touched;
        boolean queued;
        long queuedAt;

        Slot(Cached state, Object key, Object owner, Object value, boolean inBackend) {
            this.state = state;
            this.key = key;
            this.owner = owner;
            this.value = value;
            this.inBackend = inBackend;
        }
    }

    private final class CachedValue<V> implements ValueState<V>, Cached {
        private final ValueState<V> backend;
        private final HashMap<Object, Slot> slots = new HashMap<>();
        private final List<Slot> dirty = new ArrayList<>();

        CachedValue(ValueState<V> backend) {
            this.backend = backend;
        }

        private Slot slot() throws java.io.IOException {
            Object k = key();
            Slot slot = slots.get(k);
            if (slot == null) {
                V read = backend.value();
                slot = new Slot(this, k, k, read == null ? ABSENT : read, read != null);
                slots.put(k, slot);
                size++;
            }
            return slot;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V value() throws java.io.IOException {
            Object v = slot().value;
            return v == ABSENT ? null : (V) v;
        }

        @Override
        public void update(V value) {
            set(value == null ? ABSENT : value);
        }

        @Override
        public void clear() {
            set(ABSENT);
        }

        private void set(Object v) {
            Object k = key();
            Slot slot = slots.get(k);
            if (slot == null) { // a write needs no read: the backend may hold anything
                slot = new Slot(this, k, k, v, true);
                slots.put(k, slot);
                size++;
            }
            slot.value = v;
            if (!slot.dirty) {
                dirty.add(slot);
            }
            touch(slot);
        }

        @Override
        public void flush() throws Exception {
            for (Slot slot : dirty) {
                writeBack(slot);
            }
            dirty.clear();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean writeBack(Slot slot) throws Exception {
            if (!slot.dirty) {
                return false;
            }
            slot.dirty = false;
            if (slot.value == ABSENT && !slot.inBackend) {
                return false;
            }
            keys.setCurrentKey(slot.owner);
            if (slot.value == ABSENT) {
                backend.clear();
            } else {
                backend.update((V) slot.value);
            }
            slot.inBackend = slot.value != ABSENT;
            return true;
        }

        @Override
        public void forget() {
            slots.clear();
        }
    }

    /** One key's part of a cached map state. */
    private static final class Entries<K> {
        final Object key;
        /** By map key; a slot absent from a complete map is absent from the state. */
        final HashMap<K, Slot> slots = new HashMap<>();
        /** Whether slots holds the whole map: a missing map key is then absent. */
        boolean complete;
        /** Whether the backend's map must be cleared before the dirty entries are written. */
        boolean cleared;
        /** Whether a slot is dirty or the map cleared: the entries are in the dirty list. */
        boolean dirty;

        Entries(Object key) {
            this.key = key;
        }
    }

    private final class CachedMap<K, V> implements MapState<K, V>, Cached {
        private final MapState<K, V> backend;
        private final boolean freshKeys;
        private final HashMap<Object, Entries<K>> byKey = new HashMap<>();
        private final List<Entries<K>> dirty = new ArrayList<>();

        CachedMap(MapState<K, V> backend, boolean freshKeys) {
            this.backend = backend;
            this.freshKeys = freshKeys;
        }

        private Entries<K> current() {
            return byKey.computeIfAbsent(key(), Entries::new);
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(K mapKey) throws Exception {
            Entries<K> e = current();
            Slot slot = e.slots.get(mapKey);
            if (slot != null) {
                return slot.value == ABSENT ? null : (V) slot.value;
            }
            if (e.complete) {
                return null;
            }
            V read = backend.get(mapKey);
            e.slots.put(mapKey, new Slot(this, mapKey, e.key, read == null ? ABSENT : read,
                    read != null));
            size++;
            return read;
        }

        @Override
        public void put(K mapKey, V value) {
            Objects.requireNonNull(value, "a cached map holds no null values");
            Entries<K> e = current();
            Slot slot = e.slots.get(mapKey);
            if (slot == null) {
                // unread: the backend may hold it, unless the map is whole or its keys are new
                slot = new Slot(this, mapKey, e.key, value, !e.complete && !freshKeys);
                e.slots.put(mapKey, slot);
                size++;
            }
            slot.value = value;
            touch(e, slot);
        }

        @Override
        public void putAll(Map<K, V> map) {
            map.forEach(this::put);
        }

        @Override
        public void remove(K mapKey) {
            Entries<K> e = current();
            Slot slot = e.slots.get(mapKey);
            if (slot == null) {
                if (e.complete) {
                    return;
                }
                // a fresh key written back earlier may be there, the cache since emptied
                slot = new Slot(this, mapKey, e.key, ABSENT, true);
                e.slots.put(mapKey, slot);
                size++;
            } else if (!slot.inBackend) {
                // never written back: nothing to remove there, nothing to keep here
                e.slots.remove(mapKey);
                size--;
                return;
            }
            slot.value = ABSENT;
            touch(e, slot);
        }

        private void touch(Entries<K> e, Slot slot) {
            StateCache.this.touch(slot);
            if (!e.dirty) {
                e.dirty = true;
                dirty.add(e);
            }
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
            size -= e.slots.size();
            e.slots.clear();
            e.complete = true;
            e.cleared = true;
            if (!e.dirty) {
                e.dirty = true;
                dirty.add(e);
            }
        }

        /** Returns the current key's entries, the whole map loaded from the backend. */
        private Entries<K> loaded() {
            Entries<K> e = current();
            if (!e.complete) {
                try {
                    for (Map.Entry<K, V> b : backend.entries()) {
                        if (!e.slots.containsKey(b.getKey())) {
                            e.slots.put(b.getKey(),
                                    new Slot(this, b.getKey(), e.key, b.getValue(), true));
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
            List<Map.Entry<K, V>> list = new ArrayList<>(e.slots.size());
            for (Map.Entry<K, Slot> x : e.slots.entrySet()) {
                Object v = x.getValue().value;
                if (v != ABSENT) {
                    list.add(new AbstractMap.SimpleImmutableEntry<>(x.getKey(), (V) v));
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
            for (Entries<K> e : dirty) {
                e.dirty = false;
                keys.setCurrentKey(e.key);
                if (e.cleared) {
                    backend.clear();
                    e.cleared = false;
                }
                Iterator<Slot> it = e.slots.values().iterator();
                while (it.hasNext()) {
                    Slot slot = it.next();
                    if (!slot.dirty) {
                        continue;
                    }
                    slot.dirty = false;
                    if (slot.value == ABSENT) {
                        backend.remove((K) slot.key);
                        it.remove(); // absence is worth keeping only in a whole map
                        size--;
                    } else {
                        backend.put((K) slot.key, (V) slot.value);
                        slot.inBackend = true;
                    }
                }
            }
            dirty.clear();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean writeBack(Slot slot) throws Exception {
            Entries<K> e = byKey.get(slot.owner);
            if (!slot.dirty || e == null || e.cleared || e.slots.get(slot.key) != slot) {
                return false;
            }
            slot.dirty = false;
            keys.setCurrentKey(slot.owner);
            if (slot.value == ABSENT) {
                backend.remove((K) slot.key);
                e.slots.remove(slot.key);
                size--;
            } else {
                backend.put((K) slot.key, (V) slot.value);
                slot.inBackend = true;
            }
            return true;
        }

        @Override
        public void forget() {
            byKey.clear();
        }
    }
}
