package io.tradeflow.rules.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.sizing.Holding;
import io.tradeflow.rules.sizing.PositionSizer;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingRequest;
import io.tradeflow.rules.stops.Levels;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

import java.util.List;
import java.util.Map;

/**
 * The seed's Properties 31 (micro parameters: 3 % cap, 1.0 × ATR stop, 1.5 × target, 10 a day),
 * 32 (closed after 2 hours) and 34 (every other constraint still applies), R-MICRO-1.
 */
@Label("R-MICRO-1 Properties 31, 32, 34: micro-trading")
class MicroTradesProperties {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final ExitParams ON =
            RuleKeys.set(RuleParams.INTRADAY, "micro-enabled", "true").exits();

    @Property
    void aMicroTradeNeverExceedsThreePercentOfTheActivePool(
            @ForAll @LongRange(min = 0, max = 1_000_000) long sized,
            @ForAll @DoubleRange(min = 0.01, max = 5_000) double price,
            @ForAll @DoubleRange(min = -1_000, max = 10_000_000) double pool) {
        long q = MicroTrades.capQuantity(sized, price, pool, E);

        assertThat(q).isBetween(0L, sized);
        assertThat(q * price).isLessThanOrEqualTo(0.03 * Math.max(0, pool) * (1 + 1e-9));
    }

    @Property
    void theStopIsOneAtrAndTheTargetOneAndAHalfStopDistances(
            @ForAll @DoubleRange(min = 1, max = 5_000) double entry,
            @ForAll @DoubleRange(min = 0.0001, max = 0.2) @Scale(6) double atrPct,
            @ForAll boolean isLong) {
        double atr = entry * atrPct;
        Levels l = MicroTrades.levels(isLong, entry, atr, E, RuleParams.INTRADAY);
        double tol = 1e-9 * entry;

        assertThat(Math.abs(entry - l.stop())).isCloseTo(atr, within(tol));
        assertThat(Math.abs(l.target() - entry)).isCloseTo(1.5 * atr, within(tol));
        assertThat(isLong ? l.stop() < entry && l.target() > entry
                : l.stop() > entry && l.target() < entry).isTrue();
    }

    @Property
    void atMostTenMicroTradesADay(@ForAll @IntRange(min = 0, max = 50) int today,
            @ForAll boolean enabled) {
        assertThat(MicroTrades.allows(enabled, today, E).pass()).isEqualTo(enabled && today < 10);
    }

    @Property
    void aMicroTradeIsDueForClosingExactlyFromTwoHoursAfterItOpened(
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long opened,
            @ForAll @LongRange(min = 0, max = 86_400_000L) long held) {
        long closeAt = MicroTrades.closeAt(opened, E);

        assertThat(closeAt - opened).isEqualTo(7_200_000L);
        assertThat(opened + held >= closeAt).isEqualTo(held >= 7_200_000L);
    }

    @Provide
    Arbitrary<TierParams> tiers() {
        return Arbitraries.of(TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE);
    }

    @Property
    void aMicroTradeRespectsEveryOtherSizingConstraint(
            @ForAll @DoubleRange(min = 0.3, max = 1) double confidence,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = 1_000, max = 1_000_000) double portfolio,
            @ForAll @DoubleRange(min = 1, max = 1_000) double price,
            @ForAll @DoubleRange(min = 0.001, max = 0.2) @Scale(6) double stopPct,
            @ForAll @DoubleRange(min = 0, max = 0.9) double correlation,
            @ForAll @DoubleRange(min = 0, max = 0.4) double heldShare,
            @ForAll @IntRange(min = 0, max = 6) int earningsDays) {
        Holding h = new Holding("HELD", "Tech", portfolio * heldShare, 100, 90);
        SizingRequest r = new SizingRequest(confidence, tier, RuleParams.INTRADAY, portfolio,
                portfolio, portfolio, price, price * (1 - stopPct), "CAND", "Tech", List.of(h),
                Map.of("HELD", correlation), earningsDays, null, null);
        Sizing s = PositionSizer.size(r);

        long micro = MicroTrades.capQuantity(s.quantity(), price, portfolio, ON);

        // a micro entry is the ordinary size capped: every gate and cap of the ordinary sizing
        // (confidence, earnings, correlation, sector, heat, risk) still holds for it
        assertThat(micro).isLessThanOrEqualTo(s.quantity());
        if (!s.accepted()) {
            assertThat(micro).isZero();
        }
        assertThat(micro * price).isLessThanOrEqualTo(MicroTrades.maxDollars(portfolio, ON)
                * (1 + 1e-9));
        assertThat(MicroTrades.allows(ON.microEnabled(), ON.microMaxPerDay(), ON).failed())
                .isTrue();
    }
}
