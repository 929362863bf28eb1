package io.tradeflow.ordering;

import org.apache.flink.api.common.state.MapState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link EventTimeOrderedFunction} keeps its buffers in keyed state: values in a list under
 * their time, and the times in use as an ascending array, so the earliest is found without
 * iterating a map state (which RocksDB would read whole).
 */
final class TimeLists {
    private TimeLists() {}

    /** Adds a value to the list under {@code t} and returns the list's new size. */
    static <V> int add(MapState<Long, List<V>> map, long t, V v) throws Exception {
        List<V> list = map.get(t);
        if (list == null) {
            list = new ArrayList<>(2);
        }
        list.add(v);
        map.put(t, list); // always put back: RocksDB hands out copies
        return list.size();
    }

    /** Returns the array with {@code v} appended. */
    static long[] append(long[] a, long v) {
        long[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Returns the ascending array (or null: none) with t inserted (t is not in it). */
    static long[] insert(long[] a, long t) {
        if (a == null) {
            return new long[] {t};
        }
        int i = Arrays.binarySearch(a, t);
        int at = i < 0 ? -i - 1 : i;
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = t;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    /** Returns the array without its first time, or null when that was the only one. */
    static long[] dropFirst(long[] a) {
        return a.length == 1 ? null : Arrays.copyOfRange(a, 1, a.length);
    }
}
