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

    private MarketTime() {}

    public static ZonedDateTime at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE);
    }

    public static LocalDate date(long epochMillis) {
        return at(epochMillis).toLocalDate();
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
