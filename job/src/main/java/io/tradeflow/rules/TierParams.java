package io.tradeflow.rules;

import java.io.Serializable;

/**
 * Holds one risk tier's limits (R-TIER-1); percentages are fractions ({@code 0.05} = 5 %).
 *
 * @param stopAtrMultiplier the ATR multiple of the stop distance (R-STOP-1)
 * @param rewardRisk target distance over stop distance (R-STOP-1)
 */
public record TierParams(
        String name,
        double minConfidence,
        double maxPositionPct,
        double stopAtrMultiplier,
        double rewardRisk,
        double maxSectorPct,
        double maxHeatPct) implements Serializable {

    public static final TierParams CONSERVATIVE =
            new TierParams("conservative", 0.75, 0.05, 1.5, 2.0, 0.20, 0.06);
    public static final TierParams MODERATE =
            new TierParams("moderate", 0.65, 0.08, 2.0, 2.0, 0.25, 0.10);
    public static final TierParams AGGRESSIVE =
            new TierParams("aggressive", 0.55, 0.12, 2.5, 1.5, 0.35, 0.15);
}
