package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of R-STOP-1 (ATR stop, reward:risk target) and R-STOP-2 (fallback percentage). */
@DisplayName("R-STOP-1, R-STOP-2 initial stop and target levels")
class StopLevelsTest {
    private static final double TOL = 1e-9;

    @Test
    void placesALongStopAtEntryMinusAtrTimesTheMultiplier() {
        // moderate: distance 2.0 × 2.0 = 4 ⇒ stop 96; target 100 + 4 × 2.0 = 108
        Levels l = StopLevels.initial(true, 100, 2.0, TierParams.MODERATE, RuleParams.SWING);

        assertThat(l.stop()).isCloseTo(96, within(TOL));
        assertThat(l.target()).isCloseTo(108, within(TOL));
        assertThat(l.rule()).isEqualTo("R-STOP-1");
    }

    @Test
    void mirrorsAShortAboveTheEntry() {
        // moderate: stop 100 + 4 = 104; target 100 − 8 = 92
        Levels l = StopLevels.initial(false, 100, 2.0, TierParams.MODERATE, RuleParams.SWING);

        assertThat(l.stop()).isCloseTo(104, within(TOL));
        assertThat(l.target()).isCloseTo(92, within(TOL));
        assertThat(l.rule()).isEqualTo("R-STOP-1");
    }

    @Test
    void usesEachTiersMultiplierAndRewardRisk() {
        // ATR 1.2 at entry 50: conservative 1.5 / 2.0, aggressive 2.5 / 1.5
        Levels c = StopLevels.initial(true, 50, 1.2, TierParams.CONSERVATIVE, RuleParams.SWING);
        Levels a = StopLevels.initial(true, 50, 1.2, TierParams.AGGRESSIVE, RuleParams.SWING);

        assertThat(c.stop()).isCloseTo(48.2, within(TOL)); // 50 − 1.8
        assertThat(c.target()).isCloseTo(53.6, within(TOL)); // 50 + 3.6
        assertThat(a.stop()).isCloseTo(47.0, within(TOL)); // 50 − 3.0
        assertThat(a.target()).isCloseTo(54.5, within(TOL)); // 50 + 4.5
    }

    @Test
    void fallsBackToTheSwingPercentageWhenAtrIsUnknown() {
        // swing 8 %: stop 92; target 100 + 8 × 2.0 = 116
        Levels l = StopLevels.initial(true, 100, null, TierParams.MODERATE, RuleParams.SWING);

        assertThat(l.stop()).isCloseTo(92, within(TOL));
        assertThat(l.target()).isCloseTo(116, within(TOL));
        assertThat(l.rule()).isEqualTo("R-STOP-2");
    }

    @Test
    void fallsBackToTheIntradayPercentageMirroredForAShort() {
        // intraday 25 % of 4.00: stop 5.00; target 4.00 − 1.00 × 2.0 = 2.00
        Levels l = StopLevels.initial(false, 4.0, null, TierParams.MODERATE, RuleParams.INTRADAY);

        assertThat(l.stop()).isCloseTo(5.0, within(TOL));
        assertThat(l.target()).isCloseTo(2.0, within(TOL));
        assertThat(l.rule()).isEqualTo("R-STOP-2");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void fallsBackWhenAtrIsZeroNegativeOrNotFinite(double atr) {
        Levels l = StopLevels.initial(true, 100, atr, TierParams.MODERATE, RuleParams.SWING);

        assertThat(l.rule()).isEqualTo("R-STOP-2");
        assertThat(l.stop()).isCloseTo(92, within(TOL));
    }

    @Test
    void usesTheSmallestPositiveAtr() {
        Levels l = StopLevels.initial(true, 100, Double.MIN_VALUE, TierParams.MODERATE,
                RuleParams.SWING);

        assertThat(l.rule()).isEqualTo("R-STOP-1");
    }
}
