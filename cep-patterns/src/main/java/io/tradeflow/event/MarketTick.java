package io.tradeflow.event;

/**
 * Carries a bar enriched by the ticker stage with the indicators known at its end time.
 *
 * @param atr Wilder's ATR over the configured period, or {@code null} during warm-up
 */
public record MarketTick(Bar bar, Double atr) {

    public String ticker() {
        return bar.ticker();
    }

    public long ts() {
        return bar.ts();
    }
}
