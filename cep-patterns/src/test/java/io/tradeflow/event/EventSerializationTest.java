package io.tradeflow.event;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every stream type serializes as a POJO, never through Kryo ({@code pipeline.generic-types: false}). */
class EventSerializationTest {

    @ParameterizedTest
    @ValueSource(classes = {Bar.class, MarketTick.class, Recommendation.class, VixQuote.class,
            CalendarEvent.class, ControlCommand.class, Fill.class, AccountInput.class,
            Decision.class, Order.class, PositionEvent.class, DeadLetter.class,
            AccountOutput.class, StopLevelChange.class, Indicators.class, Signal.class,
            OptionQuote.class})
    void serializesAsPojoWithoutKryo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }
}
