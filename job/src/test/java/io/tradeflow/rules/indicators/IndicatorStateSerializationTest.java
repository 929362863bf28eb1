package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;

/** Checks that the per-ticker indicator state is kept by Flink as a POJO, without Kryo. */
class IndicatorStateSerializationTest {

    @Test
    void serializesTickerIndicatorsAsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TickerIndicators.class);
    }

    @Test
    void roundTripsAWarmState() throws IOException {
        TickerIndicators s = TickerIndicators.start(IndicatorParams.DEFAULTS);
        LocalDate d = LocalDate.of(2024, 6, 3);
        for (int m = 0; m < 60; m++) {
            long ts = MarketTime.epochMillis(d, LocalTime.of(9, 31).plusMinutes(m));
            s = s.update(new Bar("T", ts, 100 + m, 101 + m, 99 + m, 100.5 + m, 10 + m),
                    TradingCalendar.nyse());
        }
        TypeSerializer<TickerIndicators> ser = TypeInformation.of(TickerIndicators.class)
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(s, out);
        TickerIndicators back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isEqualTo(s);
        assertThat(back.snapshot()).isEqualTo(s.snapshot());
    }
}
