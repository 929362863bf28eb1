package io.tradeflow.rules.indicators;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Holds a simple moving average over the last {@code period} values.
 *
 * <p>Warm-up: {@code null} before {@code period} values. Immutable: each update copies the
 * window ({@code period} doubles) and re-sums it, so an update is O(period) rather than O(1) — a
 * simple average needs its window, and re-summing keeps no running-sum drift over long streams.
 * With the periods used here (10–20) this costs a few nanoseconds.
 *
 * @param window the last values, a ring buffer of length {@code period}
 * @param count values seen so far, capped at {@code period}
 * @param next index in {@code window} of the slot the next value overwrites
 * @param sum sum of the values in the window
 */
public record Sma(int period, double[] window, int count, int next, double sum)
        implements Serializable {

    public static Sma start(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("SMA period must be >= 1: " + period);
        }
        return new Sma(period, new double[period], 0, 0, 0);
    }

    public Sma update(double value) {
        double[] w = window.clone();
        w[next] = value;
        int n = Math.min(count + 1, period);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[i];
        }
        return new Sma(period, w, n, (next + 1) % period, s);
    }

    /** Returns whether the warm-up is over. */
    public boolean ready() {
        return count >= period;
    }

    /** Returns the mean of the last {@code period} values, or {@code null} during warm-up. */
    public Double value() {
        return ready() ? sum / period : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sma s && period == s.period && count == s.count && next == s.next
                && Double.compare(sum, s.sum) == 0 && Arrays.equals(window, s.window);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * period + count) + Arrays.hashCode(window);
    }

    @Override
    public String toString() {
        return "Sma[period=" + period + ", count=" + count + ", value=" + value() + "]";
    }
}
