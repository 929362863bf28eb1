package io.tradeflow.event;

/**
 * Reports a market-wide state change that engines consume as an input: a VIX halt opening or
 * closing (R-VIX-1) or a volatility cluster opening for a fixed duration.
 *
 * @param kind {@link #VIX} or {@link #VOLATILITY_CLUSTER}
 * @param state {@link #OPEN} or {@link #CLOSED}
 * @param severity {@code "high"} for every kind emitted today
 * @param ts event time of the transition (epoch ms): the quote or move that caused it
 * @param untilTs when the state ends by itself: {@code Long.MAX_VALUE} for an open VIX halt (it
 *     ends with a {@code closed} event), {@code ts} for a {@code closed} event, {@code ts +
 *     duration} for a volatility cluster
 * @param value the VIX value of the quote, or the number of rapid moves in the cluster
 * @param detail human-readable description (tickers of a cluster, threshold of a halt)
 */
public record MarketEvent(String kind, String state, String severity, long ts, long untilTs,
        double value, String detail) {

    public static final String VIX = "vix";
    public static final String VOLATILITY_CLUSTER = "volatility_cluster";
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String HIGH = "high";
}
