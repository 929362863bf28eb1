package io.tradeflow.rules.calendar;

import io.tradeflow.rules.RuleParams;

/** Computes when positions opened at a time must be closed (R-WIN-2): the force-exit time that day. */
public final class ForceExit {
    public static final String RULE = "R-WIN-2";

    private ForceExit() {}

    /**
     * Returns the force-exit instant on the market date of {@code ts}, or {@code null} when the
     * profile holds overnight. When {@code ts} is at or after that day's force exit, returns the
     * next calendar day's (the caller then closes at the next occurrence).
     */
    public static Long after(long ts, RuleParams p) {
        if (p.forceExit() == null) {
            return null;
        }
        long today = MarketTime.epochMillis(MarketTime.date(ts), p.forceExit());
        return ts < today ? today : MarketTime.epochMillis(MarketTime.date(ts).plusDays(1), p.forceExit());
    }
}
