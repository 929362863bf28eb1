package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.stops.StopPolicy.PositionRisk;
import io.tradeflow.rules.stops.StopPolicy.StopTightening;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The seed's Property 25, R-STOP-7: with heat above 80 % of the max, stops tighten lowest
 * confidence first until heat is at most that level when the entries and marks allow it; no stop
 * loosens or passes its entry or its mark, and heat at or below the level moves nothing.
 */
@Label("R-STOP-7 Property 25: proactive stop tightening at 80 % heat threshold")
class HeatTighteningProperties {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final double EPS = 1e-9;
    private static final Comparator<PositionRisk> ORDER = Comparator
            .comparingDouble(PositionRisk::confidence).thenComparing(PositionRisk::ticker);

    @Provide
    Arbitrary<List<PositionRisk>> portfolios() {
        Arbitrary<PositionRisk> p = Combinators.combine(
                Arbitraries.of(0.55, 0.6, 0.7, 0.8, 0.9),
                Arbitraries.doubles().between(1_000, 40_000).ofScale(2),
                Arbitraries.doubles().between(5, 500).ofScale(2),
                Arbitraries.doubles().between(0.0, 0.3).ofScale(4),
                Arbitraries.doubles().between(-0.2, 0.3).ofScale(4),
                Arbitraries.of(true, false))
                .as((conf, value, entry, stopPct, markPct, isLong) -> new PositionRisk(null,
                        isLong, conf, value, entry,
                        isLong ? entry * (1 - stopPct) : entry * (1 + stopPct),
                        isLong ? entry * (1 + markPct) : entry * (1 - markPct)));
        // unique tickers, not in confidence order
        return p.list().ofMinSize(1).ofMaxSize(8).map(ps -> IntStream.range(0, ps.size())
                .mapToObj(i -> {
                    PositionRisk r = ps.get(i);
                    return new PositionRisk("T" + (char) ('A' + (i * 5) % 8), r.isLong(),
                            r.confidence(), r.marketValue(), r.entry(), r.stop(), r.mark());
                })
                .toList());
    }

    private static double bound(PositionRisk p) {
        return p.isLong() ? Math.min(p.entry(), p.mark()) : Math.max(p.entry(), p.mark());
    }

    @Property
    void bringsHeatToTheLevelWhenPossibleNeverLoosensAndTakesTheLowestConfidenceFirst(
            @ForAll("portfolios") List<PositionRisk> ps,
            @ForAll @DoubleRange(min = 20_000, max = 500_000) double portfolio,
            @ForAll @DoubleRange(min = 0.02, max = 0.2) double maxHeat) {
        double limit = StopPolicy.heatLimit(portfolio, maxHeat, E);
        double heatBefore = ps.stream().mapToDouble(PositionRisk::heat).sum();
        double floorHeat = 0;
        for (PositionRisk p : ps) {
            double b = bound(p);
            boolean beyond = p.isLong() ? p.stop() >= b : p.stop() <= b;
            floorHeat += beyond ? p.heat()
                    : p.marketValue() * Math.abs(p.entry() - b) / p.entry();
        }

        List<StopTightening> t = StopPolicy.tightenForHeat(ps, portfolio, maxHeat, E);

        Statistics.label("above the mark").collect(heatBefore > limit);
        // both branches must be exercised, the tightening one often
        Statistics.label("above the mark").coverage(c -> {
            c.check(true).percentage(p -> p >= 10);
            c.check(false).percentage(p -> p >= 5);
        });
        if (heatBefore <= limit) {
            assertThat(t).isEmpty();
            return;
        }
        Map<String, PositionRisk> byTicker = new HashMap<>();
        ps.forEach(p -> byTicker.put(p.ticker(), p));
        Map<String, Double> stops = new HashMap<>();
        ps.forEach(p -> stops.put(p.ticker(), p.stop()));
        for (StopTightening s : t) {
            PositionRisk p = byTicker.get(s.ticker());
            assertThat(s.previousStop()).isEqualTo(p.stop());
            assertThat(s.rule()).isEqualTo("R-STOP-7");
            if (p.isLong()) {
                assertThat(s.stop()).isGreaterThan(p.stop()).isLessThanOrEqualTo(bound(p));
            } else {
                assertThat(s.stop()).isLessThan(p.stop()).isGreaterThanOrEqualTo(bound(p));
            }
            stops.put(s.ticker(), s.stop());
        }
        // moved in order of confidence, then ticker
        assertThat(t.stream().map(s -> byTicker.get(s.ticker())).toList())
                .isSortedAccordingTo(ORDER);
        // every position ranked before the last one moved is at its bound or was already beyond
        if (!t.isEmpty()) {
            PositionRisk last = byTicker.get(t.get(t.size() - 1).ticker());
            for (PositionRisk p : ps) {
                if (ORDER.compare(p, last) < 0) {
                    double s = stops.get(p.ticker());
                    double b = bound(p);
                    assertThat(p.isLong() ? s >= b : s <= b).as(p.ticker()).isTrue();
                }
            }
        }
        double heatAfter = 0;
        for (PositionRisk p : ps) {
            double s = stops.get(p.ticker());
            heatAfter += p.marketValue() * Math.abs(p.entry() - s) / p.entry();
        }
        if (floorHeat <= limit * (1 - EPS)) {
            assertThat(heatAfter).isLessThanOrEqualTo(limit * (1 + EPS));
            assertThat(heatAfter).as("just enough").isGreaterThanOrEqualTo(limit * (1 - 1e-6));
        } else {
            assertThat(heatAfter).isCloseTo(floorHeat,
                    within(EPS * heatBefore));
        }
    }
}
