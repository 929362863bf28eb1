package io.tradeflow.rules.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The normal distribution function under Black-Scholes (R-OPT-4): 30-digit values (mpmath) to
 * 14 digits in both tails, down to 1e-300, and Commons Math (test class path only) in between.
 */
class StandardNormalTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0.5",
        "1, 0.84134474606854295",
        "-1, 0.15865525393145705",
        "1.96, 0.97500210485177956",
        "-2.5, 0.0062096653257761352",
        "-5, 2.8665157187919391e-7",
        "-10, 7.6198530241605261e-24",
        "-20, 2.7536241186062337e-89",
        "-37, 5.7255712225245768e-300",
        "-36.9315, 7.2164379195198226e-299",
        "-35.123, 1.5020140475440697e-270",
        "-30.77, 3.3026236481703652e-208",
        "-25.3, 1.5971151302421998e-141",
        "-12.34, 2.7577941516989774e-35",
        "-6.1, 5.3034232629488415e-10",
        "3.3, 0.99951657585761622"
    })
    void matchesHighPrecisionValuesToFourteenDigits(double x, double expected) {
        assertThat(StandardNormal.cdf(x)).isCloseTo(expected, within(Math.abs(expected) * 1e-14));
    }

    @Test
    void agreesWithCommonsMathRelatively() {
        // not further out: Commons Math rounds x / sqrt(2) before it exponentiates and is off by
        // up to x^2 ulps itself in the far tail, where the values above hold this class instead
        NormalDistribution reference = new NormalDistribution(0, 1);
        for (double x = -8; x <= 8.5; x += 0.0137) {
            double expected = reference.cumulativeProbability(x);
            assertThat(StandardNormal.cdf(x)).as("N(%s)", x)
                    .isCloseTo(expected, within(expected * 2e-14));
        }
    }

    @Test
    void isSymmetricAndEndsAtZeroAndOne() {
        for (double x = 0; x <= 40; x += 0.25) {
            assertThat(StandardNormal.cdf(x) + StandardNormal.cdf(-x))
                    .isCloseTo(1.0, within(1e-15));
        }
        assertThat(StandardNormal.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(StandardNormal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(StandardNormal.cdf(-40)).isZero();
        assertThat(StandardNormal.cdf(Double.NaN)).isNaN();
    }
}
