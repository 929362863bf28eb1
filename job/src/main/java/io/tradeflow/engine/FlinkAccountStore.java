package io.tradeflow.engine;

import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.KeyedStates;
import io.tradeflow.ordering.PrefixedKeyedStateStore;
import io.tradeflow.ordering.Table;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Serves the account book's state from a keyed function's Flink state, for the current key: its
 * values and maps from {@code states} (the backend's, or the operator's heap cache of them), its
 * patterns' from the backend. A backend failure (RocksDB) is rethrown unchecked: the job fails and
 * restores from a checkpoint.
 */
final class FlinkAccountStore implements AccountStore {
    private final RuntimeContext ctx;
    private final KeyedStates states;

    FlinkAccountStore(RuntimeContext ctx, KeyedStates states) {
        this.ctx = ctx;
        this.states = states;
    }

    @Override
    public <V> Cell<V> cell(String name, Class<V> type) {
        return states.cell(new ValueStateDescriptor<>(name, TypeInformation.of(type)));
    }

    @Override
    public <V> Table<V> table(String name, Class<V> type) {
        MapState<String, V> s = states.map(new MapStateDescriptor<>(name, Types.STRING,
                TypeInformation.of(type)));
        return new Table<>() {
            @Override
            public V get(String key) {
                return call(name, () -> s.get(key));
            }

            @Override
            public void put(String key, V value) {
                call(name, () -> {
                    s.put(key, value);
                    return null;
                });
            }

            @Override
            public void remove(String key) {
                call(name, () -> {
                    s.remove(key);
                    return null;
                });
            }

            @Override
            public boolean contains(String key) {
                return call(name, () -> s.contains(key));
            }

            @Override
            public boolean isEmpty() {
                return call(name, () -> s.isEmpty());
            }

            @Override
            public Iterable<V> values() {
                return call(name, () -> s.values());
            }

            @Override
            public Iterable<Map.Entry<String, V>> entries() {
                return call(name, () -> s.entries());
            }
        };
    }

    @Override
    public PrefixedKeyedStateStore patternStore(String prefix) {
        return PrefixedKeyedStateStore.of(ctx, prefix);
    }

    @Override
    public <T> TypeSerializer<T> serializer(Class<T> type) {
        return ctx.createSerializer(TypeInformation.of(type));
    }

    private static <T> T call(String state, Callable<T> access) {
        try {
            return access.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot access state '" + state + "'", e);
        }
    }
}
