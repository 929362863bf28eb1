package io.tradeflow.rules.metrics;

/**
 * Holds an account's value at one time: cash plus its open positions marked at the latest known
 * price. The curve is a step function: a point holds until the next one.
 *
 * @param ts epoch milliseconds
 * @param value cash + Σ signed quantity × mark
 * @param cash booked cash after every fill up to {@code ts}
 * @param openPositions positions open from {@code ts} until the next point
 */
public record EquityPoint(long ts, double value, double cash, int openPositions) {

    /** Returns a point with no open position (value = cash). */
    public EquityPoint(long ts, double value) {
        this(ts, value, value, 0);
    }
}
