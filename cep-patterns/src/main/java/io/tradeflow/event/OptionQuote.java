package io.tradeflow.event;

/**
 * Carries one quote of an option series at its event time (epoch milliseconds): the series
 * (underlying, expiry as {@code yyyy-MM-dd}, strike in thousandths of a dollar, right {@code CALL}
 * or {@code PUT}), bid and ask per share of the underlying, and the last trade and implied
 * volatility when the feed has them ({@code null} otherwise).
 */
public record OptionQuote(
        String underlying,
        String expiry,
        long strikeThousandths,
        String right,
        double bid,
        double ask,
        Double last,
        Double iv,
        long ts) {

    public static final String CALL = "CALL";
    public static final String PUT = "PUT";

    /** Returns the midpoint of bid and ask. */
    public double mid() {
        return (bid + ask) / 2;
    }

    /** Returns whether this quote is of the series named by its four fields. */
    public boolean isOf(String underlying, String expiry, long strikeThousandths, String right) {
        return this.strikeThousandths == strikeThousandths && this.underlying.equals(underlying)
                && this.expiry.equals(expiry) && this.right.equals(right);
    }
}
