package io.tradeflow.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.VixQuote;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-MOVE-1 and R-VIX-1 arithmetic, without Flink. */
class PriceMovesTest {

    @ParameterizedTest
    @CsvSource({
        "100, 105, true", "100, 95, true", "20, 21, true", "20, 19, true", "0.1, 0.105, true",
        "33.33, 34.9965, true", "19.99, 20.99, true", "100, 104.99, false", "100, 95.01, false",
        "0, 10, false", "-1, 10, false"
    })
    void aMoveOfExactlyTheThresholdCounts(double start, double price, boolean expected) {
        assertThat(PriceMoves.isMove(start, price, 0.05)).isEqualTo(expected);
    }

    @Test
    void describesTheMoveFromTheReferenceBar() {
        Bar start = new Bar("AAPL", 1_000, 0, 0, 0, 200, 1);
        Bar end = new Bar("AAPL", 61_000, 0, 0, 0, 188, 1);
        assertThat(PriceMoves.move(start, end)).satisfies(m -> {
            assertThat(m.ticker()).isEqualTo("AAPL");
            assertThat(m.startTs()).isEqualTo(1_000);
            assertThat(m.ts()).isEqualTo(61_000);
            assertThat(m.changePct()).isCloseTo(-6.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(m.direction()).isEqualTo("down");
        });
    }

    @Test
    void vixAtTwentyEightHaltsAndJustBelowDoesNot() {
        assertThat(VixLevels.halts(28.0, 28)).isTrue();
        assertThat(VixLevels.halts(27.99, 28)).isFalse();
        assertThat(VixLevels.crosses(new VixQuote(1, 28.0), new VixQuote(2, 29), 28)).isFalse();
        MarketEvent open = VixLevels.transition(new VixQuote(1, 27.99), new VixQuote(2, 28), 28);
        assertThat(open.state()).isEqualTo(MarketEvent.OPEN);
        assertThat(open.untilTs()).isEqualTo(Long.MAX_VALUE);
        MarketEvent closed = VixLevels.transition(new VixQuote(2, 28), new VixQuote(3, 27.9), 28);
        assertThat(closed.state()).isEqualTo(MarketEvent.CLOSED);
        assertThat(closed.untilTs()).isEqualTo(3);
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThatThrownBy(() -> RapidMovePattern.of(0, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RapidMovePattern.of(0.05, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VolatilityClusterPattern.of(0, Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
