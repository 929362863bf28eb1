package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/**
 * The seed's Property 9, R-STOP-1: {@code stop = entry − ATR × multiplier} below the entry and
 * {@code target = entry + stop distance × reward:risk} above it; a short mirrored.
 */
@Label("R-STOP-1 Property 9: stop-loss and take-profit initial computation")
class InitialLevelsProperties {

    @Provide
    Arbitrary<TierParams> tiers() {
        return Arbitraries.of(TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE);
    }

    @Property
    void aLongStopIsEntryMinusAtrTimesTheMultiplierAndTheTargetRewardRiskAbove(
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double entry,
            @ForAll @DoubleRange(min = 0.0001, max = 0.3) @Scale(6) double atrPct,
            @ForAll("tiers") TierParams tier) {
        // an ATR small enough that the stop stays positive
        double atr = entry * atrPct;
        Levels l = StopLevels.initial(true, entry, atr, tier, RuleParams.SWING);
        double tol = 1e-9 * entry;

        assertThat(l.stop()).isCloseTo(entry - atr * tier.stopAtrMultiplier(), within(tol));
        assertThat(l.target()).isCloseTo(entry + (entry - l.stop()) * tier.rewardRisk(),
                within(tol));
        assertThat(l.stop()).isLessThan(entry);
        assertThat(l.target()).isGreaterThan(entry);
        assertThat(l.rule()).isEqualTo("R-STOP-1");
    }

    @Property
    void aShortStopIsEntryPlusAtrTimesTheMultiplierAndTheTargetRewardRiskBelow(
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double entry,
            @ForAll @DoubleRange(min = 0.0001, max = 0.3) @Scale(6) double atrPct,
            @ForAll("tiers") TierParams tier) {
        double atr = entry * atrPct;
        Levels l = StopLevels.initial(false, entry, atr, tier, RuleParams.SWING);
        double tol = 1e-9 * entry;

        assertThat(l.stop()).isCloseTo(entry + atr * tier.stopAtrMultiplier(), within(tol));
        assertThat(l.target()).isCloseTo(entry - (l.stop() - entry) * tier.rewardRisk(),
                within(tol));
        assertThat(l.stop()).isGreaterThan(entry);
        assertThat(l.target()).isLessThan(entry);
    }
}
