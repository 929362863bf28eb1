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
 * @param stallAlertAfter live only: an account's event time this far behind the wall clock during
 *     market hours raises an alert, and past 15:00 flattens intraday positions (the watchdog)
 * @param from a backtest reads the records of this market date and later only ({@code null}: from
 *     the first)
 * @param to a backtest reads the records of this market date and earlier only ({@code null}: to
 *     the last)
 * @param readChunkBytes a bar file is cut into chunks of about this many bytes, each starting at a
 *     line: BATCH reads them in parallel, and a file's future-time guard starts afresh at each
 *     chunk in both modes ({@code io.tradeflow.io.LineChunks})
 */
public record InputSettings(
        Duration outOfOrderness,
        Duration idleness,
        Duration maxFutureSkew,
        Duration watermarkInterval,
        Duration stallAlertAfter,
        LocalDate from,
        LocalDate to,
        int readChunkBytes)
        implements Serializable {

    public InputSettings(Duration outOfOrderness, Duration idleness, Duration maxFutureSkew,
            Duration watermarkInterval) {
        this(outOfOrderness, idleness, maxFutureSkew, watermarkInterval, DEFAULT_STALL_ALERT_AFTER,
                null, null, DEFAULT_READ_CHUNK_BYTES);
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

    public static final Duration DEFAULT_STALL_ALERT_AFTER = Duration.ofMinutes(2);
    /** 4 MiB: about 70 000 minute bars, a dozen chunks of a 50-ticker month for two readers. */
    public static final int DEFAULT_READ_CHUNK_BYTES = 4 << 20;

    public static final InputSettings DEFAULT =
            new InputSettings(
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofDays(7),
                    // an order waits for the watermark past its bar: emitted every 10 ms, not
                    // Flink's 200 ms (live latency, README's performance section)
                    Duration.ofMillis(10));
}
