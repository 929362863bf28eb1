package io.tradeflow.io.config;

import java.io.Serializable;
import io.tradeflow.rules.calendar.MarketTime;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Holds the event-time settings of the inputs.
 *
 * @param outOfOrderness bounded out-of-orderness of the watermark strategy
 * @param idleness a source split without events for this long stops holding watermarks back
 * @param maxFutureSkew events stamped further than this ahead of the watermark are dead letters
 * @param watermarkInterval periodic watermark emission interval
 * @param from a backtest reads the records of this market date and later only ({@code null}: from
 *     the first)
 * @param to a backtest reads the records of this market date and earlier only ({@code null}: to
 *     the last)
 */
public record InputSettings(
        Duration outOfOrderness,
        Duration idleness,
        Duration maxFutureSkew,
        Duration watermarkInterval,
        LocalDate from,
        LocalDate to)
        implements Serializable {

    public InputSettings(Duration outOfOrderness, Duration idleness, Duration maxFutureSkew,
            Duration watermarkInterval) {
        this(outOfOrderness, idleness, maxFutureSkew, watermarkInterval, null, null);
    }

    /** Returns whether a date range limits what a backtest reads. */
    public boolean limited() {
        return from != null || to != null;
    }

    /** Returns whether a record at {@code ts} falls in the date range (market dates). */
    public boolean inRange(long ts) {
        if (!limited()) {
            return true;
        }
        LocalDate d = MarketTime.date(ts);
        return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }

    public static final InputSettings DEFAULT =
            new InputSettings(
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofDays(7),
                    Duration.ofMillis(50));
}
