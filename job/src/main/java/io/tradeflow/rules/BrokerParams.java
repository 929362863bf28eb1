package io.tradeflow.rules;

import java.io.Serializable;

/**
 * Holds the simulated broker's costs: slippage in basis points against the taker on market
 * orders, commission per share, and commission per option contract (R-OPT-3).
 */
public record BrokerParams(double slippageBps, double commissionPerShare,
        double commissionPerContract) implements Serializable {
    public static final double DEFAULT_COMMISSION_PER_CONTRACT = 0.65;
    public static final BrokerParams DEFAULT =
            new BrokerParams(1.0, 0.005, DEFAULT_COMMISSION_PER_CONTRACT);

    /** Returns costs with the default commission per option contract. */
    public BrokerParams(double slippageBps, double commissionPerShare) {
        this(slippageBps, commissionPerShare, DEFAULT_COMMISSION_PER_CONTRACT);
    }
}
