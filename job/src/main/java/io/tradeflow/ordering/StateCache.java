package io.tradeflow.ordering;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.operators.KeyContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    static final Object ABSENT = new Object();

    private final KeyedStateStore store;
    private final KeyContext keys;
    private final int capacity;
    private final List<CachedState> states = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    /** Dirty slots by when they were queued: the oldest are written back first by settle. */
    private final ArrayDeque<CacheSlot> settling = new ArrayDeque<>();
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
        CachedValue<V> s = new CachedValue<>(this, store.getState(descriptor));
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
        CachedMap<K, V> s = new CachedMap<>(this, store.getMapState(descriptor), freshKeys);
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
        for (CachedState s : states) {
            s.flush();
        }
        for (CacheSlot slot : settling) {
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
            CacheSlot slot = settling.peek();
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
    void touch(CacheSlot slot) {
        slot.dirty = true;
        slot.touched = clock;
        if (!slot.queued) {
            queue(slot);
        }
    }

    private void queue(CacheSlot slot) {
        slot.queued = true;
        slot.queuedAt = clock;
        settling.add(slot);
    }

    /** Writes every change back and lets go of everything held. */
    public void evict() throws Exception {
        flush();
        for (CachedState s : states) {
            s.forget();
        }
        size = 0;
    }

    /** Changes the entries held by n. */
    void resized(int n) {
        size += n;
    }

    /** Sets the backend's current key: for a write-back. */
    void setKey(Object key) {
        keys.setCurrentKey(key);
    }

    /** Returns the current key; throws when there is none. */
    Object key() {
        Object k = keys.getCurrentKey();
        if (k == null) {
            throw new IllegalStateException("state accessed without a current key");
        }
        return k;
    }
}
