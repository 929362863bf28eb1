package io.tradeflow.io.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration durations: ISO-8601 ({@code PT10S}, {@code P4D}) or a whole number with one
 * unit ({@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 4d}).
 */
public final class ConfigDurations {
    private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");

    private ConfigDurations() {}

    /**
     * Returns the duration.
     *
     * @throws IllegalArgumentException with a message fit for a configuration error
     */
    public static Duration parse(String text) {
        String t = text.strip();
        Matcher m = SHORTHAND.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a duration (expected ISO-8601 such as PT10S or P4D,"
                            + " or 500ms, 60s, 5m, 24h, 4d)");
        }
    }
}
