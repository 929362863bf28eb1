package io.tradeflow.rules;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * Holds one account: its id, profile, mode, starting cash, tier, universe, resolved rule numbers
 * and the instrument it trades.
 *
 * @param profile {@code intraday} or {@code swing}
 * @param mode {@code live} (orders to the broker gateway), {@code paper} or {@code backtest}
 *     (simulated broker)
 * @param instrument {@code shares} (the underlying itself) or {@code options} (option contracts
 *     of the underlying, intraday only: R-OPT-1); {@code null} reads as {@code shares}
 */
public record AccountConfig(
        String id,
        String profile,
        String mode,
        BigDecimal cash,
        String tier,
        List<String> universe,
        RuleParams rules,
        String instrument) implements Serializable {

    public static final String INTRADAY = "intraday";
    public static final String SWING = "swing";
    public static final String LIVE = "live";
    public static final String PAPER = "paper";
    public static final String BACKTEST = "backtest";
    public static final String SHARES = "shares";
    public static final String OPTIONS = "options";

    /** Returns an account that trades shares of its universe. */
    public AccountConfig(String id, String profile, String mode, BigDecimal cash, String tier,
            List<String> universe, RuleParams rules) {
        this(id, profile, mode, cash, tier, universe, rules, SHARES);
    }

    /** Returns whether this account trades option contracts (R-OPT-1). */
    public boolean tradesOptions() {
        return OPTIONS.equals(instrument);
    }

    public boolean simulated() {
        return !LIVE.equals(mode);
    }
}
