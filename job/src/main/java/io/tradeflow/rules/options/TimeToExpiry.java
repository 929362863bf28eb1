package io.tradeflow.rules.options;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Measures the time an option has left in regular-session market minutes, the clock its value
 * decays on intraday (R-OPT-4): a year is 252 trading days of 390 minutes.
 */
public final class TimeToExpiry {
    public static final String RULE = "R-OPT-4";
    public static final int MINUTES_PER_DAY = 390;
    public static final int TRADING_DAYS_PER_YEAR = 252;
    public static final double MINUTES_PER_YEAR = (double) TRADING_DAYS_PER_YEAR * MINUTES_PER_DAY;

    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private TimeToExpiry() {}

    /**
     * Returns the regular-session minutes from an event time to the close of the expiry day:
     * 09:30 to the close (16:00, or the calendar's early close) of every trading day from the
     * event's market date to the expiry, the part before the event left out. 0 at or after the
     * expiry's close; on a holiday expiry, the minutes to the last close before it.
     */
    public static double minutesToExpiry(long eventTimeMillis, LocalDate expiry,
            TradingCalendar calendar) {
        long millis = 0;
        for (LocalDate d = MarketTime.date(eventTimeMillis); !d.isAfter(expiry);
                d = d.plusDays(1)) {
            LocalTime close = calendar.closeTime(d);
            if (close == null) {
                continue;
            }
            long from = Math.max(eventTimeMillis,
                    MarketTime.epochMillis(d, TradingCalendar.OPEN));
            long to = MarketTime.epochMillis(d, close);
            millis += Math.max(0, to - from);
        }
        return millis / MILLIS_PER_MINUTE;
    }

    /** Returns {@link #minutesToExpiry} in years of 252 × 390 market minutes. */
    public static double yearsToExpiry(long eventTimeMillis, LocalDate expiry,
            TradingCalendar calendar) {
        return minutesToExpiry(eventTimeMillis, expiry, calendar) / MINUTES_PER_YEAR;
    }
}
