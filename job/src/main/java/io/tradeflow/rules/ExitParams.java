package io.tradeflow.rules;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.io.Serializable;
import java.time.Duration;

/**
 * Holds the numbers of the exit and order rules for one account: stop re-evaluation and
 * tightening, stale prices, trailing stops, rapid moves, gradual entries, micro-trading and the
 * weekly rebalance. Percentages are fractions; durations are event time.
 *
 * @param reevaluateEvery R-STOP-5 levels are re-evaluated this often
 * @param atrChangePct R-STOP-5 levels are recomputed when ATR changed by more than this
 * @param earningsStopFactor R-STOP-6 stop multiplier factor with earnings within 3 trading days
 * @param highSeverityStopFactor R-STOP-6 stop multiplier factor during a high-severity event
 * @param heatTightenAt R-STOP-7 share of the tier's max heat above which stops tighten
 * @param stalePriceAfter R-STOP-8 a position without a price for this much session time closes
 * @param trailingArmPct R-STOP-4 share of the way to the target past which the stop trails
 * @param rapidMovePct R-MOVE-1 a move this large re-evaluates the ticker's positions
 * @param gradualEntryThreshold R-ORD-2 entries worth more than min(this, gradualEntryPoolPct ×
 *     active pool) are split, in account currency
 * @param gradualEntryPoolPct R-ORD-2
 * @param tranches R-ORD-2 tranches of a gradual entry (1 turns gradual entry off)
 * @param trancheInterval R-ORD-2 time between tranches
 * @param microEnabled R-MICRO-1 micro-trading on or off
 * @param microPoolPct R-MICRO-1 largest micro-trade as a share of the active pool
 * @param microMaxPerDay R-MICRO-1 micro-trades a day
 * @param microStopAtr R-MICRO-1 stop distance in ATRs
 * @param microRewardRisk R-MICRO-1 target distance over stop distance
 * @param microMaxHold R-MICRO-1 a micro-trade is closed after this long
 * @param rebalance R-REB-1 weekly rebalance on or off
 * @param entryTimeoutBars R-ORD-1 an entry not filled by this many bars of its ticker is
 *     cancelled; 0 uses the {@code entry-timeout} duration instead
 */
@RecordBuilder
public record ExitParams(
        Duration reevaluateEvery,
        double atrChangePct,
        double earningsStopFactor,
        double highSeverityStopFactor,
        double heatTightenAt,
        Duration stalePriceAfter,
        double trailingArmPct,
        double rapidMovePct,
        double gradualEntryThreshold,
        double gradualEntryPoolPct,
        int tranches,
        Duration trancheInterval,
        boolean microEnabled,
        double microPoolPct,
        int microMaxPerDay,
        double microStopAtr,
        double microRewardRisk,
        Duration microMaxHold,
        boolean rebalance,
        int entryTimeoutBars) implements Serializable, ExitParamsBuilder.With {

    /** The defaults of {@code RULES.md}, shared by both profiles. */
    public static final ExitParams DEFAULTS = ExitParamsBuilder.builder()
            .reevaluateEvery(Duration.ofMinutes(5))
            .atrChangePct(0.10)
            .earningsStopFactor(0.7)
            .highSeverityStopFactor(0.5)
            .heatTightenAt(0.80)
            .stalePriceAfter(Duration.ofMinutes(15))
            .trailingArmPct(0.50)
            .rapidMovePct(0.05)
            .gradualEntryThreshold(30)
            .gradualEntryPoolPct(0.05)
            .tranches(3)
            .trancheInterval(Duration.ofMinutes(5))
            .microEnabled(false)
            .microPoolPct(0.03)
            .microMaxPerDay(10)
            .microStopAtr(1.0)
            .microRewardRisk(1.5)
            .microMaxHold(Duration.ofHours(2))
            .rebalance(true)
            .entryTimeoutBars(0)
            .build();

    /** Defaults of the {@code intraday} profile: entries time out after 60 s (R-ORD-1). */
    public static final ExitParams INTRADAY = DEFAULTS;

    /**
     * Defaults of the {@code swing} profile: an entry may fill on its ticker's next bar (R-ORD-1),
     * so an entry on daily bars is not cancelled before the next day's bar can fill it.
     */
    public static final ExitParams SWING = DEFAULTS.withEntryTimeoutBars(1);
}
