package io.tradeflow.rules.options;

import io.tradeflow.event.OptionQuote;
import io.tradeflow.rules.OptionParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingRequest;

import java.util.function.Function;

/**
 * Plans the entry of an options account (R-OPT-1..4) from a direction and the underlying's price:
 * the series (R-OPT-1), its price from a quote or, in a backtest without one, the model (R-OPT-4),
 * the limit at the ask or mid (R-OPT-3), the premium stop of {@code stopLossPercent} below it, and
 * the contracts (R-OPT-2). Values in, values out: the engine looks the quote up and acts on the
 * plan.
 */
public final class OptionEntries {
    /** The reason of an entry with neither a quote nor, in a backtest, a model volatility. */
    public static final String NO_PRICE_RULE = OptionPrice.RULE;

    private OptionEntries() {}

    /**
     * The plan of one entry: the series and, when it can be priced, its price, the limit, the
     * premium stop and the sizing; {@code skipReason} is the rule of a skip (null to act).
     */
    public record Plan(OptionContract contract, OptionPrice price, double limit,
            double premiumStop, Sizing sizing, String skipReason, String detail) {

        public boolean act() {
            return skipReason == null;
        }
    }

    /**
     * Returns the plan of an entry.
     *
     * @param buy whether the signal is long the underlying (a CALL) or short (a PUT)
     * @param spot the underlying's price the entry is decided at
     * @param quotes the latest quote of a series, or {@code null} for none
     * @param modelAllowed whether a missing quote may be priced with the model (backtests)
     * @param vix the latest VIX, or {@code null}
     * @param request the entry as the share sizing pipeline sees it (price and stop replaced)
     */
    public static Plan plan(String underlying, boolean buy, double spot, long ts,
            OptionParams params, double stopLossPercent, Function<OptionContract, OptionQuote> quotes,
            boolean modelAllowed, Double vix, SizingRequest request, TradingCalendar calendar) {
        OptionRight right = buy ? OptionRight.CALL : OptionRight.PUT;
        OptionContract c = OptionSelector.select(underlying, right, MarketTime.date(ts), spot,
                ExpiryMode.parse(params.expiry()), params.otmStrikes(), calendar);
        OptionQuote q = quotes.apply(c);
        OptionPrice price;
        if (q != null) {
            price = OptionPrice.quoted(q);
        } else {
            Double vol = modelAllowed ? OptionPrice.volatility(params.iv(), vix) : null;
            if (vol == null) {
                return new Plan(c, null, 0, 0, null, NO_PRICE_RULE, c.occSymbol() + ": no quote"
                        + (modelAllowed ? " and no option-iv or VIX for the model"
                                : " (the model prices backtests only)"));
            }
            price = OptionPrice.modelled(c, spot, ts, params.rate(), vol, calendar);
        }
        double limit = OptionOrders.entryLimit(price, params.limit());
        double stop = OptionExits.premiumStop(limit, stopLossPercent);
        Sizing sizing = OptionSizer.size(request, limit, stop, c.multiplier());
        String detail = c.occSymbol() + " " + (price.modelled() ? "modelled" : "quoted")
                + " bid " + price.bid() + " ask " + price.ask() + ", limit " + limit + " ("
                + params.limit() + "), premium stop " + stop + ", " + sizing.quantity()
                + " contract(s)";
        return new Plan(c, price, limit, stop, sizing, sizing.accepted() ? null
                : sizing.rejectedBy(), detail);
    }
}
