package io.tradeflow.rules.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.DoubleRange;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Properties of R-SIZE-1 and R-SIZE-2 over random pools, cash, prices and confidences. */
@Label("R-SIZE-1, R-SIZE-2 position sizing properties")
class PositionSizerProperties {
    private static final RuleParams P = RuleParams.INTRADAY;
    /** Room for the rounding of double arithmetic, relative to the amounts compared. */
    private static final double EPS = 1e-9;

    @Provide
    Arbitrary<TierParams> tiers() {
        return Arbitraries.of(TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE);
    }

    @Property
    void quantityIsNeverNegativeAndZeroExactlyWhenRejected(
            @ForAll @DoubleRange(min = -0.5, max = 1.5) double confidence,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = -1_000, max = 2_000_000) double pool,
            @ForAll @DoubleRange(min = -1_000, max = 2_000_000) double cash,
            @ForAll @DoubleRange(min = -10, max = 10_000) double price) {
        Sizing s = PositionSizer.size(confidence, tier, P, pool, cash, price);

        assertThat(s.quantity()).isNotNegative();
        assertThat(s.quantity() == 0).isEqualTo(!s.accepted());
        if (confidence < tier.minConfidence()) {
            assertThat(s.rejectedBy()).isEqualTo("R-SIZE-1");
        } else if (!s.accepted()) {
            assertThat(s.rejectedBy()).isEqualTo("R-SIZE-2");
        }
    }

    @Property
    void positionValueStaysWithinEveryCapAndIsTheLargestWholeNumberOfShares(
            @ForAll @DoubleRange(min = 0, max = 1) double aboveMin,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = 0, max = 2_000_000) double pool,
            @ForAll @DoubleRange(min = 0, max = 2_000_000) double cash,
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double price) {
        double confidence = tier.minConfidence() + aboveMin * (1 - tier.minConfidence());
        Sizing s = PositionSizer.size(confidence, tier, P, pool, cash, price);

        double ceiling = Math.min(Math.min(pool * tier.maxPositionPct(), P.absolutePositionCap()),
                cash);
        double value = s.quantity() * price;
        assertThat(value).isLessThanOrEqualTo(ceiling * (1 + EPS));
        // the cap that bound it: the confidence-scaled dollars, or one of the clamps
        double pct = Math.min(P.basePct() * confidence / tier.minConfidence(),
                tier.maxPositionPct());
        double bound = Math.min(Math.min(pool * pct, P.absolutePositionCap()), cash);
        assertThat(value).isLessThanOrEqualTo(bound * (1 + EPS));
        assertThat((s.quantity() + 1) * price).isGreaterThan(bound * (1 - EPS));
    }

    /**
     * Sizes decimal inputs (confidence in thousandths, whole-dollar pool and cash, prices in
     * cents) exactly as R-SIZE-2 states it, in decimal arithmetic: floor(min(pool × pct, cap,
     * cash) / price).
     */
    @Property
    void matchesDecimalArithmeticOnDecimalInputs(
            @ForAll("thousandths") int thousandthsAboveMin,
            @ForAll("tiers") TierParams tier,
            @ForAll("roundPools") int pool,
            @ForAll("cash") int cash,
            @ForAll("prices") int priceCents) {
        BigDecimal minC = BigDecimal.valueOf(tier.minConfidence());
        BigDecimal c = minC.add(BigDecimal.valueOf(thousandthsAboveMin, 3)).min(BigDecimal.ONE);
        BigDecimal price = BigDecimal.valueOf(priceCents, 2);
        BigDecimal n = BigDecimal.valueOf(pool);
        // floor(min(a, b) / p) = min(floor(a / p), floor(b / p)); floor division is exact
        long scaled = floorDiv(n.multiply(BigDecimal.valueOf(P.basePct())).multiply(c),
                minC.multiply(price));
        long tierMax = floorDiv(n.multiply(BigDecimal.valueOf(tier.maxPositionPct())), price);
        long absolute = floorDiv(BigDecimal.valueOf(P.absolutePositionCap()), price);
        long inCash = floorDiv(BigDecimal.valueOf(cash), price);
        long expected = Math.min(Math.min(scaled, tierMax), Math.min(absolute, inCash));

        Sizing s = PositionSizer.size(c.doubleValue(), tier, P, pool, cash,
                price.doubleValue());

        assertThat(s.quantity()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Integer> thousandths() {
        return uniform(0, 450);
    }

    /** Round pools make whole-share boundaries likely: that is where rounding bites. */
    @Provide
    Arbitrary<Integer> roundPools() {
        return Arbitraries.oneOf(uniform(1, 400).map(k -> k * 5_000),
                uniform(0, 2_000_000));
    }

    @Provide
    Arbitrary<Integer> cash() {
        return Arbitraries.oneOf(Arbitraries.just(10_000_000),
                uniform(0, 2_000_000));
    }

    @Provide
    Arbitrary<Integer> prices() {
        Arbitrary<Integer> roundDollars =
                Arbitraries.of(1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250);
        return Arbitraries.oneOf(roundDollars.map(d -> d * 100), uniform(100, 500_000));
    }

    @Property
    void higherConfidenceNeverGivesFewerShares(
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = 0, max = 2_000_000) double pool,
            @ForAll @DoubleRange(min = 0, max = 2_000_000) double cash,
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double price) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);

        assertThat(PositionSizer.size(hi, tier, P, pool, cash, price).quantity())
                .isGreaterThanOrEqualTo(PositionSizer.size(lo, tier, P, pool, cash, price)
                        .quantity());
    }

    @Property
    void higherPriceNeverGivesMoreShares(
            @ForAll @DoubleRange(min = 0, max = 1) double confidence,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = 0, max = 2_000_000) double pool,
            @ForAll @DoubleRange(min = 0, max = 2_000_000) double cash,
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double a,
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);

        assertThat(PositionSizer.size(confidence, tier, P, pool, cash, hi).quantity())
                .isLessThanOrEqualTo(PositionSizer.size(confidence, tier, P, pool, cash, lo)
                        .quantity());
    }

    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max)
                .withDistribution(RandomDistribution.uniform());
    }

    private static long floorDiv(BigDecimal a, BigDecimal b) {
        return a.divide(b, 0, RoundingMode.FLOOR).longValueExact();
    }
}
