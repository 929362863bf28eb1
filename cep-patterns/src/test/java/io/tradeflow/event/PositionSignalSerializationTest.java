package io.tradeflow.event;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The position-lifecycle records of the in-engine patterns serialize as POJOs, never via Kryo. */
class PositionSignalSerializationTest {

    @ParameterizedTest
    @ValueSource(classes = {PositionSignal.class, TrailingArm.class, StopOutCluster.class})
    void serializesAsPojoWithoutKryo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }

    @Test
    void roundTripsThroughItsFlinkSerializer() throws Exception {
        assertThat(roundTrip(PositionSignal.class,
                PositionSignal.extreme("p1", "SPY", false, 99.5, 42L)))
                .isEqualTo(PositionSignal.extreme("p1", "SPY", false, 99.5, 42L));
        StopOutCluster c = new StopOutCluster(1, 3, 3, List.of("a", "b", "c"),
                List.of("SPY", "QQQ", "SPY"), 60_003);
        assertThat(roundTrip(StopOutCluster.class, c)).isEqualTo(c);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> s = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
