package io.tradeflow.rules;

import java.io.Serializable;

/**
 * Holds the simulated broker's costs: slippage in basis points against the taker on market
 * orders, and commission per share.
 */
public record BrokerParams(double slippageBps, double commissionPerShare) implements Serializable {
    public static final BrokerParams DEFAULT = new BrokerParams(1.0, 0.005);
}
