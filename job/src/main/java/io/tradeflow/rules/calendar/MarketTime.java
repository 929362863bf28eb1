package io.tradeflow.rules.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Converts event times (epoch milliseconds) to and from America/New_York market time. */
public final class MarketTime {
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final long DAY_MS = 86_400_000L;
    private static final long FIVE_HOURS = 5 * 3_600_000L;
    /**
     * Market dates asked for, with their bounds, each in the slot of its own date: most calls ask
     * for a day asked for just before, and threads replaying different tickers (or accounts) ask
     * for different days at once. An instant looks in the slot of its date in New York standard
     * time (UTC-5), then in the next one (daylight time's first hour of a day). Slots were UTC
     * days: a market day's evening is the next UTC day, so two threads replaying round-the-clock
     * bars a few hours apart replaced each other's day at every call (5 % of a 50-ticker ticker
     * stage converting time zones). Days are immutable, so a slot is read and replaced without
     * locks; a slot's day is used only when its bounds hold the instant.
     */
    private static final Day[] DAYS = new Day[1024];

    private MarketTime() {}

    /**
     * Holds one market date, its ISO text, the epoch-millisecond range [start, end) (24 hours
     * except on the two days a year the clocks change) and, for a 24-hour day in the years ISO
     * text writes plainly, its UTC offset as ISO text ({@code -05:00}), else {@code null}.
     */
    private record Day(LocalDate date, String text, long start, long end, String offset) {
        static Day of(LocalDate date) {
            ZonedDateTime start = date.atStartOfDay(ZONE);
            long from = start.toInstant().toEpochMilli();
            long to = date.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
            int seconds = start.getOffset().getTotalSeconds();
            boolean plain = to - from == DAY_MS && date.getYear() >= 1000
                    && date.getYear() <= 9999 && seconds % 60 == 0 && seconds != 0;
            return new Day(date, date.toString(), from, to,
                    plain ? start.getOffset().getId() : null);
        }
    }

    public static ZonedDateTime at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE);
    }

    /**
     * Returns the market date of an instant. Called for every bar by the ticker stage and the
     * engine: the day's bounds are kept, so only the first call of a day converts time zones.
     */
    public static LocalDate date(long epochMillis) {
        return day(epochMillis).date();
    }

    /** Returns the epoch milliseconds at which the market date of an instant starts. */
    static long dayStart(long epochMillis) {
        return day(epochMillis).start();
    }

    /** Returns the epoch milliseconds at which the market date of an instant ends (exclusive). */
    public static long dayEnd(long epochMillis) {
        return day(epochMillis).end();
    }

    /** Returns the market date of an instant as ISO text ({@code 2025-03-10}). */
    public static String dateText(long epochMillis) {
        return day(epochMillis).text();
    }

    private static Day day(long epochMillis) {
        int slot = (int) (Math.floorDiv(epochMillis - FIVE_HOURS, DAY_MS) & (DAYS.length - 1));
        Day d = DAYS[slot];
        if (d != null && epochMillis >= d.start() && epochMillis < d.end()) {
            return d;
        }
        d = DAYS[(slot + 1) & (DAYS.length - 1)];
        if (d != null && epochMillis >= d.start() && epochMillis < d.end()) {
            return d;
        }
        d = Day.of(at(epochMillis).toLocalDate());
        DAYS[(int) (d.date().toEpochDay() & (DAYS.length - 1))] = d;
        return d;
    }

    public static LocalTime time(long epochMillis) {
        Day d = day(epochMillis);
        return d.end() - d.start() == DAY_MS
                ? LocalTime.ofNanoOfDay((epochMillis - d.start()) * 1_000_000L)
                : at(epochMillis).toLocalTime();
    }

    /**
     * Returns the epoch milliseconds of a market wall-clock time on a date (DST-aware). The engine
     * asks for the day's open and close at every tick: a date kept with its bounds and 24 hours
     * long is its start plus the time, without converting time zones.
     */
    public static long epochMillis(LocalDate date, LocalTime time) {
        Day d = DAYS[(int) (date.toEpochDay() & (DAYS.length - 1))];
        if (d != null && d.end() - d.start() == DAY_MS && d.date().equals(date)) {
            return d.start() + time.toNanoOfDay() / 1_000_000;
        }
        return date.atTime(time).atZone(ZONE).toInstant().toEpochMilli();
    }

    /**
     * Returns the ISO-8601 form with the market offset and always the seconds, e.g. {@code
     * 2025-03-10T10:15:00-04:00}; milliseconds only when there are some.
     */
    public static String iso(long epochMillis) {
        Day d = day(epochMillis);
        if (d.offset() == null) {
            return (epochMillis % 1000 == 0 ? SECONDS : MILLIS).format(at(epochMillis));
        }
        // what the formatters write, without them: every decision and every CSV row has times
        int ms = (int) (epochMillis - d.start());
        StringBuilder b = new StringBuilder(29).append(d.text()).append('T');
        two(b, ms / 3_600_000).append(':');
        two(b, ms / 60_000 % 60).append(':');
        two(b, ms / 1000 % 60);
        if (ms % 1000 != 0) {
            b.append('.').append((char) ('0' + ms % 1000 / 100));
            two(b, ms % 100);
        }
        return b.append(d.offset()).toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
