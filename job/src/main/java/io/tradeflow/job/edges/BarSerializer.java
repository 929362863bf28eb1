package io.tradeflow.job.edges;

import io.tradeflow.event.Bar;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Writes a {@link Bar}'s seven fields in order: ticker, time, OHLC, volume. */
public final class BarSerializer extends ImmutableSerializer<Bar> {
    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<Bar> duplicate() {
        return this;
    }

    @Override
    public Bar createInstance() {
        return new Bar("", 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void serialize(Bar b, DataOutputView out) throws IOException {
        write(b, out);
    }

    @Override
    public Bar deserialize(DataInputView in) throws IOException {
        return read(in);
    }

    static void write(Bar b, DataOutputView out) throws IOException {
        Compact.text(b.ticker(), out);
        Compact.fields(b, out);
    }

    static Bar read(DataInputView in) throws IOException {
        return Compact.fields(Compact.text(in), in);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarSerializer;
    }

    @Override
    public int hashCode() {
        return BarSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Bar> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of a serializer without configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Bar> {
        public Snapshot() {
            super(BarSerializer::new);
        }
    }
}
