package io.tradeflow.ordering;

/** A state held by a {@link StateCache}: what the cache asks of each. */
interface CachedState {
    void flush() throws Exception;

    /**
     * Writes one dirty slot back (setting the backend's current key to its owner); returns
     * false when nothing was written (nothing to remove, or a cleared map's entry: the flush
     * writes it after the clear).
     */
    boolean writeBack(CacheSlot slot) throws Exception;

    void forget();
}
