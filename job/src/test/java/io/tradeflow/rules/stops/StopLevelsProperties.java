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

/** Properties of R-STOP-1 and R-STOP-2 over random entries, ATRs and tiers. */
@Label("R-STOP-1, R-STOP-2 initial stop and target levels properties")
class StopLevelsProperties {

    @Provide
    Arbitrary<TierParams> tiers() {
        return Arbitraries.of(TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE);
    }

    @Provide
    Arbitrary<RuleParams> profiles() {
        return Arbitraries.of(RuleParams.INTRADAY, RuleParams.SWING);
    }

    /** ATR values, unknown ones (null, 0, NaN) included. */
    @Provide
    Arbitrary<Double> atrs() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0.0001, 500).ofScale(6),
                Arbitraries.of(0.0, Double.NaN).map(d -> d), Arbitraries.just(null));
    }

    @Property
    void aLongStopIsBelowItsEntryAndTheTargetAbove(
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double entry,
            @ForAll("atrs") Double atr, @ForAll("tiers") TierParams tier,
            @ForAll("profiles") RuleParams p) {
        Levels l = StopLevels.initial(true, entry, atr, tier, p);

        assertThat(l.stop()).isLessThan(entry);
        assertThat(l.target()).isGreaterThan(entry);
    }

    @Property
    void aShortIsTheLongMirroredAroundTheEntry(
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double entry,
            @ForAll("atrs") Double atr, @ForAll("tiers") TierParams tier,
            @ForAll("profiles") RuleParams p) {
        Levels lng = StopLevels.initial(true, entry, atr, tier, p);
        Levels sht = StopLevels.initial(false, entry, atr, tier, p);
        double tol = 1e-9 * Math.max(1, entry);

        assertThat(sht.stop()).isGreaterThan(entry);
        assertThat(sht.target()).isLessThan(entry);
        assertThat(sht.stop() - entry).isCloseTo(entry - lng.stop(), within(tol));
        assertThat(entry - sht.target()).isCloseTo(lng.target() - entry, within(tol));
        assertThat(sht.rule()).isEqualTo(lng.rule());
    }

    @Property
    void theDistancesAreAtrOrPercentageTimesTheTierNumbers(
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double entry,
            @ForAll("atrs") Double atr, @ForAll("tiers") TierParams tier,
            @ForAll("profiles") RuleParams p, @ForAll boolean isLong) {
        Levels l = StopLevels.initial(isLong, entry, atr, tier, p);
        boolean known = atr != null && atr > 0;
        double stopDistance = known ? atr * tier.stopAtrMultiplier() : entry * p.stopLossPercent();
        double tol = 1e-9 * Math.max(1, entry + stopDistance * tier.rewardRisk());

        assertThat(l.rule()).isEqualTo(known ? "R-STOP-1" : "R-STOP-2");
        assertThat(Math.abs(entry - l.stop())).isCloseTo(stopDistance, within(tol));
        assertThat(Math.abs(l.target() - entry))
                .isCloseTo(Math.abs(entry - l.stop()) * tier.rewardRisk(), within(tol));
    }
}
