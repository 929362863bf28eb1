package io.tradeflow.ordering;

/** One cached value: what the state holds now, and what the backend may hold. */
final class CacheSlot {
    final CachedState state;
    /** The key of the value: the stream key's for a value state, the map key's in a map. */
    final Object key;
    /** The stream key the value is state of. */
    final Object owner;
    /** The value, or {@link StateCache#ABSENT}. */
    Object value;
    /** Whether the value differs from the backend's: it is written back at the next flush. */
    boolean dirty;
    /** False when the backend is known to hold nothing here: a removal need not reach it. */
    boolean inBackend;
    /** The clock at the last write, and whether and when the slot was queued to settle. */
    long touched;
    boolean queued;
    long queuedAt;

    CacheSlot(CachedState state, Object key, Object owner, Object value, boolean inBackend) {
        this.state = state;
        this.key = key;
        this.owner = owner;
        this.value = value;
        this.inBackend = inBackend;
    }
}
