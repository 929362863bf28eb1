package io.tradeflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Locale;

/**
 * {@link Fractions#fixed} prints what {@code String.format(Locale.ROOT, "%.nf", v)} prints, on
 * the JDK that runs the tests: decision details must not change by replacing the formatter.
 */
class FixedDecimalsProperties {

    @Property(tries = 2000)
    void equalsTheFormatter(@ForAll("values") double v,
            @ForAll @IntRange(min = 0, max = 6) int scale) {
        assertThat(Fractions.fixed(v, scale)).as("%s at scale %d", v, scale)
                .isEqualTo(String.format(Locale.ROOT, "%." + scale + "f", v));
    }

    @Provide
    Arbitrary<Double> values() {
        // halves at the rounding digit (1.005, 2.675, -0.125), values that round to a signed
        // zero, prices and percentages, and any double at all
        Arbitrary<Double> halves = Arbitraries.longs().between(-2_000_000, 2_000_000)
                .map(k -> k / 1000.0 + 0.0005 * Long.signum(k));
        Arbitrary<Double> tiny = Arbitraries.doubles().between(-0.004, 0.004).ofScale(8);
        Arbitrary<Double> prices = Arbitraries.doubles().between(-1e6, 1e6).ofScale(4);
        Arbitrary<Double> edges = Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e20, -1e-20, Double.MAX_VALUE, Double.MIN_VALUE,
                0.125, 2.675, 1.005, -1.005, 0.5, -0.5);
        Arbitrary<Double> any = Arbitraries.longs().map(Double::longBitsToDouble);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, halves), net.jqwik.api.Tuple.of(1, tiny),
                net.jqwik.api.Tuple.of(3, prices), net.jqwik.api.Tuple.of(1, edges),
                net.jqwik.api.Tuple.of(2, any));
    }
}
