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

    /** The last market date asked for, with its bounds: most calls ask for the same day. */
    private static volatile Day lastDay = new Day(LocalDate.MIN, "", 0, 0);

    private MarketTime() {}

    /** Holds one market date, its ISO text and the epoch-millisecond range [start, end). */
    private record Day(LocalDate date, String text, long start, long end) {}

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

    /** Returns the market date of an instant as ISO text ({@code 2025-03-10}). */
    public static String dateText(long epochMillis) {
        return day(epochMillis).text();
    }

    private static Day day(long epochMillis) {
        Day d = lastDay;
        if (epochMillis >= d.start() && epochMillis < d.end()) {
            return d;
        }
        LocalDate date = at(epochMillis).toLocalDate();
        d = new Day(date, date.toString(), date.atStartOfDay(ZONE).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli());
        lastDay = d;
        return d;
    }

    public static LocalTime time(long epochMillis) {
        return at(epochMillis).toLocalTime();
    }

    /** Returns the epoch milliseconds of a market wall-clock time on a date (DST-aware). */
    public static long epochMillis(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(ZONE).toInstant().toEpochMilli();
    }

    /**
     * Returns the ISO-8601 form with the market offset and always the seconds, e.g. {@code
     * 2025-03-10T10:15:00-04:00}; milliseconds only when there are some.
     */
    public static String iso(long epochMillis) {
        return (epochMillis % 1000 == 0 ? SECONDS : MILLIS).format(at(epochMillis));
    }
}
