package io.tradeflow.rules.signals;

import io.tradeflow.rules.AccountConfig;

/**
 * Decides whether a recommendation may be evaluated (R-SIG-4): a {@code buy} or {@code sell} whose
 * mode is eligible for the account's mode. A {@code live} account takes only
 * {@code live_eligible}; {@code paper} and {@code backtest} accounts take {@code paper_eligible} and
 * {@code live_eligible}.
 */
public final class RecommendationEligibility {
    public static final String RULE = "R-SIG-4";
    public static final String BUY = "buy";
    public static final String SELL = "sell";

    private RecommendationEligibility() {}

    public static boolean actionAllowed(String action) {
        return BUY.equals(action) || SELL.equals(action);
    }

    public static boolean modeAllowed(String recommendationMode, String accountMode) {
        if ("live_eligible".equals(recommendationMode)) {
            return true;
        }
        return "paper_eligible".equals(recommendationMode)
                && !AccountConfig.LIVE.equals(accountMode);
    }
}
