package io.tradeflow.engine;

import io.tradeflow.event.Order;
import io.tradeflow.rules.options.OptionContract;

/**
 * Holds an order that is not filled yet (engine state), with what its fill needs: the decision's
 * ATR and tier to set the position's levels at the fill price, and its confidence.
 *
 * @param filled quantity filled so far
 * @param micro whether it opens or closes a micro trade (R-MICRO-1)
 * @param barsLeft bars of its ticker an entry may still wait for a fill (R-ORD-1), or null when
 *     its timeout is a duration
 */
public record WorkingOrder(Order order, Double atr, String tier, double confidence, long filled,
        boolean micro, Integer barsLeft) {

    public WorkingOrder withFilled(long quantity) {
        return new WorkingOrder(order, atr, tier, confidence, quantity, micro, barsLeft);
    }

    public WorkingOrder withBarsLeft(Integer bars) {
        return new WorkingOrder(order, atr, tier, confidence, filled, micro, bars);
    }

    /** Returns the option contract it trades (its order's OCC symbol), or null for shares. */
    public String instrument() {
        return order.instrument();
    }

    /** Returns the units of the underlying one unit of its quantity stands for: 100 a contract. */
    public int multiplier() {
        return order.instrument() == null ? 1 : OptionContract.DEFAULT_MULTIPLIER;
    }
}
