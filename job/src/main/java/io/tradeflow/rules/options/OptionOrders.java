package io.tradeflow.rules.options;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prices option orders (R-OPT-3): the entry limit at the ask, or at the mid when
 * {@code option-limit: mid}, in whole cents and at least one cent; a buy limit fills when the
 * ask is at or below it (R-ORD-1's limit-or-cancel against option quotes, at the ask, never above
 * the limit); a market sell (every exit, R-ORD-4) fills at the bid.
 */
public final class OptionOrders {
    public static final String RULE = "R-OPT-3";
    public static final String LIMIT_ASK = "ask";
    public static final String LIMIT_MID = "mid";
    private static final double CENT = 0.01;

    private OptionOrders() {}

    /** Returns the entry limit of a price under {@code option-limit} ({@code ask} or {@code mid}). */
    public static double entryLimit(OptionPrice p, String limitMode) {
        double raw = switch (limitMode) {
            case LIMIT_ASK -> p.ask();
            case LIMIT_MID -> p.mid();
            default -> throw new IllegalArgumentException(
                    "option-limit must be ask or mid, not '" + limitMode + "'");
        };
        // a mid between two cents rounds up (a limit below the mid would rarely fill), after
        // dropping the binary noise of the sum: (0.60 + 0.64) / 2 is 0.62, not 0.63
        double cents = BigDecimal.valueOf(raw).setScale(6, RoundingMode.HALF_UP)
                .setScale(2, RoundingMode.CEILING).doubleValue();
        return Math.max(CENT, cents);
    }

    /** Returns the fill price of a buy limit against a price, or {@code null} when it does not. */
    public static Double buyFill(double limit, OptionPrice p) {
        return p.ask() <= limit ? p.ask() : null;
    }

    /** Returns the fill price of a market sell: the bid. */
    public static double sellFill(OptionPrice p) {
        return p.bid();
    }
}
