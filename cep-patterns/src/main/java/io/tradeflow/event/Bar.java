package io.tradeflow.event;

/**
 * Carries one OHLCV bar of a ticker; {@code ts} is the bar's end time in epoch milliseconds (UTC).
 *
 * <p>A bar is known at its end time: the engine may act on it from {@code ts} on, never before.
 */
public record Bar(String ticker, long ts, double open, double high, double low, double close,
        long volume) {}
