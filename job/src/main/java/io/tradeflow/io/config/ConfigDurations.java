package io.tradeflow.io.config;

import io.tradeflow.rules.RuleKeys;

import java.time.Duration;

/**
 * Parses configuration durations: ISO-8601 ({@code PT10S}, {@code P4D}) or a whole number with one
 * unit ({@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 4d}).
 */
public final class ConfigDurations {
    private ConfigDurations() {}

    /**
     * Returns the duration.
     *
     * @throws IllegalArgumentException with a message fit for a configuration error
     */
    public static Duration parse(String text) {
        return RuleKeys.duration(text);
    }
}
