package io.tradeflow.ordering;

import org.apache.flink.api.common.state.MapState;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/** A map state held by a {@link StateCache}, over the backend's. */
final class CachedMap<K, V> implements MapState<K, V>, CachedState {
    /** One key's part of a cached map state. */
    static final class MapEntries<K> {
        final Object key;
        /** By map key; a slot absent from a complete map is absent from the state. */
        final HashMap<K, CacheSlot> slots = new HashMap<>();
        /** Whether slots holds the whole map: a missing map key is then absent. */
        boolean complete;
        /** Whether the backend's map must be cleared before the dirty entries are written. */
        boolean cleared;
        /** Whether a slot is dirty or the map cleared: the entries are in the dirty list. */
        boolean dirty;

        MapEntries(Object key) {
            this.key = key;
        }
    }

    private final StateCache cache;
    private final MapState<K, V> backend;
    private final boolean freshKeys;
    private final HashMap<Object, MapEntries<K>> byKey = new HashMap<>();
    private final List<MapEntries<K>> dirty = new ArrayList<>();

    CachedMap(StateCache cache, MapState<K, V> backend, boolean freshKeys) {
        this.cache = cache;
        this.backend = backend;
        this.freshKeys = freshKeys;
    }

    private MapEntries<K> current() {
        return byKey.computeIfAbsent(cache.key(), MapEntries::new);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K mapKey) throws Exception {
        MapEntries<K> e = current();
        CacheSlot slot = e.slots.get(mapKey);
        if (slot != null) {
            return slot.value == StateCache.ABSENT ? null : (V) slot.value;
        }
        if (e.complete) {
            return null;
        }
        V read = backend.get(mapKey);
        Object v = read == null ? StateCache.ABSENT : read;
        e.slots.put(mapKey, new CacheSlot(this, mapKey, e.key, v, read != null));
        cache.resized(1);
        return read;
    }

    @Override
    public void put(K mapKey, V value) {
        Objects.requireNonNull(value, "a cached map holds no null values");
        MapEntries<K> e = current();
        CacheSlot slot = e.slots.get(mapKey);
        if (slot == null) {
            // unread: the backend may hold it, unless the map is whole or its keys are new
            slot = new CacheSlot(this, mapKey, e.key, value, !e.complete && !freshKeys);
            e.slots.put(mapKey, slot);
            cache.resized(1);
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
        MapEntries<K> e = current();
        CacheSlot slot = e.slots.get(mapKey);
        if (slot == null) {
            if (e.complete) {
                return;
            }
            // a fresh key written back earlier may be there, the cache since emptied
            slot = new CacheSlot(this, mapKey, e.key, StateCache.ABSENT, true);
            e.slots.put(mapKey, slot);
            cache.resized(1);
        } else if (!slot.inBackend) {
            // never written back: nothing to remove there, nothing to keep here
            e.slots.remove(mapKey);
            cache.resized(-1);
            return;
        }
        slot.value = StateCache.ABSENT;
        touch(e, slot);
    }

    private void touch(MapEntries<K> e, CacheSlot slot) {
        cache.touch(slot);
        markDirty(e);
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
        MapEntries<K> e = current();
        cache.resized(-e.slots.size());
        e.slots.clear();
        e.complete = true;
        e.cleared = true;
        markDirty(e);
    }

    /** Puts the key's entries on the list the flush writes back, once. */
    private void markDirty(MapEntries<K> e) {
        if (!e.dirty) {
            e.dirty = true;
            dirty.add(e);
        }
    }

    /** Returns the current key's entries, the whole map loaded from the backend. */
    private MapEntries<K> loaded() {
        MapEntries<K> e = current();
        if (!e.complete) {
            try {
                for (Map.Entry<K, V> b : backend.entries()) {
                    if (!e.slots.containsKey(b.getKey())) {
                        e.slots.put(b.getKey(),
                                new CacheSlot(this, b.getKey(), e.key, b.getValue(), true));
                        cache.resized(1);
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
    private List<Map.Entry<K, V>> present(MapEntries<K> e) {
        List<Map.Entry<K, V>> list = new ArrayList<>(e.slots.size());
        for (Map.Entry<K, CacheSlot> x : e.slots.entrySet()) {
            Object v = x.getValue().value;
            if (v != StateCache.ABSENT) {
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
        for (MapEntries<K> e : dirty) {
            e.dirty = false;
            cache.setKey(e.key);
            if (e.cleared) {
                backend.clear();
                e.cleared = false;
            }
            Iterator<CacheSlot> it = e.slots.values().iterator();
            while (it.hasNext()) {
                CacheSlot slot = it.next();
                if (!slot.dirty) {
                    continue;
                }
                slot.dirty = false;
                if (slot.value == StateCache.ABSENT) {
                    backend.remove((K) slot.key);
                    it.remove(); // absence is worth keeping only in a whole map
                    cache.resized(-1);
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
    public boolean writeBack(CacheSlot slot) throws Exception {
        MapEntries<K> e = byKey.get(slot.owner);
        if (!slot.dirty || e == null || e.cleared || e.slots.get(slot.key) != slot) {
            return false;
        }
        slot.dirty = false;
        cache.setKey(slot.owner);
        if (slot.value == StateCache.ABSENT) {
            backend.remove((K) slot.key);
            e.slots.remove(slot.key);
            cache.resized(-1);
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
