package io.tradeflow.cep;

import io.tradeflow.event.Bar;
import io.tradeflow.event.RapidMove;

/** Decides whether two closes are a rapid move and describes it; pure, no Flink. */
public final class PriceMoves {
    /**
     * Relative slack on the threshold so that a move of exactly the threshold (e.g. 100 → 105 or
     * 20 → 19) counts despite binary rounding of the ratio.
     */
    static final double TOLERANCE = 1e-9;

    private PriceMoves() {}

    /**
     * Returns whether {@code price} is at least {@code threshold} (a fraction, 0.05 = 5 %) above
     * or below {@code start}; false when {@code start} is not a positive number.
     */
    public static boolean isMove(double start, double price, double threshold) {
        if (!(start > 0) || Double.isNaN(price)) {
            return false;
        }
        return Math.abs(price / start - 1.0) >= threshold * (1.0 - TOLERANCE);
    }

    /** Signed change in percent: {@code (price / start - 1) * 100}. */
    public static double changePct(double start, double price) {
        return (price / start - 1.0) * 100.0;
    }

    /** Builds the move from the reference bar to the bar that completed it. */
    public static RapidMove move(Bar start, Bar end) {
        return new RapidMove(end.ticker(), start.ts(), start.close(), end.ts(), end.close(),
                changePct(start.close(), end.close()),
                end.close() >= start.close() ? RapidMove.UP : RapidMove.DOWN);
    }
}
