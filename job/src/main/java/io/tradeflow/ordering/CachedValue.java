package io.tradeflow.ordering;

import org.apache.flink.api.common.state.ValueState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** A value state held by a {@link StateCache}, over the backend's. */
final class CachedValue<V> implements ValueState<V>, CachedState {
    private final StateCache cache;
    private final ValueState<V> backend;
    private final HashMap<Object, CacheSlot> slots = new HashMap<>();
    private final List<CacheSlot> dirty = new ArrayList<>();

    CachedValue(StateCache cache, ValueState<V> backend) {
        this.cache = cache;
        this.backend = backend;
    }

    private CacheSlot slot() throws java.io.IOException {
        Object k = cache.key();
        CacheSlot slot = slots.get(k);
        if (slot == null) {
            V read = backend.value();
            slot = new CacheSlot(this, k, k, read == null ? StateCache.ABSENT : read, read != null);
            slots.put(k, slot);
            cache.resized(1);
        }
        return slot;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V value() throws java.io.IOException {
        Object v = slot().value;
        return v == StateCache.ABSENT ? null : (V) v;
    }

    @Override
    public void update(V value) {
        set(value == null ? StateCache.ABSENT : value);
    }

    @Override
    public void clear() {
        set(StateCache.ABSENT);
    }

    private void set(Object v) {
        Object k = cache.key();
        CacheSlot slot = slots.get(k);
        if (slot == null) { // a write needs no read: the backend may hold anything
            slot = new CacheSlot(this, k, k, v, true);
            slots.put(k, slot);
            cache.resized(1);
        }
        slot.value = v;
        if (!slot.dirty) {
            dirty.add(slot);
        }
        cache.touch(slot);
    }

    @Override
    public void flush() throws Exception {
        for (CacheSlot slot : dirty) {
            writeBack(slot);
        }
        dirty.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean writeBack(CacheSlot slot) throws Exception {
        if (!slot.dirty) {
            return false;
        }
        slot.dirty = false;
        if (slot.value == StateCache.ABSENT && !slot.inBackend) {
            return false;
        }
        cache.setKey(slot.owner);
        if (slot.value == StateCache.ABSENT) {
            backend.clear();
        } else {
            backend.update((V) slot.value);
        }
        slot.inBackend = slot.value != StateCache.ABSENT;
        return true;
    }

    @Override
    public void forget() {
        slots.clear();
    }
}
