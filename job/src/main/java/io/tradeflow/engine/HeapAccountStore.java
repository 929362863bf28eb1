package io.tradeflow.engine;

import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.HeapStateStore;
import io.tradeflow.ordering.PrefixedKeyedStateStore;
import io.tradeflow.ordering.Table;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.HashMap;
import java.util.Map;

/** Keeps one account's state in plain maps, for the plain runner: nothing is serialized. */
public final class HeapAccountStore implements AccountStore {
    private final Map<String, Object> states = new HashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <V> Cell<V> cell(String name, Class<V> type) {
        return (Cell<V>) states.computeIfAbsent(name, n -> new HeapStateStore.Value<V>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Table<V> table(String name, Class<V> type) {
        return (Table<V>) states.computeIfAbsent(name, n -> new HeapStateStore.Table<V>());
    }

    @Override
    public PrefixedKeyedStateStore patternStore(String prefix) {
        return new HeapStateStore(states, prefix);
    }

    @Override
    public <T> TypeSerializer<T> serializer(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new ExecutionConfig().getSerializerConfig());
    }
}
