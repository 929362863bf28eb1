package io.tradeflow.rules.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;

/** Examples of the daily closes a return correlation is computed from. */
@DisplayName("R-SIZE-3 daily closes for the return correlation")
class CorrelationDailyClosesTest {
    private static final LocalDate MON = LocalDate.of(2024, 6, 3);

    @Test
    void startsEmpty() {
        assertThat(DailyCloses.empty().size()).isZero();
        assertThat(DailyCloses.empty().closes()).isEmpty();
    }

    @Test
    void appendsALaterDay() {
        DailyCloses c = DailyCloses.empty().with(MON, 10, 90).with(MON.plusDays(1), 11, 90);

        assertThat(c.epochDays()).containsExactly((int) MON.toEpochDay(),
                (int) MON.toEpochDay() + 1);
        assertThat(c.closes()).containsExactly(10, 11);
    }

    @Test
    void replacesTheLastCloseOnTheSameDay() {
        DailyCloses c = DailyCloses.empty().with(MON, 10, 90).with(MON.plusDays(1), 11, 90)
                .with(MON.plusDays(1), 12, 90);

        assertThat(c.closes()).containsExactly(10, 12);
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void ignoresAnEarlierDay() {
        DailyCloses c = DailyCloses.empty().with(MON, 10, 90).with(MON.plusDays(2), 11, 90);

        assertThat(c.with(MON.plusDays(1), 99, 90)).isSameAs(c);
        assertThat(c.with(MON, 99, 90)).isSameAs(c);
    }

    @Test
    void ignoresACloseThatIsNotPositiveAndFinite() {
        DailyCloses c = DailyCloses.empty().with(MON, 10, 90);

        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThat(c.with(MON.plusDays(1), bad, 90)).isSameAs(c);
        }
    }

    @Test
    void keepsMaxDaysReturnsWorthOfCloses() {
        DailyCloses c = DailyCloses.empty();
        for (int i = 0; i < 200; i++) {
            c = c.with(MON.plusDays(i), 100 + i, 90);
        }

        assertThat(c.size()).isEqualTo(91);
        assertThat(c.day(0)).isEqualTo((int) MON.plusDays(109).toEpochDay());
        assertThat(c.close(90)).isEqualTo(299);
        assertThat(c.with(MON.plusDays(200), 1, 3).closes()).containsExactly(297, 298, 299, 1);
    }

    @Test
    void isImmutable() {
        int[] days = {1, 2};
        double[] closes = {10, 11};
        DailyCloses c = new DailyCloses(days, closes);
        days[0] = 0;
        closes[0] = 0;
        c.closes()[1] = 0;
        c.epochDays()[1] = 0;
        DailyCloses later = c.with(LocalDate.ofEpochDay(3), 12, 90);
        c.with(LocalDate.ofEpochDay(2), 13, 90);

        assertThat(c).isEqualTo(new DailyCloses(new int[] {1, 2}, new double[] {10, 11}));
        assertThat(later.closes()).containsExactly(10, 11, 12);
    }

    @Test
    void needsOneDayPerClose() {
        assertThatThrownBy(() -> new DailyCloses(new int[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DailyCloses(null, null)).isEqualTo(DailyCloses.empty());
    }

    @Test
    void isKeptByFlinkAsAPojoWithoutKryo() throws IOException {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DailyCloses.class);
        DailyCloses c = DailyCloses.empty().with(MON, 10.5, 90).with(MON.plusDays(3), 11.25, 90);
        TypeSerializer<DailyCloses> ser = TypeInformation.of(DailyCloses.class)
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        ser.serialize(c, out);

        assertThat(ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(c);
    }
}
