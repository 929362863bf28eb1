package io.tradeflow.rules.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

/** Properties of the R-MET-1 drawdowns and ratios over random positive equity curves. */
@Label("R-MET-1 performance metrics properties")
class PerformanceMetricsProperties {
    private static final long T0 = 1_735_828_200_000L; // 2025-01-02T14:30Z, 09:30 New York
    private static final long STEP = 3_600_000L;

    @Provide
    Arbitrary<List<Double>> values() {
        return Arbitraries.doubles().between(1, 1_000_000).list().ofMinSize(1).ofMaxSize(200);
    }

    static List<EquityPoint> curve(List<Double> values) {
        List<EquityPoint> c = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            c.add(new EquityPoint(T0 + i * STEP, values.get(i)));
        }
        return c;
    }

    @Property
    void drawdownsOfAPositiveCurveAreFractionsAndTheCurrentNeverExceedsTheMax(
            @ForAll("values") List<Double> values) {
        List<EquityPoint> c = curve(values);

        double max = PerformanceMetrics.maxDrawdown(c);
        double current = PerformanceMetrics.currentDrawdown(c);

        assertThat(max).isBetween(0.0, 1.0);
        assertThat(current).isBetween(0.0, max);
    }

    @Property
    void aRisingCurveHasNoDrawdown(@ForAll("values") List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);

        List<EquityPoint> c = curve(sorted);

        assertThat(PerformanceMetrics.maxDrawdown(c)).isZero();
        assertThat(PerformanceMetrics.currentDrawdown(c)).isZero();
    }

    @Property
    void dailyReturnsCompoundToTheTotalReturn(@ForAll("values") List<Double> values) {
        List<EquityPoint> c = curve(values);

        double compounded = 1;
        for (double r : PerformanceMetrics.dailyReturns(c)) {
            compounded *= 1 + r;
        }

        double total = values.get(values.size() - 1) / values.get(0) - 1;
        assertThat(compounded - 1).isCloseTo(total, org.assertj.core.data.Offset.offset(
                1e-9 * Math.max(1, Math.abs(total))));
    }

    @Property
    void scalingTheCurveChangesNoRatio(@ForAll("values") List<Double> values) {
        List<Double> scaled = values.stream().map(v -> v * 3).toList();

        Metrics a = PerformanceMetrics.nyse().compute(List.of(), curve(values));
        Metrics b = PerformanceMetrics.nyse().compute(List.of(), curve(scaled));

        assertThat(b.maxDrawdown()).isCloseTo(a.maxDrawdown(), org.assertj.core.data.Offset
                .offset(1e-12));
        assertThat(b.totalReturn()).isCloseTo(a.totalReturn(), org.assertj.core.data.Offset
                .offset(1e-9));
    }
}
