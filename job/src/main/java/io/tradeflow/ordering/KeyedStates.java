package io.tradeflow.ordering;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import java.io.IOException;

/**
 * Gives a keyed function its value and map states: the backend's ({@link #of}), or held on the
 * heap between checkpoints ({@link StateCache}).
 */
public interface KeyedStates {
    <V> ValueState<V> value(ValueStateDescriptor<V> descriptor);

    <K, V> MapState<K, V> map(MapStateDescriptor<K, V> descriptor);

    /**
     * Returns a map state whose every key written is new to it (a sequence number, never
     * reused): a cache need not write back an entry put and removed between two write-backs.
     */
    default <K, V> MapState<K, V> map(MapStateDescriptor<K, V> descriptor, boolean freshKeys) {
        return map(descriptor);
    }

    /**
     * Returns a value state as a {@link Cell} (the port the Flink-free classes read and write),
     * a failure to reach it naming the state.
     */
    default <V> Cell<V> cell(ValueStateDescriptor<V> descriptor) {
        ValueState<V> s = value(descriptor);
        String name = descriptor.getName();
        return new Cell<>() {
            @Override
            public V get() {
                try {
                    return s.value();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot access state '" + name + "'", e);
                }
            }

            @Override
            public void set(V v) {
                try {
                    s.update(v);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot access state '" + name + "'", e);
                }
            }

            @Override
            public void clear() {
                s.clear();
            }
        };
    }

    /** Returns the backend's states of a keyed function. */
    static KeyedStates of(RuntimeContext ctx) {
        return new KeyedStates() {
            @Override
            public <V> ValueState<V> value(ValueStateDescriptor<V> descriptor) {
                return ctx.getState(descriptor);
            }

            @Override
            public <K, V> MapState<K, V> map(MapStateDescriptor<K, V> descriptor) {
                return ctx.getMapState(descriptor);
            }
        };
    }
}
