package io.tradeflow.rules.fills;

import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;

/**
 * Decides whether a broker fill may be applied (R-FILL-1): once per execution id, to an order
 * that is still working, on the order's side and ticker, and within what is still open of it.
 * Pure: values in, a verdict out; the engine keeps the state and carries out the verdict.
 */
public final class FillCheck {
    public static final String RULE = "R-FILL-1";
    /** The execution id was applied already: a repeat, dropped without pausing. */
    public static final String DUPLICATE = "duplicate_fill";
    /** No working order has the client order id (unknown, completely filled or cancelled). */
    public static final String UNKNOWN_ORDER = "unknown_order";
    /** The side or the ticker differs from the order's. */
    public static final String MISMATCH = "fill_mismatch";
    /** The quantity is more than what is still open of the order. */
    public static final String OVERFILL = "overfill";

    private FillCheck() {}

    /**
     * Holds why a fill is not applied.
     *
     * @param reason the dead letter's reason code
     * @param detail what was found, starting with the rule id
     * @param pauses whether the account's book is in doubt, so entries pause (R-CB-5)
     */
    public record Rejection(String reason, String detail, boolean pauses) {}

    /**
     * Returns why {@code fill} is not applied, or {@code null} to apply it.
     *
     * @param applied whether its execution id was applied already
     * @param order the working order with its client order id, or {@code null} when none works
     * @param filled the quantity of that order filled so far
     */
    public static Rejection check(Fill fill, boolean applied, Order order, long filled) {
        if (applied) {
            return new Rejection(DUPLICATE, RULE + ": execution id '" + fill.executionId()
                    + "' was applied already", false);
        }
        if (order == null) {
            return new Rejection(UNKNOWN_ORDER, RULE + ": no working order has this client "
                    + "order id", true);
        }
        if (!order.side().equals(fill.side()) || !order.ticker().equals(fill.ticker())) {
            return new Rejection(MISMATCH, RULE + ": fill " + fill.side() + " " + fill.ticker()
                    + " differs from order " + order.side() + " " + order.ticker(), true);
        }
        long open = order.quantity() - filled;
        if (fill.quantity() > open) {
            return new Rejection(OVERFILL, RULE + ": fill of " + fill.quantity() + " is more than "
                    + "the " + open + " still open of " + order.quantity(), true);
        }
        return null;
    }
}
