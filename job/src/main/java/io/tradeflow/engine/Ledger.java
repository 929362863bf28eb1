package io.tradeflow.engine;

import java.math.BigDecimal;

/**
 * Holds an account's booked money (engine state): cash, realized P&amp;L, and the pending force-exit
 * and clean-up deadlines.
 */
public record Ledger(
        BigDecimal cash,
        BigDecimal realizedPnl,
        Long forceExitAt,
        Long sweepAt) {

    public Ledger withCash(BigDecimal newCash, BigDecimal newRealized) {
        return new Ledger(newCash, newRealized, forceExitAt, sweepAt);
    }

    public Ledger withForceExitAt(Long at) {
        return new Ledger(cash, realizedPnl, at, sweepAt);
    }

    public Ledger withSweepAt(Long at) {
        return new Ledger(cash, realizedPnl, forceExitAt, at);
    }
}
