package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.stops.StopPolicy.LevelChange;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of R-STOP-5 (levels recomputed when ATR changed by more than 10 %, a stop only
 * tightens) and R-MOVE-1 (a rapid move forces the re-evaluation).
 */
@DisplayName("R-STOP-5, R-MOVE-1 stop re-evaluation")
class StopReevaluationTest {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final double TOL = 1e-9;

    // a long at 100, set with ATR 2.0 × 2.0 (moderate): stop 96, target 108
    private static LevelChange lng(Double atrNow, boolean force) {
        return StopPolicy.reevaluate(true, 100, 96, 108, 2.0, atrNow, 2.0, 2.0, E, force,
                force ? "R-MOVE-1" : "R-STOP-5");
    }

    @Test
    void keepsTheLevelsWhenAtrChangedByExactlyTenPercent() {
        assertThat(StopPolicy.atrChanged(2.0, 1.8, E)).isFalse();
        assertThat(StopPolicy.atrChanged(2.0, 2.2, E)).isFalse();
        assertThat(lng(1.8, false)).isNull();
        assertThat(lng(2.2, false)).isNull();
    }

    @Test
    void recomputesWhenAtrFellByJustOverTenPercent() {
        // 10.01 %: ATR 1.7998 ⇒ distance 3.5996 ⇒ stop 96.4004, target 107.1992
        assertThat(StopPolicy.atrChanged(2.0, 1.7998, E)).isTrue();
        LevelChange c = lng(1.7998, false);

        assertThat(c).isNotNull();
        assertThat(c.stop()).isCloseTo(96.4004, within(TOL));
        assertThat(c.target()).isCloseTo(107.1992, within(TOL));
        assertThat(c.rule()).isEqualTo("R-STOP-5");
        assertThat(c.reason()).contains("tightened to 96.4");
    }

    @Test
    void keepsTheStopButMovesTheTargetWhenAtrRose() {
        // ATR 2.5 (+25 %): computed stop 95 is looser than 96, so 96 stays; target 110
        LevelChange c = lng(2.5, false);

        assertThat(c.stop()).isEqualTo(96);
        assertThat(c.target()).isCloseTo(110, within(TOL));
        assertThat(c.reason()).contains("kept at 96");
    }

    @Test
    void mirrorsAShortTighteningDownward() {
        // short at 100, stop 104, target 92; ATR 1.5 (−25 %): stop 103, target 94
        LevelChange c = StopPolicy.reevaluate(false, 100, 104, 92, 2.0, 1.5, 2.0, 2.0, E, false,
                "R-STOP-5");

        assertThat(c.stop()).isCloseTo(103, within(TOL));
        assertThat(c.target()).isCloseTo(94, within(TOL));
        // ATR up: the short's stop stays
        LevelChange up = StopPolicy.reevaluate(false, 100, 104, 92, 2.0, 3.0, 2.0, 2.0, E, false,
                "R-STOP-5");
        assertThat(up.stop()).isEqualTo(104);
    }

    @Test
    void aRapidMoveForcesTheReevaluationWhateverTheAtrChange() {
        // ATR unchanged, multiplier halved by a high-severity event (R-STOP-6): stop 98
        LevelChange c = StopPolicy.reevaluate(true, 100, 96, 108, 2.0, 2.0, 1.0, 2.0, E, true,
                "R-MOVE-1");

        assertThat(c.stop()).isCloseTo(98, within(TOL));
        assertThat(c.target()).isCloseTo(104, within(TOL));
        assertThat(c.rule()).isEqualTo("R-MOVE-1");
        assertThat(lng(2.0, true)).as("forced, but nothing moves").isNull();
        assertThat(lng(2.0, false)).isNull();
    }

    @Test
    void aForcedReevaluationWithoutACurrentAtrUsesTheAtrTheLevelsWereSetWith() {
        LevelChange c = StopPolicy.reevaluate(true, 100, 96, 108, 2.0, null, 1.0, 2.0, E, true,
                "R-MOVE-1");

        assertThat(c.stop()).isCloseTo(98, within(TOL));
    }

    @Test
    void changesNothingWithoutAnyAtr() {
        assertThat(StopPolicy.reevaluate(true, 100, 92, 116, Double.NaN, null, 2.0, 2.0, E, true,
                "R-MOVE-1")).isNull();
        assertThat(lng(null, false)).isNull();
        assertThat(lng(0.0, false)).isNull();
    }

    @Test
    void aFallbackStopIsRecomputedOnceAtrIsKnown() {
        // set by R-STOP-2 at 92 (ATR unknown); ATR 1.5 now: stop 97, target 106
        LevelChange c = StopPolicy.reevaluate(true, 100, 92, 116, Double.NaN, 1.5, 2.0, 2.0, E,
                false, "R-STOP-5");

        assertThat(c.stop()).isCloseTo(97, within(TOL));
        assertThat(c.target()).isCloseTo(106, within(TOL));
    }

    @Test
    void aStopAtBreakevenStaysThereAndKeepsATargetBeyondTheEntry() {
        // trailed to 100 (R-STOP-4); ATR falls 50 %: computed 98 is looser, target 104
        LevelChange c = StopPolicy.reevaluate(true, 100, 100, 108, 2.0, 1.0, 2.0, 2.0, E, false,
                "R-STOP-5");

        assertThat(c.stop()).isEqualTo(100);
        assertThat(c.target()).isCloseTo(104, within(TOL));
    }

    @Test
    void aTightenedStopThroughThePriceIsReachedByTheNextBar() {
        // the price fell to 97.5 after entry; a forced re-evaluation at half the multiplier
        // puts the stop at 98, above the price: the next bar exits by R-STOP-3
        LevelChange c = StopPolicy.reevaluate(true, 100, 96, 108, 2.0, 2.0, 1.0, 2.0, E, true,
                "R-MOVE-1");

        assertThat(c.stop()).isGreaterThan(97.5);
        assertThat(ExitTrigger.crossed(true, c.stop(), c.target(), 97.4, 97.6))
                .isEqualTo(ExitTrigger.STOP);
    }
}
