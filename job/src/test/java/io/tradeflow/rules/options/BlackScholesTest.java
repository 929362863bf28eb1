package io.tradeflow.rules.options;

import static io.tradeflow.rules.options.OptionRight.CALL;
import static io.tradeflow.rules.options.OptionRight.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples of R-OPT-4's model prices: textbook values, edge cases and invalid inputs. */
@DisplayName("R-OPT-4 Black-Scholes-Merton")
class BlackScholesTest {

    @Test
    void pricesHullsStockOptionExample() {
        // Hull, Options, Futures and Other Derivatives: S=42, K=40, r=10 %, σ=20 %, T=0.5
        BlackScholes.Valuation call = BlackScholes.value(CALL, 42, 40, 0.5, 0.10, 0.20);
        BlackScholes.Valuation put = BlackScholes.value(PUT, 42, 40, 0.5, 0.10, 0.20);

        assertThat(call.price()).isCloseTo(4.76, within(0.005));
        assertThat(put.price()).isCloseTo(0.81, within(0.005));
        assertThat(call.delta()).isCloseTo(0.7791, within(0.00005));
        assertThat(put.delta()).isCloseTo(call.delta() - 1, within(1e-15));
    }

    @Test
    void pricesHullsIndexOptionWithADividendYield() {
        // Hull's index option: S=930, K=900, r=8 %, q=3 %, σ=20 %, two months: c = 51.83
        assertThat(BlackScholes.price(CALL, 930, 900, 2.0 / 12, 0.08, 0.20, 0.03))
                .isCloseTo(51.83, within(0.005));
    }

    @Test
    void pricesHaugsGeneralizedExamples() {
        // Haug, The Complete Guide to Option Pricing Formulas, 1.1.1 and 1.1.2
        assertThat(BlackScholes.price(CALL, 60, 65, 0.25, 0.08, 0.30, 0))
                .isCloseTo(2.1334, within(0.00005));
        assertThat(BlackScholes.price(PUT, 100, 95, 0.5, 0.10, 0.20, 0.05))
                .isCloseTo(2.4648, within(0.00005));
    }

    @ParameterizedTest
    @CsvSource({
        // S, K, T, r, σ, q, call, put, call delta, put delta: mpmath at 30 digits
        "42, 40, 0.5, 0.1, 0.2, 0, 4.7594223928715334, 0.80859937290009365, "
                + "0.77913129094266903, -0.22086870905733097",
        "930, 900, 0.16666666666666667, 0.08, 0.2, 0.03, 51.83295679649085, 14.550996773772444, "
                + "0.7034180086011922, -0.29159447059149012",
        "100, 95, 0.5, 0.1, 0.2, 0.05, 9.6289835220212575, 2.4647876467558214, "
                + "0.71112831239226013, -0.26418159963607254"
    })
    void matchesAThirtyDigitReferenceToTwelveDigits(double s, double k, double t, double r,
            double vol, double q, double call, double put, double callDelta, double putDelta) {
        assertThat(BlackScholes.price(CALL, s, k, t, r, vol, q))
                .isCloseTo(call, within(call * 1e-12));
        assertThat(BlackScholes.price(PUT, s, k, t, r, vol, q))
                .isCloseTo(put, within(put * 1e-12));
        assertThat(BlackScholes.delta(CALL, s, k, t, r, vol, q)).isCloseTo(callDelta,
                within(1e-13));
        assertThat(BlackScholes.delta(PUT, s, k, t, r, vol, q)).isCloseTo(putDelta,
                within(1e-13));
    }

    @Test
    void atOrAfterExpiryAnOptionIsWorthItsIntrinsicValue() {
        assertThat(BlackScholes.value(CALL, 105, 100, 0, 0.05, 0.2))
                .isEqualTo(new BlackScholes.Valuation(5, 1));
        assertThat(BlackScholes.value(PUT, 105, 100, -0.01, 0.05, 0.2))
                .isEqualTo(new BlackScholes.Valuation(0, 0));
        assertThat(BlackScholes.value(PUT, 95, 100, 0, 0.05, 0.2))
                .isEqualTo(new BlackScholes.Valuation(5, -1));
        assertThat(BlackScholes.value(CALL, 95, 100, 0, 0.05, 0.2))
                .isEqualTo(new BlackScholes.Valuation(0, 0));
        assertThat(BlackScholes.value(CALL, 100, 100, 0, 0.05, 0.2).delta()).isZero();
    }

    @Test
    void withoutVolatilityAnOptionIsWorthTheDiscountedIntrinsicValueOfTheForward() {
        double forwardLessStrike = 100 * Math.exp(-0.02) - 100 * Math.exp(-0.05);

        assertThat(BlackScholes.value(CALL, 100, 100, 1, 0.05, 0, 0.02)).isEqualTo(
                new BlackScholes.Valuation(forwardLessStrike, Math.exp(-0.02)));
        assertThat(BlackScholes.value(PUT, 100, 100, 1, 0.05, 0, 0.02)).isEqualTo(
                new BlackScholes.Valuation(0, 0));
        assertThat(BlackScholes.value(PUT, 90, 100, 1, 0.05, -0.1, 0).price())
                .isCloseTo(100 * Math.exp(-0.05) - 90, within(1e-12));
        assertThat(BlackScholes.value(PUT, 90, 100, 1, 0.05, 0, 0).delta()).isEqualTo(-1.0);
    }

    @Test
    void aWorthlessUnderlyingLeavesTheCallNothingAndThePutTheDiscountedStrike() {
        assertThat(BlackScholes.value(CALL, 0, 100, 1, 0.05, 0.3))
                .isEqualTo(new BlackScholes.Valuation(0, 0));
        assertThat(BlackScholes.value(PUT, 0, 100, 1, 0.05, 0.3))
                .isEqualTo(new BlackScholes.Valuation(100 * Math.exp(-0.05), -1));
    }

    @Test
    void aFarOutOfTheMoneyOptionIsNeverNegative() {
        assertThat(BlackScholes.price(CALL, 1, 1000, 0.01, 0.05, 0.1, 0)).isZero();
        assertThat(BlackScholes.price(PUT, 1000, 1, 0.01, 0.05, 0.1, 0)).isZero();
    }

    @Test
    void rejectsInvalidInputsNamingThem() {
        assertThatThrownBy(() -> BlackScholes.price(CALL, -1, 100, 1, 0.05, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spot must not be negative, not -1.0");
        assertThatThrownBy(() -> BlackScholes.price(PUT, 100, -5, 1, 0.05, 0.2, 0))
                .hasMessage("strike must be positive, not -5.0");
        assertThatThrownBy(() -> BlackScholes.price(PUT, 100, 0, 1, 0.05, 0.2, 0))
                .hasMessage("strike must be positive, not 0.0");
        assertThatThrownBy(() -> BlackScholes.price(CALL, Double.NaN, 100, 1, 0.05, 0.2, 0))
                .hasMessage("spot must be a finite number, not NaN");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, Double.NaN, 0.05, 0.2, 0))
                .hasMessageContaining("years to expiry");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, 1, Double.NaN, 0.2, 0))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, 1, 0.05,
                Double.POSITIVE_INFINITY, 0)).hasMessageContaining("volatility");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, 1, 0.05, 0.2, Double.NaN))
                .hasMessageContaining("dividend yield");
        assertThatThrownBy(() -> BlackScholes.price(null, 100, 100, 1, 0.05, 0.2, 0))
                .hasMessageContaining("right");
    }
}
