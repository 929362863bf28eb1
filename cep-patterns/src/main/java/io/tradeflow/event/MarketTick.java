package io.tradeflow.event;

/**
 * Carries a bar enriched by the ticker stage with the indicators known at its end time.
 *
 * @param indicators never {@code null}; its fields are {@code null} during warm-up
 */
public record MarketTick(Bar bar, Indicators indicators) {

    /** Returns a tick whose only known indicator is the ATR. */
    public static MarketTick withAtr(Bar bar, Double atr) {
        return new MarketTick(bar, Indicators.atrOnly(atr));
    }

    public String ticker() {
        return bar.ticker();
    }

    public long ts() {
        return bar.ts();
    }

    /** Returns Wilder's ATR, or {@code null} during warm-up. */
    public Double atr() {
        return indicators.atr();
    }
}
