package io.tradeflow.job.edges;

import io.tradeflow.event.Bar;
import io.tradeflow.market.BarRun;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.List;

/** Flink's serializer contract for the runs of bars from the sources to the ticker stage. */
class BarRunSerializerTest extends SerializerTestBase<BarRun> {

    @Override
    protected TypeSerializer<BarRun> createSerializer() {
        return EdgeTypes.BAR_RUN.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<BarRun> getTypeClass() {
        return BarRun.class;
    }

    @Override
    protected BarRun[] getTestData() {
        long ts = AccountInputSerializerTest.TS;
        return new BarRun[] {
            BarRun.of(AccountInputSerializerTest.BAR),
            new BarRun(List.of(new Bar("SPY", ts, 575.9, 576.0, 575.1, 575.2, 0),
                    new Bar("SPY", ts + 60_000, 575.2, 575.5, -0.0, Double.NaN, Long.MAX_VALUE),
                    new Bar("SPY", ts + 120_000, 0, 0, 0, 0, -1)))
        };
    }
}
