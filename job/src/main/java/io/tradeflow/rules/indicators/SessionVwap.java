package io.tradeflow.rules.indicators;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Holds the volume-weighted average price of one session: {@code Σ typical × volume / Σ volume}
 * with the typical price {@code (high + low + close) / 3}, updated in O(1).
 *
 * <p>Warm-up: it resets when a bar of a new session date arrives (fed regular-session bars, at
 * the 09:30 ET open: the first regular bar of the date) and is known from that bar on; {@code
 * null} before the first bar and while the session's volume is still 0. Immutable, so it can be
 * kept as keyed state as it is.
 *
 * @param day the session's date as an epoch day, {@code Long.MIN_VALUE} before the first bar
 * @param priceVolume Σ typical price × volume of the session
 * @param volume Σ volume of the session
 */
public record SessionVwap(long day, double priceVolume, double volume) implements Serializable {

    public static SessionVwap start() {
        return new SessionVwap(Long.MIN_VALUE, 0, 0);
    }

    public SessionVwap update(LocalDate session, double high, double low, double close,
            long barVolume) {
        long d = session.toEpochDay();
        double tp = (high + low + close) / 3;
        if (d != day) {
            return new SessionVwap(d, tp * barVolume, barVolume);
        }
        return new SessionVwap(d, priceVolume + tp * barVolume, volume + barVolume);
    }

    /** Returns whether the state belongs to the session of {@code date}. */
    public boolean isFor(LocalDate date) {
        return day == date.toEpochDay();
    }

    /** Returns the session VWAP, or {@code null} before the first bar with volume. */
    public Double value() {
        return volume > 0 ? priceVolume / volume : null;
    }
}
