package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.stops.StopPolicy.LevelChange;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/**
 * The seed's Property 15, R-STOP-6 with R-STOP-5: during a high-severity event the stop uses 0.5 ×
 * the normal multiplier, so it is closer to the price than the normal stop, and a re-evaluation
 * never loosens a stop, whatever it was.
 */
@Label("R-STOP-6 Property 15: stop tightening during high-severity events")
class HighSeverityTighteningProperties {
    private static final ExitParams E = ExitParams.DEFAULTS;

    @Provide
    Arbitrary<TierParams> tiers() {
        return Arbitraries.of(TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE);
    }

    @Property
    void theEventHalvesTheStopDistanceOfAFreshPosition(
            @ForAll @DoubleRange(min = 1, max = 5_000) double entry,
            @ForAll @DoubleRange(min = 0.001, max = 0.1) @Scale(6) double atrPct,
            @ForAll("tiers") TierParams tier, @ForAll boolean isLong,
            @ForAll boolean earnings) {
        double atr = entry * atrPct;
        double normal = StopPolicy.multiplier(tier, earnings, false, E);
        double severe = StopPolicy.multiplier(tier, earnings, true, E);
        Levels l = StopLevels.initial(isLong, entry, atr, tier, RuleParams.SWING);
        double stop = isLong ? entry - atr * normal : entry + atr * normal;
        double target = l.target();

        LevelChange c = StopPolicy.reevaluate(isLong, entry, stop, target, atr, atr, severe,
                tier.rewardRisk(), E, true, "R-STOP-6");

        assertThat(severe).isCloseTo(normal * 0.5, within(1e-12));
        assertThat(c).isNotNull();
        assertThat(Math.abs(entry - c.stop())).isCloseTo(atr * normal * 0.5,
                within(1e-9 * entry));
        assertThat(Math.abs(entry - c.stop())).isLessThan(Math.abs(entry - stop));
    }

    @Property
    void aReevaluationNeverLoosensAStop(
            @ForAll @DoubleRange(min = 1, max = 5_000) double entry,
            @ForAll @DoubleRange(min = -0.3, max = 0.3) @Scale(6) double stopPct,
            @ForAll @DoubleRange(min = 0.001, max = 0.1) @Scale(6) double atrSetPct,
            @ForAll @DoubleRange(min = 0.001, max = 0.1) @Scale(6) double atrNowPct,
            @ForAll("tiers") TierParams tier, @ForAll boolean isLong,
            @ForAll boolean earnings, @ForAll boolean severe, @ForAll boolean force) {
        double stop = entry * (1 + stopPct);
        double target = isLong ? entry * 1.2 : entry * 0.8;
        double m = StopPolicy.multiplier(tier, earnings, severe, E);

        LevelChange c = StopPolicy.reevaluate(isLong, entry, stop, target, entry * atrSetPct,
                entry * atrNowPct, m, tier.rewardRisk(), E, force, "R-STOP-5");

        if (c != null) {
            if (isLong) {
                assertThat(c.stop()).isGreaterThanOrEqualTo(stop);
                assertThat(c.target()).isGreaterThan(entry);
            } else {
                assertThat(c.stop()).isLessThanOrEqualTo(stop);
                assertThat(c.target()).isLessThan(entry);
            }
        }
    }
}
