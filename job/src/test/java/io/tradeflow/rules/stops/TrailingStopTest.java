package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.stops.StopPolicy.LevelChange;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of R-STOP-4: past half-way to the target the stop moves to breakeven, for good. */
@DisplayName("R-STOP-4 trailing stop to breakeven")
class TrailingStopTest {
    private static final ExitParams E = ExitParams.DEFAULTS;

    @Test
    void doesNotArmAtExactlyHalfWay() {
        // long 100 → 110: half-way is 105
        assertThat(StopPolicy.armPrice(true, 100, 110, E)).isEqualTo(105);
        assertThat(StopPolicy.trailingArmed(true, 100, 110, 105, E)).isFalse();
        assertThat(StopPolicy.trail(true, 100, 95, 110, 105, E)).isNull();
    }

    @Test
    void armsJustPastHalfWay() {
        assertThat(StopPolicy.trailingArmed(true, 100, 110, 105.01, E)).isTrue();
        LevelChange c = StopPolicy.trail(true, 100, 95, 110, 105.01, E);

        assertThat(c.stop()).isEqualTo(100);
        assertThat(c.target()).isEqualTo(110);
        assertThat(c.rule()).isEqualTo("R-STOP-4");
    }

    @Test
    void doesNotArmExactlyHalfWayOnDecimalsThatRoundInBinary() {
        // 100.1 → 100.3: half-way 100.2, though 100.2 − 100.1 > 0.5 × (100.3 − 100.1) in
        // doubles
        assertThat(StopPolicy.trailingArmed(true, 100.1, 100.3, 100.2, E)).isFalse();
        assertThat(StopPolicy.trailingArmed(false, 100.3, 100.1, 100.2, E)).isFalse();
    }

    @Test
    void mirrorsAShort() {
        // short 100 → 90: arms below 95
        assertThat(StopPolicy.armPrice(false, 100, 90, E)).isEqualTo(95);
        assertThat(StopPolicy.trailingArmed(false, 100, 90, 95, E)).isFalse();
        assertThat(StopPolicy.trailingArmed(false, 100, 90, 94.99, E)).isTrue();
        assertThat(StopPolicy.trail(false, 100, 105, 90, 94.99, E).stop()).isEqualTo(100);
    }

    @Test
    void anAdverseExtremeNeverArms() {
        assertThat(StopPolicy.trailingArmed(true, 100, 110, 90, E)).isFalse();
        assertThat(StopPolicy.trailingArmed(false, 100, 90, 110, E)).isFalse();
    }

    @Test
    void neverMovesAStopBackFromBreakevenOrBeyond() {
        assertThat(StopPolicy.trail(true, 100, 100, 110, 108, E)).isNull();
        assertThat(StopPolicy.trail(true, 100, 101, 110, 108, E)).isNull();
        assertThat(StopPolicy.trail(false, 100, 99, 90, 92, E)).isNull();
    }
}
