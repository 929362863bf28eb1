package io.tradeflow.rules.broker;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Order;
import io.tradeflow.rules.BrokerParams;

/**
 * Fills orders from later bars, as the paper and backtest broker. Only a bar that ends after the
 * order was placed can fill it. A buy limit fills when the bar trades at or through the limit
 * ({@code low ≤ limit}), at the better of the limit and the bar's open; a sell limit mirrored. A
 * market order fills at the bar's open, moved against the taker by the slippage.
 */
public final class SimulatedBroker {
    private SimulatedBroker() {}

    /** Returns the fill price of the order on this bar, or {@code null} when it does not fill. */
    public static Double fillPrice(Order o, Bar b, BrokerParams costs) {
        if (b.ts() <= o.ts() || !o.ticker().equals(b.ticker())) {
            return null;
        }
        boolean buy = "buy".equals(o.side());
        if (Order.LIMIT.equals(o.type())) {
            double limit = o.limitPrice();
            if (buy) {
                return b.low() <= limit ? Math.min(limit, b.open()) : null;
            }
            return b.high() >= limit ? Math.max(limit, b.open()) : null;
        }
        double slip = b.open() * costs.slippageBps() / 10_000.0;
        return round4(buy ? b.open() + slip : b.open() - slip);
    }

    public static double commission(long quantity, BrokerParams costs) {
        return round4(quantity * costs.commissionPerShare());
    }

    static double round4(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
