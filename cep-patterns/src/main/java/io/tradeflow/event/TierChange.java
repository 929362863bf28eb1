package io.tradeflow.event;

/**
 * Records one change of an account's risk tier with the metrics behind it (R-RISK-1), an emergency
 * release (R-POOL-4) or a {@code set-tier} control command.
 *
 * @param reason {@code R-RISK-1:downgrade}, {@code R-RISK-1:upgrade}, {@code R-POOL-4} or
 *     {@code control}
 * @param winRate win rate of the closed trades in the window, {@code null} with none
 * @param drawdown drawdown from the high-water mark, a fraction
 * @param reservePct reserve over portfolio value, a fraction
 */
public record TierChange(
        String id,
        String account,
        String fromTier,
        String toTier,
        String reason,
        Double winRate,
        double drawdown,
        double reservePct,
        double portfolioValue,
        long ts) {}
