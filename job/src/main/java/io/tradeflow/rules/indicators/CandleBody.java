package io.tradeflow.rules.indicators;

import io.tradeflow.event.Bar;

/** Tells the direction of a candle body: close above, below or at the open (R-SIG-2). */
public final class CandleBody {

    private CandleBody() {}

    /** Returns 1 when the close is above the open, −1 when below, 0 when equal (a doji). */
    public static int direction(double open, double close) {
        return close > open ? 1 : close < open ? -1 : 0;
    }

    /** Returns the body direction of a bar. */
    public static int direction(Bar bar) {
        return direction(bar.open(), bar.close());
    }
}
