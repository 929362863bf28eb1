package io.tradeflow.engine;

import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.PatternRunner;
import io.tradeflow.ordering.PrefixedKeyedStateStore;
import io.tradeflow.ordering.Table;

import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Gives the account book its state, by name: Flink keyed state of the current key in the job
 * ({@link FlinkAccountStore}), plain maps of one account in the plain runner
 * ({@link HeapAccountStore}). The book never sees which.
 */
public interface AccountStore {
    <V> Cell<V> cell(String name, Class<V> type);

    <V> Table<V> table(String name, Class<V> type);

    /**
     * Returns a state store whose every state name starts with {@code prefix}, for a
     * {@link PatternRunner}'s NFA and shared buffer.
     */
    PrefixedKeyedStateStore patternStore(String prefix);

    /** Returns the serializer of a pattern's event type. */
    <T> TypeSerializer<T> serializer(Class<T> type);
}
