package io.tradeflow.rules;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;

/**
 * Holds every number of {@code RULES.md} that one account runs with: its profile's defaults with the
 * account's overrides applied. Percentages are fractions; times are America/New_York market time.
 *
 * @param entryStart first entry time, inclusive (R-WIN-1)
 * @param entryEnd last entry time, inclusive (R-WIN-1)
 * @param forceExit time every position is closed (R-WIN-2), {@code null} to hold overnight
 * @param basePct base position fraction of the active pool (R-SIZE-2)
 * @param absolutePositionCap largest position value in account currency (R-SIZE-2, R-SIZE-8)
 * @param stopLossPercent fallback stop distance when ATR is unknown (R-STOP-2)
 * @param entryTimeout an entry not filled within it is cancelled (R-ORD-1)
 * @param dedupeWindow a recommendation id is evaluated at most once within it (R-SIG-5)
 * @param allowedLiveSignalTypes signal types that may open positions in live and paper (R-SIG-1)
 * @param backtestAllowsAllSignals whether a backtest account may open positions on any type
 * @param vixHaltLevel no new entries while the latest VIX is at or above it (R-VIX-1)
 * @param vixStaleAfter a VIX quote older than this does not block (R-VIX-1)
 * @param risk the numbers of the risk rulebook: gates, sizing, breakers, pool, tiers
 * @param exits the numbers of the exit and order rules: stops, tranches, micro, rebalance
 * @param options the numbers of the option rules, read by accounts trading options (R-OPT-1..4)
 */
@RecordBuilder
public record RuleParams(
        LocalTime entryStart,
        LocalTime entryEnd,
        LocalTime forceExit,
        double basePct,
        double absolutePositionCap,
        double stopLossPercent,
        Duration entryTimeout,
        Duration dedupeWindow,
        Set<String> allowedLiveSignalTypes,
        boolean backtestAllowsAllSignals,
        double vixHaltLevel,
        Duration vixStaleAfter,
        RiskParams risk,
        ExitParams exits,
        OptionParams options) implements Serializable, RuleParamsBuilder.With {

    /** Takes the default option rules when none are given (state written before them). */
    public RuleParams {
        options = options == null ? OptionParams.DEFAULTS : options;
    }

    /** Defaults of the {@code intraday} profile (seed 000). */
    public static final RuleParams INTRADAY = RuleParamsBuilder.builder()
            .entryStart(LocalTime.of(9, 45))
            .entryEnd(LocalTime.of(14, 15))
            .forceExit(LocalTime.of(15, 0))
            .basePct(0.04)
            .absolutePositionCap(25_000)
            .stopLossPercent(0.25)
            .entryTimeout(Duration.ofSeconds(60))
            .dedupeWindow(Duration.ofHours(24))
            .allowedLiveSignalTypes(Set.of("orb", "orb_direction", "confluence"))
            .backtestAllowsAllSignals(true)
            .vixHaltLevel(28.0)
            .vixStaleAfter(Duration.ofMinutes(15))
            .risk(RiskParams.INTRADAY)
            .exits(ExitParams.INTRADAY)
            .options(OptionParams.DEFAULTS)
            .build();

    /** Defaults of the {@code swing} profile (seed 004). */
    public static final RuleParams SWING = INTRADAY.with(b -> b
            .entryEnd(LocalTime.of(15, 45))
            .forceExit(null)
            .stopLossPercent(0.08)
            .risk(RiskParams.SWING)
            .exits(ExitParams.SWING));

    public static RuleParams defaultsOf(String profile) {
        return switch (profile) {
            case AccountConfig.INTRADAY -> INTRADAY;
            case AccountConfig.SWING -> SWING;
            default -> throw new IllegalArgumentException("unknown profile " + profile);
        };
    }
}
