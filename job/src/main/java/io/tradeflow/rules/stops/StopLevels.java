package io.tradeflow.rules.stops;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

/**
 * Computes initial stop and target levels: {@code stop = entry − ATR × multiplier} (R-STOP-1), or
 * {@code entry × (1 − stopLossPercent)} when ATR is unknown (R-STOP-2); {@code target = entry +
 * (entry − stop) × rewardRisk}. Shorts are mirrored.
 */
public final class StopLevels {
    public static final String ATR_RULE = "R-STOP-1";
    public static final String FALLBACK_RULE = "R-STOP-2";

    private StopLevels() {}

    public static Levels initial(boolean isLong, double entry, Double atr, TierParams tier,
            RuleParams p) {
        boolean useAtr = atr != null && atr > 0 && Double.isFinite(atr);
        double distance = useAtr ? atr * tier.stopAtrMultiplier() : entry * p.stopLossPercent();
        double targetDistance = distance * tier.rewardRisk();
        String rule = useAtr ? ATR_RULE : FALLBACK_RULE;
        return isLong
                ? new Levels(entry - distance, entry + targetDistance, rule)
                : new Levels(entry + distance, entry - targetDistance, rule);
    }
}
