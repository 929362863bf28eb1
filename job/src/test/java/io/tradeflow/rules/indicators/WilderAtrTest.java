package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of Wilder's ATR, the volatility measure of R-STOP-1. */
@DisplayName("R-STOP-1 Wilder ATR")
class WilderAtrTest {
    private static final double TOL = 1e-12;

    @Test
    void computesThePeriod3ExampleByHand() {
        // bar  high  low   close  prev close  TR = max(h − l, |h − pc|, |l − pc|)
        // 1    10    8     9      -           2    (first bar: h − l)
        // 2    12    9.5   11.5   9           3    (|12 − 9|: gap up beats h − l = 2.5)
        // 3    11    10    10.5   11.5        1.5  (|10 − 11.5| beats h − l = 1)
        //      ATR(3) = (2 + 3 + 1.5) / 3 = 13/6 = 2.1666…
        // 4    10    7     8      10.5        3.5  (|7 − 10.5| beats h − l = 3)
        //      ATR = (13/6 × 2 + 3.5) / 3 = 47/18 = 2.6111…
        // 5    9     8.5   8.75   8           1    (|9 − 8| beats h − l = 0.5)
        //      ATR = (47/18 × 2 + 1) / 3 = 56/27 = 2.0740…
        WilderAtr atr = WilderAtr.start(3);
        atr = atr.update(10, 8, 9);
        assertThat(atr.value()).isNull();
        atr = atr.update(12, 9.5, 11.5);
        assertThat(atr.value()).isNull();
        atr = atr.update(11, 10, 10.5);
        assertThat(atr.value()).isCloseTo(13.0 / 6, within(TOL));
        atr = atr.update(10, 7, 8);
        assertThat(atr.value()).isCloseTo(47.0 / 18, within(TOL));
        atr = atr.update(9, 8.5, 8.75);
        assertThat(atr.value()).isCloseTo(56.0 / 27, within(TOL));
    }

    @Test
    void isNullBeforeTheFirstBar() {
        assertThat(WilderAtr.start(14).value()).isNull();
    }

    @Test
    void isNullUntilPeriodBarsHaveBeenSeen() {
        WilderAtr atr = WilderAtr.start(14);
        for (int i = 0; i < 13; i++) {
            atr = atr.update(101, 99, 100);
            assertThat(atr.value()).as("after %d bars", i + 1).isNull();
        }
        atr = atr.update(101, 99, 100);

        assertThat(atr.value()).isCloseTo(2.0, within(TOL));
    }

    @Test
    void takesHighMinusLowAsTheFirstTrueRange() {
        // period 1: the ATR is the last true range; the first bar has no previous close
        WilderAtr atr = WilderAtr.start(1).update(10, 8, 9.5);

        assertThat(atr.value()).isEqualTo(2.0);
        // then the previous close counts: max(0.5, |10.5 − 9.5|, |10 − 9.5|) = 1
        assertThat(atr.update(10.5, 10, 10.2).value()).isCloseTo(1.0, within(TOL));
    }

    @Test
    void isImmutable() {
        WilderAtr start = WilderAtr.start(2);
        WilderAtr after = start.update(10, 8, 9);

        assertThat(start.count()).isZero();
        assertThat(after.count()).isOne();
        assertThat(after).isNotSameAs(start);
    }

    @Test
    void rejectsAPeriodBelowOne() {
        assertThatThrownBy(() -> WilderAtr.start(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
