package io.tradeflow.rules;

/** Builds {@link RiskParams} variants for the risk rule tests. */
public final class RiskFixtures {
    private RiskFixtures() {}

    /** Returns {@code r} with other R-DAY-1 limits. */
    public static RiskParams withDayLimits(RiskParams r, int maxTradesPerDay,
            int maxConsecutiveLosses) {
        return new RiskParams(r.maxOpenPositions(), maxTradesPerDay, maxConsecutiveLosses,
                r.dailyLossPct(), r.positionLossPct(), r.positionCooldown(), r.stopOutCount(),
                r.stopOutWindow(), r.stopOutPause(), r.decliningShare(), r.decliningLossPct(),
                r.minActivePool(), r.reserveSiphonPct(), r.emergencyDrawdownPct(),
                r.reserveHighWaterPct(), r.maxRiskPerTradePct(), r.correlationReduce(),
                r.correlationReject(), r.correlationDays(), r.diversificationBonus(),
                r.diversificationMaxSectors(), r.earningsReduceDays(), r.earningsRejectDays(),
                r.earningsSizeFactor(), r.eventDayCutoff(), r.confluenceSizing(),
                r.winRateWindow(), r.downgradeWinRate(), r.downgradeDrawdown(),
                r.upgradeWinRate(), r.upgradeReservePct(), r.upgradeDrawdown());
    }

    /** Returns {@code r} with other R-HALT-1 numbers. */
    public static RiskParams withDeclining(RiskParams r, double share, double lossPct) {
        return new RiskParams(r.maxOpenPositions(), r.maxTradesPerDay(),
                r.maxConsecutiveLosses(), r.dailyLossPct(), r.positionLossPct(),
                r.positionCooldown(), r.stopOutCount(), r.stopOutWindow(), r.stopOutPause(), share,
                lossPct, r.minActivePool(), r.reserveSiphonPct(), r.emergencyDrawdownPct(),
                r.reserveHighWaterPct(), r.maxRiskPerTradePct(), r.correlationReduce(),
                r.correlationReject(), r.correlationDays(), r.diversificationBonus(),
                r.diversificationMaxSectors(), r.earningsReduceDays(), r.earningsRejectDays(),
                r.earningsSizeFactor(), r.eventDayCutoff(), r.confluenceSizing(),
                r.winRateWindow(), r.downgradeWinRate(), r.downgradeDrawdown(),
                r.upgradeWinRate(), r.upgradeReservePct(), r.upgradeDrawdown());
    }

    /** Returns {@code r} with other R-RISK-1 thresholds. */
    public static RiskParams withTierThresholds(RiskParams r, double downgradeWinRate,
            double downgradeDrawdown, double upgradeWinRate, double upgradeReservePct,
            double upgradeDrawdown) {
        return new RiskParams(r.maxOpenPositions(), r.maxTradesPerDay(),
                r.maxConsecutiveLosses(), r.dailyLossPct(), r.positionLossPct(),
                r.positionCooldown(), r.stopOutCount(), r.stopOutWindow(), r.stopOutPause(),
                r.decliningShare(), r.decliningLossPct(), r.minActivePool(),
                r.reserveSiphonPct(), r.emergencyDrawdownPct(), r.reserveHighWaterPct(),
                r.maxRiskPerTradePct(), r.correlationReduce(), r.correlationReject(),
                r.correlationDays(), r.diversificationBonus(), r.diversificationMaxSectors(),
                r.earningsReduceDays(), r.earningsRejectDays(), r.earningsSizeFactor(),
                r.eventDayCutoff(), r.confluenceSizing(), r.winRateWindow(), downgradeWinRate,
                downgradeDrawdown, upgradeWinRate, upgradeReservePct, upgradeDrawdown);
    }
}
