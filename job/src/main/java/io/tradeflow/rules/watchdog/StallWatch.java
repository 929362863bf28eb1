package io.tradeflow.rules.watchdog;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Judges, in live mode only, whether an account's event time has stalled (a market-data outage):
 * during the regular session of a trading day, by the wall clock, event time more than {@code
 * input.stall-alert-after} behind it (counted from the open, so the night does not count) is a
 * stall; a stall that spans the force-exit time (R-WIN-2, 15:00) by the wall clock while event
 * time has not reached it means the force exit would never fire, so intraday positions must be
 * flattened now. Pure: the clocks in, a verdict out. Backtests and the parity tests never use it:
 * it is the one place a wall clock decides anything.
 */
public final class StallWatch {
    /** The notification kind of a stall alert. */
    public static final String ALERT = "market_data_stall";

    private StallWatch() {}

    /**
     * The verdict at one wall-clock time.
     *
     * @param stalledMs how far event time is behind the wall clock, counted from the session's
     *     open; 0 outside the session
     * @param alert whether that is more than the allowed stall
     * @param flatten whether the stall spans the force-exit time: intraday positions close now
     */
    public record Verdict(long stalledMs, boolean alert, boolean flatten) {
        static final Verdict NONE = new Verdict(0, false, false);
    }

    /**
     * Returns the verdict at wall-clock time {@code wall} for an account whose event time is
     * {@code eventTime}.
     *
     * @param forceExit the account's force-exit time (R-WIN-2), {@code null} when it holds
     *     overnight (swing)
     */
    public static Verdict check(long wall, long eventTime, Duration stallAfter,
            LocalTime forceExit, TradingCalendar calendar) {
        LocalDate day = MarketTime.date(wall);
        LocalTime close = calendar.closeTime(day);
        if (close == null) {
            return Verdict.NONE;
        }
        long open = MarketTime.epochMillis(day, TradingCalendar.OPEN);
        if (wall < open || wall >= MarketTime.epochMillis(day, close)) {
            return Verdict.NONE;
        }
        long stalled = wall - Math.max(eventTime, open);
        boolean alert = stalled > stallAfter.toMillis();
        boolean flatten = false;
        if (alert && forceExit != null && forceExit.isBefore(close)) {
            long exitAt = MarketTime.epochMillis(day, forceExit);
            flatten = wall >= exitAt && eventTime < exitAt;
        }
        return new Verdict(Math.max(0, stalled), alert, flatten);
    }
}
