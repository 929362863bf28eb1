package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of R-STOP-6: the stop multiplier × 0.7 near earnings, × 0.5 in a severe event. */
@DisplayName("R-STOP-6 stop tightening near earnings and in high-severity events")
class StopTighteningTest {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final double TOL = 1e-12;

    @Test
    void usesTheTierMultiplierOtherwise() {
        assertThat(StopPolicy.multiplier(TierParams.MODERATE, false, false, E)).isEqualTo(2.0);
        assertThat(StopPolicy.multiplier(TierParams.CONSERVATIVE, false, false, E))
                .isEqualTo(1.5);
    }

    @Test
    void multipliesBySevenTenthsWithEarningsWithinThreeTradingDays() {
        assertThat(StopPolicy.multiplier(TierParams.MODERATE, true, false, E))
                .isCloseTo(1.4, within(TOL));
        assertThat(StopPolicy.multiplier(TierParams.AGGRESSIVE, true, false, E))
                .isCloseTo(1.75, within(TOL));
    }

    @Test
    void halvesDuringAHighSeverityEvent() {
        assertThat(StopPolicy.multiplier(TierParams.MODERATE, false, true, E))
                .isCloseTo(1.0, within(TOL));
    }

    @Test
    void appliesBothFactorsTogether() {
        // 2.0 × 0.7 × 0.5
        assertThat(StopPolicy.multiplier(TierParams.MODERATE, true, true, E))
                .isCloseTo(0.7, within(TOL));
    }

    @Test
    void readsTheFactorsFromTheParameters() {
        ExitParams e = E.with(b -> b.earningsStopFactor(0.8).highSeverityStopFactor(0.25));

        assertThat(StopPolicy.multiplier(TierParams.MODERATE, true, true, e))
                .isCloseTo(0.4, within(TOL));
    }

    @Test
    void aHighSeverityReevaluationMovesTheStopTowardThePrice() {
        // entry 50, ATR 1, moderate: stop 48; in the event, stop 49 (half the distance)
        double m = StopPolicy.multiplier(TierParams.MODERATE, false, true, E);
        StopPolicy.LevelChange c = StopPolicy.reevaluate(true, 50, 48, 54, 1.0, 1.0, m,
                TierParams.MODERATE.rewardRisk(), E, true, "R-STOP-6");

        assertThat(c.stop()).isCloseTo(49, within(TOL));
        assertThat(c.rule()).isEqualTo("R-STOP-6");
    }
}
