package io.tradeflow.rules.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.rebalance.Rebalancer.Held;
import io.tradeflow.rules.rebalance.Rebalancer.Trim;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The seed's Property 17, R-REB-1: the plan only sells, never more than is held, and leaves every
 * position within the max position %, every sector within the max sector % and the count within
 * the max open positions; a sector's lower-confidence positions are sold before higher ones.
 */
@Label("R-REB-1 Property 17: portfolio rebalancing generates correct sell orders")
class RebalancerProperties {
    private static final double EPS = 1e-9;
    private static final String[] SECTORS = {"Tech", "Energy", "Health", null};

    @Provide
    Arbitrary<List<Held>> portfolios() {
        Arbitrary<Held> h = Combinators.combine(
                Arbitraries.of(SECTORS),
                Arbitraries.of(0.55, 0.6, 0.65, 0.7, 0.8, 0.9),
                Arbitraries.longs().between(1, 2_000),
                Arbitraries.doubles().between(1, 500).ofScale(2))
                .as((sector, conf, qty, price) -> new Held(null, sector, conf, qty, price));
        return h.list().ofMaxSize(14).map(hs -> IntStream.range(0, hs.size())
                .mapToObj(i -> {
                    Held x = hs.get(i);
                    return new Held(String.format("T%02d", (i * 7) % 15), x.sector(),
                            x.confidence(), x.quantity(), x.price());
                })
                .toList());
    }

    @Provide
    Arbitrary<TierParams> tiers() {
        return Arbitraries.of(TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE);
    }

    @Property
    void theResultIsWithinEveryCapBySellsOnly(@ForAll("portfolios") List<Held> held,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = 10_000, max = 2_000_000) double portfolio,
            @ForAll @DoubleRange(min = 0.5, max = 1) double activeShare,
            @ForAll @IntRange(min = 0, max = 12) int maxOpen) {
        double pool = portfolio * activeShare;
        List<Trim> plan = Rebalancer.plan(held, pool, portfolio, tier, maxOpen);

        Map<String, Long> left = new HashMap<>();
        held.forEach(h -> left.put(h.ticker(), h.quantity()));
        for (Trim t : plan) {
            assertThat(t.quantity()).isPositive();
            assertThat(t.reason()).matches("R-REB-1:(position_pct|sector_pct|max_positions)");
            left.merge(t.ticker(), -t.quantity(), Long::sum);
            assertThat(left.get(t.ticker())).as("never more than held").isNotNegative();
        }
        Map<String, Double> sectors = new HashMap<>();
        long open = 0;
        for (Held h : held) {
            double value = left.get(h.ticker()) * h.price();
            assertThat(value).as(h.ticker()).isLessThanOrEqualTo(
                    tier.maxPositionPct() * pool * (1 + EPS));
            if (h.sector() != null) {
                sectors.merge(h.sector(), value, Double::sum);
            }
            open += left.get(h.ticker()) > 0 ? 1 : 0;
        }
        sectors.forEach((s, v) -> assertThat(v).as(s)
                .isLessThanOrEqualTo(tier.maxSectorPct() * portfolio * (1 + EPS)));
        if (maxOpen > 0) {
            assertThat(open).isLessThanOrEqualTo(maxOpen);
        }
    }

    @Property
    void aSectorSellsItsLowestConfidencePositionsFirst(@ForAll("portfolios") List<Held> held,
            @ForAll("tiers") TierParams tier,
            @ForAll @DoubleRange(min = 10_000, max = 2_000_000) double portfolio) {
        List<Trim> plan = Rebalancer.plan(held, portfolio, portfolio, tier, 0);
        Map<String, Held> byTicker = new HashMap<>();
        held.forEach(h -> byTicker.put(h.ticker(), h));
        Map<String, Long> left = new HashMap<>();
        held.forEach(h -> left.put(h.ticker(), h.quantity()));
        plan.forEach(t -> left.merge(t.ticker(), -t.quantity(), Long::sum));
        Comparator<Held> order =
                Comparator.comparingDouble(Held::confidence).thenComparing(Held::ticker);

        for (Trim t : plan) {
            if (!t.reason().endsWith("sector_pct")) {
                continue;
            }
            Held sold = byTicker.get(t.ticker());
            for (Held other : held) {
                if (sold.sector().equals(other.sector()) && order.compare(other, sold) < 0) {
                    assertThat(left.get(other.ticker())).as(other.ticker() + " before "
                            + sold.ticker()).isZero();
                }
            }
        }
    }
}
