package io.tradeflow.rules.indicators;

import java.io.Serializable;

/**
 * Holds the simple moving average of bar volume and the relative volume of the latest bar
 * (R-SIG-2: {@code relVol = volume / SMA(volume, 20)}).
 *
 * <p>Warm-up: both are {@code null} before {@code period} bars. The average includes the latest
 * bar (it is the SMA known at that bar's end) and rolls on across sessions without a reset; fed
 * regular-session bars only, the first bars of a session are compared with the end of the
 * previous one. The relative volume is {@code null} when the average is 0. Immutable, so it can
 * be kept as keyed state as it is; an update is O(period) (see {@link Sma}).
 */
public record VolumeSma(Sma sma, long lastVolume) implements Serializable {

    public static VolumeSma start(int period) {
        return new VolumeSma(Sma.start(period), 0);
    }

    public VolumeSma update(long volume) {
        return new VolumeSma(sma.update(volume), volume);
    }

    /** Returns the average volume, or {@code null} during warm-up. */
    public Double value() {
        return sma.value();
    }

    /** Returns the latest bar's volume over the average, or {@code null} during warm-up. */
    public Double relVol() {
        Double avg = sma.value();
        return avg == null || avg == 0 ? null : lastVolume / avg;
    }
}
