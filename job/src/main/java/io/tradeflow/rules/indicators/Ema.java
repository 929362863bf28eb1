package io.tradeflow.rules.indicators;

import java.io.Serializable;

/**
 * Holds an exponential moving average with {@code α = 2 / (period + 1)}, updated in O(1).
 *
 * <p>Warm-up: the EMA is seeded with the simple mean of the first {@code period} values and is
 * {@code null} before that (the first value is known at the {@code period}-th input); afterwards
 * {@code ema += α × (value − ema)}. This is pyalgotrade's and TA-Lib's convention; ta4j seeds
 * with the first value instead (see {@code package-info}). Immutable, so it can be kept as keyed
 * state as it is.
 *
 * @param count values seen so far, capped at {@code period}
 * @param sum sum of the values during warm-up
 */
public record Ema(int period, int count, double sum, double ema) implements Serializable {

    public static Ema start(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("EMA period must be >= 1: " + period);
        }
        return new Ema(period, 0, 0, Double.NaN);
    }

    public Ema update(double value) {
        if (count < period) {
            double s = sum + value;
            int n = count + 1;
            return new Ema(period, n, s, n == period ? s / period : Double.NaN);
        }
        return new Ema(period, count, sum, ema + alpha() * (value - ema));
    }

    /** Returns the smoothing factor {@code 2 / (period + 1)}. */
    public double alpha() {
        return 2.0 / (period + 1);
    }

    /** Returns whether the warm-up is over. */
    public boolean ready() {
        return count >= period;
    }

    /** Returns the EMA, or {@code null} during warm-up. */
    public Double value() {
        return ready() ? ema : null;
    }
}
