package io.tradeflow.engine;

import java.math.BigDecimal;

/**
 * Holds an account's risk bookkeeping (engine state): its tier, the reserve pool, the high-water
 * mark, the current market date's opening value and counters, and the pending close deadline.
 *
 * @param day the market date ({@code yyyy-MM-dd}) the counters belong to
 * @param dayStartValue portfolio value at the first event of {@code day} (R-CB-1)
 * @param entriesToday entries decided on {@code day} (R-DAY-1)
 * @param consecutiveLosses losing closes in a row on {@code day} (R-DAY-1)
 * @param emergency whether the drawdown is beyond the emergency limit (R-POOL-4), so a release
 *     happens once per episode
 * @param highWaterAlerted whether the reserve is above its notification share (R-POOL-5), so the
 *     notification is raised once per crossing
 * @param microToday micro trades entered on {@code day} (R-MICRO-1)
 * @param lastRebalanceTs the last weekly rebalance (R-REB-1), or {@code null}
 */
public record RiskState(
        String tier,
        BigDecimal reserve,
        double highWater,
        String day,
        double dayStartValue,
        int entriesToday,
        int consecutiveLosses,
        boolean emergency,
        boolean highWaterAlerted,
        int microToday,
        Long lastRebalanceTs) {

    public RiskState withTier(String newTier) {
        return new RiskState(newTier, reserve, highWater, day, dayStartValue, entriesToday,
                consecutiveLosses, emergency, highWaterAlerted, microToday, lastRebalanceTs);
    }

    public RiskState withReserve(BigDecimal newReserve) {
        return new RiskState(tier, newReserve, highWater, day, dayStartValue, entriesToday,
                consecutiveLosses, emergency, highWaterAlerted, microToday, lastRebalanceTs);
    }

    public RiskState withHighWater(double newHighWater) {
        return new RiskState(tier, reserve, newHighWater, day, dayStartValue, entriesToday,
                consecutiveLosses, emergency, highWaterAlerted, microToday, lastRebalanceTs);
    }

    public RiskState withDay(String newDay, double startValue) {
        return new RiskState(tier, reserve, highWater, newDay, startValue, 0, 0, emergency,
                highWaterAlerted, 0, lastRebalanceTs);
    }

    public RiskState withCounters(int entries, int losses) {
        return new RiskState(tier, reserve, highWater, day, dayStartValue, entries, losses,
                emergency, highWaterAlerted, microToday, lastRebalanceTs);
    }

    public RiskState withMicro(int micro) {
        return new RiskState(tier, reserve, highWater, day, dayStartValue, entriesToday,
                consecutiveLosses, emergency, highWaterAlerted, micro, lastRebalanceTs);
    }

    public RiskState withRebalance(long ts) {
        return new RiskState(tier, reserve, highWater, day, dayStartValue, entriesToday,
                consecutiveLosses, emergency, highWaterAlerted, microToday, ts);
    }

    public RiskState withFlags(boolean newEmergency, boolean newHighWaterAlerted) {
        return new RiskState(tier, reserve, highWater, day, dayStartValue, entriesToday,
                consecutiveLosses, newEmergency, newHighWaterAlerted, microToday, lastRebalanceTs);
    }
}
