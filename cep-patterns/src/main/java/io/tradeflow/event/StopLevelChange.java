package io.tradeflow.event;

/**
 * Records one setting of a position's stop and target: the initial levels (R-STOP-1, R-STOP-2) and
 * every later move (breakeven R-STOP-4, re-evaluation R-STOP-5, tightening R-STOP-6, R-STOP-7,
 * R-MOVE-1). A history row: each change has its own id and is never overwritten.
 *
 * @param id deterministic, e.g. derived from the position id and the time of the change
 * @param previousStop the stop before this change, {@code null} for the initial levels
 * @param previousTarget the target before this change, {@code null} for the initial levels
 * @param rule the rule that set the levels, e.g. {@code R-STOP-4}
 * @param reason a short explanation, e.g. {@code breakeven} or {@code atr changed 12 %}
 * @param atr the ATR the levels were computed from, {@code null} when unknown (R-STOP-2) or not
 *     used (breakeven)
 */
public record StopLevelChange(
        String id,
        String account,
        String positionId,
        String ticker,
        double stop,
        double target,
        Double previousStop,
        Double previousTarget,
        String rule,
        String reason,
        Double atr,
        long ts) {}
