package io.tradeflow.ordering;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Presents state (a keyed function's {@link RuntimeContext}, or {@link HeapStateStore}'s plain
 * maps) as the {@link KeyedStateStore} that flink-cep's {@code SharedBuffer} wants, prefixing
 * every state name: the buffer registers fixed
 * names ({@code sharedBuffer-events}, …), so two {@link PatternRunner}s in one operator would
 * otherwise share, and corrupt, the same state.
 *
 * <p>Descriptors must carry a serializer (SharedBuffer's do). Only the value, map and list getters
 * of state API v1 are supported (all that SharedBuffer
 * uses, 1.17 to 2.2). The v2 getters became abstract members of this interface in Flink 2.0:
 * this class is expected to need attention on a major upgrade, and {@code PatternRunnerTest}
 * is its check.
 */
public abstract class PrefixedKeyedStateStore implements KeyedStateStore {

    private final String prefix;

    protected PrefixedKeyedStateStore(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Returns the runtime context of the keyed function whose state this is, or null outside
     * Flink (the plain runner), for opening rich pattern conditions.
     */
    public RuntimeContext runtimeContext() {
        return null;
    }

    /** Returns the store over a keyed function's runtime context (the job's backend). */
    public static PrefixedKeyedStateStore of(RuntimeContext ctx, String prefix) {
        return new PrefixedKeyedStateStore(prefix) {
            @Override
            public RuntimeContext runtimeContext() {
                return ctx;
            }

            @Override
            public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
                return ctx.getState(new ValueStateDescriptor<>(name(d.getName()),
                        d.getSerializer()));
            }

            @Override
            public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> d) {
                return ctx.getMapState(new MapStateDescriptor<>(
                        name(d.getName()), d.getKeySerializer(), d.getValueSerializer()));
            }

            @Override
            public <T> ListState<T> getListState(ListStateDescriptor<T> d) {
                return ctx.getListState(
                        new ListStateDescriptor<>(name(d.getName()), d.getElementSerializer()));
            }
        };
    }

    /** Returns the prefixed state name. */
    protected final String name(String name) {
        return prefix + name;
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> d) {
        throw unsupported(d.getName());
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
            AggregatingStateDescriptor<IN, ACC, OUT> d) {
        throw unsupported(d.getName());
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
            org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> d) {
        throw unsupported(d.getStateId());
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
            org.apache.flink.api.common.state.v2.ListStateDescriptor<T> d) {
        throw unsupported(d.getStateId());
    }

    @Override
    public <UK, UV> org.apache.flink.api.common.state.v2.MapState<UK, UV> getMapState(
            org.apache.flink.api.common.state.v2.MapStateDescriptor<UK, UV> d) {
        throw unsupported(d.getStateId());
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
            org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> d) {
        throw unsupported(d.getStateId());
    }

    @Override
    public <IN, ACC, OUT> org.apache.flink.api.common.state.v2.AggregatingState<IN, OUT>
            getAggregatingState(org.apache.flink.api.common.state.v2
                    .AggregatingStateDescriptor<IN, ACC, OUT> d) {
        throw unsupported(d.getStateId());
    }

    @Override
    public String getBackendTypeIdentifier() {
        return "prefixed(" + prefix + ")";
    }

    private UnsupportedOperationException unsupported(String name) {
        return new UnsupportedOperationException(
                "pattern runner state " + prefix + name + ": only v1 value, map and list state");
    }
}
