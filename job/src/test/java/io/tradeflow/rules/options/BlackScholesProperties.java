package io.tradeflow.rules.options;

import static io.tradeflow.rules.options.OptionRight.CALL;
import static io.tradeflow.rules.options.OptionRight.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of R-OPT-4's model over random markets: spot 1-2000, strike within a factor 4 of
 * it, a minute (1e-5 years) to 5 years, rates -2 % to 15 %, volatility 1 % to 200 %, dividends
 * 0-10 %. Inequalities allow a rounding error of 1e-12 of the prices' scale, S e^{-qT} + K e^{-rT}.
 */
@Label("R-OPT-4 Black-Scholes-Merton properties")
class BlackScholesProperties {
    private static final double ROUNDING = 1e-12;

    record Market(double spot, double strike, double years, double rate, double vol,
            double dividend) {
        double call() {
            return BlackScholes.price(CALL, spot, strike, years, rate, vol, dividend);
        }

        double put() {
            return BlackScholes.price(PUT, spot, strike, years, rate, vol, dividend);
        }

        double forward() {
            return spot * Math.exp(-dividend * years);
        }

        double discountedStrike() {
            return strike * Math.exp(-rate * years);
        }

        double scale() {
            return forward() + discountedStrike();
        }

        Market withSpot(double s) {
            return new Market(s, strike, years, rate, vol, dividend);
        }

        Market withVol(double v) {
            return new Market(spot, strike, years, rate, v, dividend);
        }
    }

    @Provide
    Arbitrary<Market> markets() {
        return Combinators.combine(between(1, 2000), between(0.25, 4),
                between(0.00001, 5), between(-0.02, 0.15),
                between(0.01, 2), between(0, 0.10))
                .as((s, moneyness, t, r, vol, q) -> new Market(s, s * moneyness, t, r, vol, q));
    }

    @Property(tries = 2_000)
    void putCallParityHolds(@ForAll("markets") Market m) {
        assertThat(m.call() - m.put()).isCloseTo(m.forward() - m.discountedStrike(),
                within(1e-9 * m.scale()));
    }

    @Property(tries = 2_000)
    void theCallLiesBetweenItsNoArbitrageBounds(@ForAll("markets") Market m) {
        double call = m.call();

        assertThat(call).isGreaterThanOrEqualTo(
                Math.max(0, m.forward() - m.discountedStrike()) - ROUNDING * m.scale());
        assertThat(call).isLessThanOrEqualTo(m.forward() + ROUNDING * m.scale());
        assertThat(m.put()).isGreaterThanOrEqualTo(0);
    }

    @Property(tries = 2_000)
    void theCallIsWorthMoreForAHigherSpot(@ForAll("markets") Market m,
            @ForAll("steps") double step) {
        Market higher = m.withSpot(m.spot() * (1 + step));

        assertThat(higher.call()).isGreaterThanOrEqualTo(m.call() - ROUNDING * m.scale());
    }

    @Property(tries = 2_000)
    void theCallIsWorthMoreForAHigherVolatility(@ForAll("markets") Market m,
            @ForAll("steps") double step) {
        Market higher = m.withVol(m.vol() * (1 + step));

        assertThat(higher.call()).isGreaterThanOrEqualTo(m.call() - ROUNDING * m.scale());
    }

    @Property(tries = 2_000)
    void deltasLieBetweenZeroAndOneInMagnitude(@ForAll("markets") Market m) {
        double call = BlackScholes.delta(CALL, m.spot(), m.strike(), m.years(), m.rate(), m.vol(),
                m.dividend());
        double put = BlackScholes.delta(PUT, m.spot(), m.strike(), m.years(), m.rate(), m.vol(),
                m.dividend());

        assertThat(call).isBetween(0.0, 1.0);
        assertThat(put).isBetween(-1.0, 0.0);
        // the two differ by the dividend discount factor: Δc - Δp = e^{-qT}
        assertThat(call - put).isCloseTo(Math.exp(-m.dividend() * m.years()), within(1e-15));
    }

    @Provide
    Arbitrary<Double> steps() {
        return between(1e-6, 1);
    }

    private static Arbitrary<Double> between(double min, double max) {
        return Arbitraries.doubles().between(min, max).ofScale(9);
    }
}
