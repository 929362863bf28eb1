package io.tradeflow.job.edges;

import io.tradeflow.event.Bar;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for the bars' edge from the sources to the ticker stage. */
class BarSerializerTest extends SerializerTestBase<Bar> {

    @Override
    protected TypeSerializer<Bar> createSerializer() {
        return EdgeTypes.BAR.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Bar> getTypeClass() {
        return Bar.class;
    }

    @Override
    protected Bar[] getTestData() {
        long ts = AccountInputSerializerTest.TS;
        return new Bar[] {
            AccountInputSerializerTest.BAR,
            new Bar("SPY", ts + 60_000, 575.9, 576.0, 575.1, 575.2, 0),
            new Bar("BRK.B", Long.MIN_VALUE, -0.0, Double.MAX_VALUE, Double.NaN,
                    Double.NEGATIVE_INFINITY, Long.MAX_VALUE),
            new Bar("", 0, 0, 0, 0, 0, -1)
        };
    }
}
