package io.tradeflow.rules.indicators;

/**
 * Holds Wilder's average true range, updated in O(1) per bar (used by R-STOP-1).
 *
 * <p>Warm-up: the true range of the first bar is {@code high − low} (no previous close); the ATR
 * is the simple mean of the first {@code period} true ranges and is {@code null} before that;
 * afterwards {@code atr = (atr × (period − 1) + tr) / period}. Immutable, so it can be kept as
 * keyed state as it is.
 *
 * @param count true ranges seen so far, capped at {@code period}
 * @param sum sum of true ranges during warm-up
 */
public record WilderAtr(int period, int count, double sum, double prevClose, double atr) {

    public static WilderAtr start(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("ATR period must be >= 1: " + period);
        }
        return new WilderAtr(period, 0, 0, Double.NaN, Double.NaN);
    }

    public WilderAtr update(double high, double low, double close) {
        double tr = Double.isNaN(prevClose)
                ? high - low
                : Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        if (count < period) {
            double s = sum + tr;
            int n = count + 1;
            return new WilderAtr(period, n, s, close, n == period ? s / period : Double.NaN);
        }
        return new WilderAtr(period, count, sum, close, (atr * (period - 1) + tr) / period);
    }

    /** Returns the ATR, or {@code null} during warm-up. */
    public Double value() {
        return count < period ? null : atr;
    }
}
