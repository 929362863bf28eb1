package io.tradeflow.rules.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Converts event times (epoch milliseconds) to and from America/New_York market time. */
public final class MarketTime {
    public static final ZoneId ZONE = ZoneId.of("America/New_York");

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

    /** Returns the ISO-8601 form with the market offset, e.g. {@code 2025-03-10T10:15:07-04:00}. */
    public static String iso(long epochMillis) {
        return at(epochMillis).toOffsetDateTime().toString();
    }
}
