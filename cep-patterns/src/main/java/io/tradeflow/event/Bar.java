package io.tradeflow.event;

import java.util.Comparator;

/**
 * Carries one OHLCV bar of a ticker; {@code ts} is the bar's end time in epoch milliseconds (UTC).
 *
 * <p>A bar is known at its end time: the engine may act on it from {@code ts} on, never before.
 */
public record Bar(String ticker, long ts, double open, double high, double low, double close,
        long volume) {

    /**
     * Orders bars by their fields in declaration order (numbers numerically): a deterministic tie
     * order by content that builds no text.
     */
    public static final Comparator<Bar> CONTENT_ORDER = Comparator.comparing(Bar::ticker)
            .thenComparingLong(Bar::ts)
            .thenComparingDouble(Bar::open)
            .thenComparingDouble(Bar::high)
            .thenComparingDouble(Bar::low)
            .thenComparingDouble(Bar::close)
            .thenComparingLong(Bar::volume);
}
