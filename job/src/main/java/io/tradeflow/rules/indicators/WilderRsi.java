package io.tradeflow.rules.indicators;

import java.io.Serializable;

/**
 * Holds Wilder's relative strength index, updated in O(1) per close (R-SIG-2 uses period 14).
 *
 * <p>Warm-up: the first close only sets the reference; each later close gives a change. The
 * average gain and loss are the simple means of the first {@code period} gains and losses, so the
 * RSI is {@code null} before {@code period} changes ({@code period + 1} closes); afterwards
 * {@code avg = (avg × (period − 1) + x) / period}. {@code RSI = 100 − 100 / (1 + avgGain /
 * avgLoss)}, and 100 when the average loss is 0 (also for a flat series), as pyalgotrade does.
 * Immutable, so it can be kept as keyed state as it is.
 *
 * @param count changes seen so far, capped at {@code period}
 * @param prevClose the previous close, {@code NaN} before the first
 */
public record WilderRsi(int period, int count, double prevClose, double avgGain, double avgLoss)
        implements Serializable {

    public static WilderRsi start(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("RSI period must be >= 1: " + period);
        }
        return new WilderRsi(period, 0, Double.NaN, 0, 0);
    }

    public WilderRsi update(double close) {
        if (Double.isNaN(prevClose)) {
            return new WilderRsi(period, 0, close, 0, 0);
        }
        double change = close - prevClose;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        if (count < period) {
            // during warm-up the averages hold sums; they become means at the period-th change
            int n = count + 1;
            double g = avgGain + gain;
            double l = avgLoss + loss;
            return n == period
                    ? new WilderRsi(period, n, close, g / period, l / period)
                    : new WilderRsi(period, n, close, g, l);
        }
        return new WilderRsi(period, count, close,
                (avgGain * (period - 1) + gain) / period,
                (avgLoss * (period - 1) + loss) / period);
    }

    /** Returns the RSI in [0, 100], or {@code null} during warm-up. */
    public Double value() {
        if (count < period) {
            return null;
        }
        if (avgLoss == 0) {
            return 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }
}
