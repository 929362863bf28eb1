package io.tradeflow.job.edges;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableFunction;

import java.util.Objects;

/**
 * The type of a stream between two tasks whose records have a hand-written serializer: the
 * serializer is built from the configuration (for the fallbacks it holds), the type compares by
 * class and name. Keyed state keeps Flink's own serializers for the same classes, so savepoints
 * do not depend on these.
 */
public final class EdgeType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String name;
    private final SerializableFunction<SerializerConfig, TypeSerializer<T>> serializer;

    EdgeType(Class<T> type, String name,
            SerializableFunction<SerializerConfig, TypeSerializer<T>> serializer) {
        this.type = type;
        this.name = name;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.apply(config);
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeType<?> e && e.type == type && e.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof EdgeType;
    }
}
