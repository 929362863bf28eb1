package io.tradeflow.rules.options;

/**
 * Prices European calls and puts with the Black-Scholes-Merton model and gives their delta, the
 * model backtests fall back on when no option quotes are given (R-OPT-4).
 *
 * <p>Inputs: spot S (at least 0), strike K (above 0), time to expiry T in years, continuously
 * compounded rate r, volatility σ and continuous dividend yield q (all annual, as fractions).
 * At or after expiry (T ≤ 0) an option is worth its intrinsic value and its delta is 0 or ±1
 * (0 at the money); with no volatility (σ√T = 0) it is worth the discounted intrinsic value of
 * the forward, {@code max(0, ±(S e^{-qT} - K e^{-rT}))}. A NaN or infinite input, a negative
 * spot or a strike that is not positive is an {@link IllegalArgumentException}.
 */
public final class BlackScholes {
    public static final String RULE = "R-OPT-4";

    /** Holds a model price and its delta, ∂price/∂spot. */
    public record Valuation(double price, double delta) {}

    private BlackScholes() {}

    /** Returns price and delta without dividends. */
    public static Valuation value(OptionRight right, double spot, double strike, double years,
            double rate, double vol) {
        return value(right, spot, strike, years, rate, vol, 0.0);
    }

    /** Returns price and delta with a continuous dividend yield. */
    public static Valuation value(OptionRight right, double spot, double strike, double years,
            double rate, double vol, double dividend) {
        check(right, spot, strike, years, rate, vol, dividend);
        boolean call = right == OptionRight.CALL;
        if (years <= 0) {
            double intrinsic = call ? spot - strike : strike - spot;
            return new Valuation(Math.max(0.0, intrinsic),
                    intrinsic > 0 ? (call ? 1.0 : -1.0) : 0.0);
        }
        double carry = Math.exp(-dividend * years);
        double forward = spot * carry; // S e^{-qT}: the spot less the dividends paid to expiry
        double discounted = strike * Math.exp(-rate * years);
        double deviation = vol * Math.sqrt(years);
        if (!(deviation > 0)) {
            double intrinsic = call ? forward - discounted : discounted - forward;
            return new Valuation(Math.max(0.0, intrinsic),
                    intrinsic > 0 ? (call ? carry : -carry) : 0.0);
        }
        double d1 = (Math.log(spot / strike) + (rate - dividend) * years) / deviation
                + deviation / 2;
        double d2 = d1 - deviation;
        double price;
        double delta;
        if (call) {
            price = forward * StandardNormal.cdf(d1) - discounted * StandardNormal.cdf(d2);
            delta = carry * StandardNormal.cdf(d1);
        } else {
            // N(-d) rather than 1 - N(d): exact in the far tails
            price = discounted * StandardNormal.cdf(-d2) - forward * StandardNormal.cdf(-d1);
            delta = -carry * StandardNormal.cdf(-d1);
        }
        // far out of the money the two terms can cancel to a rounding error below zero
        return new Valuation(Math.max(0.0, price), delta);
    }

    /** Returns the model price. */
    public static double price(OptionRight right, double spot, double strike, double years,
            double rate, double vol, double dividend) {
        return value(right, spot, strike, years, rate, vol, dividend).price();
    }

    /** Returns the model delta. */
    public static double delta(OptionRight right, double spot, double strike, double years,
            double rate, double vol, double dividend) {
        return value(right, spot, strike, years, rate, vol, dividend).delta();
    }

    private static void check(OptionRight right, double spot, double strike, double years,
            double rate, double vol, double dividend) {
        if (right == null) {
            throw new IllegalArgumentException("option right must be CALL or PUT, not null");
        }
        finite("spot", spot);
        finite("strike", strike);
        finite("years to expiry", years);
        finite("rate", rate);
        finite("volatility", vol);
        finite("dividend yield", dividend);
        if (spot < 0) {
            throw new IllegalArgumentException("spot must not be negative, not " + spot);
        }
        if (strike <= 0) {
            throw new IllegalArgumentException("strike must be positive, not " + strike);
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, not " + v);
        }
    }
}
