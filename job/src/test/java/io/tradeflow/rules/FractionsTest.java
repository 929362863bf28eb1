package io.tradeflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of the decimal threshold comparison and printing shared by the risk rules. */
@DisplayName("R-CB-1, R-CB-2, R-POOL-4, R-POOL-5 fraction comparison")
class FractionsTest {

    @Test
    void decidesAComparisonAtTheLimitInDecimal() {
        // in binary 1 − 0.97 is 0.030000000000000027, above 0.03
        assertThat(1 - 0.97 > 0.03).isTrue();
        assertThat(Fractions.exceeds(1, 0.97, 1, 0.03)).isFalse();
        assertThat(Fractions.exceeds(1, 0.9699, 1, 0.03)).isTrue();
        assertThat(Fractions.exceeds(1, 0.9701, 1, 0.03)).isFalse();
    }

    @Test
    void fallsBackToDoublesForNonFiniteArguments() {
        assertThat(Fractions.exceeds(Double.POSITIVE_INFINITY, 0, 1, 0.03)).isTrue();
        assertThat(Fractions.exceeds(Double.NaN, 0, 1, 0.03)).isFalse();
        assertThat(Fractions.ratio(1, 0, 0)).isInfinite();
    }

    @Test
    void computesARatioInDecimal() {
        assertThat(Fractions.ratio(100.1, 85.085, 100.1)).isEqualTo(0.15);
        assertThat(Fractions.ratio(1, 0, 3)).isEqualTo(1.0 / 3);
    }

    @Test
    void printsPercentagesAndAmounts() {
        assertThat(Fractions.percent(0.03)).isEqualTo("3 %");
        assertThat(Fractions.percent(0.030001)).isEqualTo("3.0001 %");
        assertThat(Fractions.percent(1.0 / 3)).isEqualTo("33.3333 %");
        assertThat(Fractions.percent(-0.125)).isEqualTo("-12.5 %");
        assertThat(Fractions.amount(100)).isEqualTo("100");
        assertThat(Fractions.amount(99.999)).isEqualTo("100");
        assertThat(Fractions.amount(1234.5)).isEqualTo("1234.5");
        assertThat(Fractions.amount(-0.004)).isEqualTo("0");
    }
}
