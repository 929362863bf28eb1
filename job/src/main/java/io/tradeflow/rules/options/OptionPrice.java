package io.tradeflow.rules.options;

import io.tradeflow.event.OptionQuote;
import io.tradeflow.rules.calendar.TradingCalendar;

/**
 * Prices an option contract (R-OPT-4): from its latest quote when there is one, else with
 * Black-Scholes from the underlying's price, the market time to expiry, a rate and an implied
 * volatility; a model price is marked {@code modelled}, with bid, ask and mid all the model's.
 *
 * @param bid the price a market sell gets, per share of the underlying
 * @param ask the price a market buy pays, per share of the underlying
 * @param modelled whether the price comes from the model rather than a quote
 */
public record OptionPrice(double bid, double ask, boolean modelled) {
    public static final String RULE = "R-OPT-4";

    /** Returns the midpoint of bid and ask. */
    public double mid() {
        return (bid + ask) / 2;
    }

    /** Returns a quote's prices. */
    public static OptionPrice quoted(OptionQuote q) {
        return new OptionPrice(q.bid(), q.ask(), false);
    }

    /** Returns the model price of a contract at an event time. */
    public static OptionPrice modelled(OptionContract c, double spot, long ts, double rate,
            double vol, TradingCalendar calendar) {
        double years = TimeToExpiry.yearsToExpiry(ts, c.expiry(), calendar);
        double p = BlackScholes.price(c.right(), spot, c.strikePrice(), years, rate, vol, 0.0);
        return new OptionPrice(p, p, true);
    }

    /**
     * Returns the implied volatility of the model: {@code option-iv} when set (above 0), else the
     * latest VIX / 100 (SPY and index ETFs), else {@code null} (no model price).
     */
    public static Double volatility(double optionIv, Double vix) {
        if (optionIv > 0) {
            return optionIv;
        }
        return vix == null || !(vix > 0) ? null : vix / 100;
    }
}
