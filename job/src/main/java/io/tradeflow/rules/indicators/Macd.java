package io.tradeflow.rules.indicators;

import java.io.Serializable;

/**
 * Holds MACD (default 12, 26, 9): the MACD line, its signal line and the histogram, in O(1).
 *
 * <p>Warm-up: {@code macd = EMA(fast) − EMA(slow)} once both {@link Ema}s exist (each seeded with
 * the SMA of its first values), so from the {@code slow}-th close; the signal is an {@link Ema}
 * of the MACD values, seeded with the SMA of the first {@code signal} of them, so it and the
 * histogram ({@code macd − signal}) exist from close {@code slow + signal − 1} (34 by default).
 * Each is {@code null} before. Immutable, so it can be kept as keyed state as it is.
 */
public record Macd(Ema fast, Ema slow, Ema signal) implements Serializable {

    public static Macd start(int fastPeriod, int slowPeriod, int signalPeriod) {
        if (fastPeriod >= slowPeriod) {
            throw new IllegalArgumentException(
                    "MACD fast period must be below the slow one: " + fastPeriod + " >= "
                            + slowPeriod);
        }
        return new Macd(Ema.start(fastPeriod), Ema.start(slowPeriod), Ema.start(signalPeriod));
    }

    public Macd update(double close) {
        Ema f = fast.update(close);
        Ema s = slow.update(close);
        Ema sig = f.ready() && s.ready() ? signal.update(f.ema() - s.ema()) : signal;
        return new Macd(f, s, sig);
    }

    /** Returns the MACD line, or {@code null} during warm-up. */
    public Double macd() {
        return fast.ready() && slow.ready() ? fast.ema() - slow.ema() : null;
    }

    /** Returns the signal line, or {@code null} during warm-up. */
    public Double signalLine() {
        return signal.value();
    }

    /** Returns the histogram {@code macd − signal}, or {@code null} during warm-up. */
    public Double histogram() {
        return signal.ready() ? fast.ema() - slow.ema() - signal.ema() : null;
    }
}
