package io.tradeflow.rules;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * Holds one account: its id, profile, mode, starting cash, tier, universe and resolved rule
 * numbers.
 *
 * @param profile {@code intraday} or {@code swing}
 * @param mode {@code live} (orders to the broker gateway), {@code paper} or {@code backtest}
 *     (simulated broker)
 */
public record AccountConfig(
        String id,
        String profile,
        String mode,
        BigDecimal cash,
        String tier,
        List<String> universe,
        RuleParams rules) implements Serializable {

    public static final String INTRADAY = "intraday";
    public static final String SWING = "swing";
    public static final String LIVE = "live";
    public static final String PAPER = "paper";
    public static final String BACKTEST = "backtest";

    public boolean simulated() {
        return !LIVE.equals(mode);
    }
}
