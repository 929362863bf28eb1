package io.tradeflow.io.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Holds the event-time settings of the inputs.
 *
 * @param outOfOrderness bounded out-of-orderness of the watermark strategy
 * @param idleness a source split without events for this long stops holding watermarks back
 * @param maxFutureSkew events stamped further than this ahead of the watermark are dead letters
 * @param watermarkInterval periodic watermark emission interval
 */
public record InputSettings(
        Duration outOfOrderness,
        Duration idleness,
        Duration maxFutureSkew,
        Duration watermarkInterval)
        implements Serializable {

    public static final InputSettings DEFAULT =
            new InputSettings(
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofDays(7),
                    Duration.ofMillis(50));
}
