package io.tradeflow.job.edges;

import io.tradeflow.event.Bar;
import io.tradeflow.market.BarRun;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes a run of bars: its count, then the bars in their compact form ({@link Compact}). */
public final class BarRunSerializer extends ImmutableSerializer<BarRun> {
    private static final long serialVersionUID = 1L;

    @Override
    public TypeSerializer<BarRun> duplicate() {
        return this;
    }

    @Override
    public BarRun createInstance() {
        return BarRun.of(new Bar("", 0, 0, 0, 0, 0, 0));
    }

    @Override
    public void serialize(BarRun run, DataOutputView out) throws IOException {
        out.writeInt(run.bars().size());
        Compact.bars(run.bars(), b -> b, out);
    }

    @Override
    public BarRun deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        List<Bar> bars = new ArrayList<>(n);
        Compact.bars(in, n, bars);
        return new BarRun(bars);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarRunSerializer;
    }

    @Override
    public int hashCode() {
        return BarRunSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<BarRun> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot of a serializer without configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BarRun> {
        public Snapshot() {
            super(BarRunSerializer::new);
        }
    }
}
