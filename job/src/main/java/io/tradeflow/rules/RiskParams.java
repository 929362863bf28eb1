package io.tradeflow.rules;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Holds the numbers of the risk rulebook for one account: entry gates, sizing adjustments,
 * circuit breakers, the reserve pool and the tier controller. Percentages are fractions; a count
 * of 0 or a {@code null} time turns its rule off.
 *
 * @param maxOpenPositions R-POS-1
 * @param maxTradesPerDay R-DAY-1 entries a day, 0 = off (swing)
 * @param maxConsecutiveLosses R-DAY-1 losing trades in a row, 0 = off (swing)
 * @param dailyLossPct R-CB-1 day loss that halts entries until the next trading day
 * @param positionLossPct R-CB-2 loss that closes a position
 * @param positionCooldown R-CB-2 no re-entry in the ticker for this long
 * @param stopOutCount R-CB-3 stop-outs ...
 * @param stopOutWindow R-CB-3 ... within this window ...
 * @param stopOutPause R-CB-3 ... pause entries this long
 * @param decliningShare R-HALT-1 share of open positions ...
 * @param decliningLossPct R-HALT-1 ... with more than this unrealized loss
 * @param minActivePool R-POOL-3 entries halt below this active pool
 * @param reserveSiphonPct R-POOL-1 share of a profitable close moved to the reserve
 * @param emergencyDrawdownPct R-POOL-4 drawdown from the high-water mark that releases the reserve
 * @param reserveHighWaterPct R-POOL-5 reserve share of the portfolio that raises a notification
 * @param maxRiskPerTradePct R-SIZE-8 quantity × stop distance over portfolio value
 * @param correlationReduce R-SIZE-3 above it the size shrinks
 * @param correlationReject R-SIZE-3 above it the entry is rejected
 * @param correlationDays R-SIZE-3 daily returns in the correlation window
 * @param diversificationBonus R-SIZE-5 size factor for a new sector
 * @param diversificationMaxSectors R-SIZE-5 the bonus applies below this many held sectors
 * @param earningsReduceDays R-CAL-2 size × {@code earningsSizeFactor} within this many trading days
 * @param earningsRejectDays R-CAL-2 reject within this many trading days
 * @param earningsSizeFactor R-CAL-2
 * @param eventDayCutoff R-CAL-1 no entries at or after it on an event day, {@code null} = off
 * @param confluenceSizing R-SIZE-7 on (intraday) or off
 * @param winRateWindow R-RISK-1 closed trades counted in the win rate
 * @param downgradeWinRate R-RISK-1 downgrade below this win rate ...
 * @param downgradeDrawdown R-RISK-1 ... or above this drawdown
 * @param upgradeWinRate R-RISK-1 upgrade above this win rate ...
 * @param upgradeReservePct R-RISK-1 ... and above this reserve share ...
 * @param upgradeDrawdown R-RISK-1 ... and below this drawdown
 * @param reconcileTolerance R-REC-2 cash difference to the broker's snapshot, in account
 *     currency, beyond which entries pause (quantities must match to the share)
 */
@RecordBuilder
public record RiskParams(
        int maxOpenPositions,
        int maxTradesPerDay,
        int maxConsecutiveLosses,
        double dailyLossPct,
        double positionLossPct,
        Duration positionCooldown,
        int stopOutCount,
        Duration stopOutWindow,
        Duration stopOutPause,
        double decliningShare,
        double decliningLossPct,
        double minActivePool,
        double reserveSiphonPct,
        double emergencyDrawdownPct,
        double reserveHighWaterPct,
        double maxRiskPerTradePct,
        double correlationReduce,
        double correlationReject,
        int correlationDays,
        double diversificationBonus,
        int diversificationMaxSectors,
        int earningsReduceDays,
        int earningsRejectDays,
        double earningsSizeFactor,
        LocalTime eventDayCutoff,
        boolean confluenceSizing,
        Duration winRateWindow,
        double downgradeWinRate,
        double downgradeDrawdown,
        double upgradeWinRate,
        double upgradeReservePct,
        double upgradeDrawdown,
        double reconcileTolerance) implements Serializable, RiskParamsBuilder.With {

    /** Defaults of the {@code intraday} profile. */
    public static final RiskParams INTRADAY = RiskParamsBuilder.builder()
            .maxOpenPositions(10)
            .maxTradesPerDay(6)
            .maxConsecutiveLosses(3)
            .dailyLossPct(0.03)
            .positionLossPct(0.08)
            .positionCooldown(Duration.ofHours(24))
            .stopOutCount(3)
            .stopOutWindow(Duration.ofMinutes(30))
            .stopOutPause(Duration.ofMinutes(60))
            .decliningShare(0.5)
            .decliningLossPct(0.02)
            .minActivePool(100)
            .reserveSiphonPct(0.20)
            .emergencyDrawdownPct(0.20)
            .reserveHighWaterPct(0.30)
            .maxRiskPerTradePct(0.01)
            .correlationReduce(0.5)
            .correlationReject(0.8)
            .correlationDays(90)
            .diversificationBonus(1.2)
            .diversificationMaxSectors(3)
            .earningsReduceDays(3)
            .earningsRejectDays(1)
            .earningsSizeFactor(0.5)
            .eventDayCutoff(LocalTime.NOON)
            .confluenceSizing(true)
            .winRateWindow(Duration.ofDays(30))
            .downgradeWinRate(0.40)
            .downgradeDrawdown(0.15)
            .upgradeWinRate(0.55)
            .upgradeReservePct(0.20)
            .upgradeDrawdown(0.05)
            .reconcileTolerance(1.00)
            .build();

    /** Defaults of the {@code swing} profile: no daily trade cap, no event-day cut-off, no R-SIZE-7. */
    public static final RiskParams SWING = INTRADAY.with(b -> b
            .maxTradesPerDay(0)
            .maxConsecutiveLosses(0)
            .eventDayCutoff(null)
            .confluenceSizing(false));
}
