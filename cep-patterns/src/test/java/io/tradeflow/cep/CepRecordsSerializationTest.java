package io.tradeflow.cep;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CEP outputs serialize as POJOs, never through Kryo. */
class CepRecordsSerializationTest {

    @ParameterizedTest
    @ValueSource(classes = {RapidMove.class, MarketEvent.class})
    void serializesAsPojoWithoutKryo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }
}
