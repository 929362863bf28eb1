package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

/** Properties of Wilder's ATR (R-STOP-1) over random bar sequences. */
@Label("R-STOP-1 Wilder ATR properties")
class WilderAtrProperties {

    record Hlc(double high, double low, double close) {}

    @Provide
    Arbitrary<List<Hlc>> bars() {
        Arbitrary<Hlc> bar = Combinators.combine(
                Arbitraries.doubles().between(1, 1_000),
                Arbitraries.doubles().between(0, 50),
                Arbitraries.doubles().between(0, 1))
                .as((low, range, at) -> new Hlc(low + range, low, low + at * range));
        return bar.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void staysBetweenTheSmallestAndLargestTrueRangeSeen(
            @ForAll @IntRange(min = 1, max = 20) int period, @ForAll("bars") List<Hlc> bars) {
        WilderAtr atr = WilderAtr.start(period);
        double prevClose = Double.NaN;
        double minTr = Double.POSITIVE_INFINITY;
        double maxTr = 0;
        for (int i = 0; i < bars.size(); i++) {
            Hlc b = bars.get(i);
            double tr = Double.isNaN(prevClose) ? b.high() - b.low()
                    : Math.max(b.high() - b.low(), Math.max(Math.abs(b.high() - prevClose),
                            Math.abs(b.low() - prevClose)));
            minTr = Math.min(minTr, tr);
            maxTr = Math.max(maxTr, tr);
            prevClose = b.close();
            atr = atr.update(b.high(), b.low(), b.close());

            if (i + 1 < period) {
                assertThat(atr.value()).isNull();
            } else {
                double tol = 1e-9 * Math.max(1, maxTr);
                assertThat(atr.value()).isNotNull().isGreaterThanOrEqualTo(0.0)
                        .isBetween(minTr - tol, maxTr + tol);
            }
        }
    }
}
