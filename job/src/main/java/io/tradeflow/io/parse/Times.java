package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/** Parses the timestamp forms of the inputs into epoch milliseconds. */
final class Times {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final DateTimeFormatter NINJA =
            DateTimeFormatter.ofPattern("uuuuMMdd HHmmss").withResolverStyle(ResolverStyle.STRICT);

    private Times() {}

    /** Reads epoch milliseconds (an integer) or ISO-8601 text with an offset. */
    static long ts(JsonNode node, String field) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            return iso(node.textValue(), field);
        }
        throw new Reject(Reasons.INVALID_VALUE, "field '" + field
                + "' must be epoch milliseconds (an integer) or ISO-8601 text with an offset");
    }

    /** Reads a CSV cell holding epoch milliseconds or ISO-8601 text with an offset. */
    static long ts(String cell, String field) {
        if (Scan.isEpoch(cell)) {
            try {
                return Long.parseLong(cell);
            } catch (NumberFormatException e) {
                throw new Reject(Reasons.INVALID_VALUE, "field '" + field + "' out of range");
            }
        }
        return iso(cell, field);
    }

    static long iso(String text, String field) {
        long simple = Scan.isoMillis(text);
        if (simple != Scan.NOT_SIMPLE) {
            return simple;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new Reject(Reasons.INVALID_VALUE, "field '" + field
                    + "' is not ISO-8601 with an offset (e.g. 2011-01-03T09:31:00-05:00)");
        }
    }

    static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new Reject(Reasons.INVALID_VALUE,
                    "field '" + field + "' is not a yyyy-MM-dd date");
        }
    }

    /** Returns the instant of a wall time in New York on a date (DST-aware). */
    static long newYork(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    /** Reads NinjaTrader's {@code yyyyMMdd HHmmss} in UTC. */
    static long ninjaUtc(String text) {
        long simple = Scan.ninjaMillis(text);
        if (simple != Scan.NOT_SIMPLE) {
            return simple;
        }
        try {
            return LocalDateTime.parse(text, NINJA).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw new Reject(Reasons.INVALID_VALUE, "time is not yyyyMMdd HHmmss");
        }
    }

    static String show(long ts) {
        return Instant.ofEpochMilli(ts).toString();
    }
}
