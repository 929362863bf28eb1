package io.tradeflow.event;

import java.math.BigDecimal;

/**
 * Records an account's portfolio at one market time (R-MET-1): every 5 minutes of the regular
 * session and at each close, from the account book, the same in every mode.
 *
 * @param id deterministic: the account and the snapshot's time
 * @param ts the snapshot's time: inputs up to and including it are in it
 * @param close whether this is the session's closing snapshot
 * @param positionsValue open positions at their last marks, shorts negative
 * @param unrealizedPnl open positions' gain at their last marks over their entry prices
 * @param dailyPnl portfolio value minus the value the market date started with
 * @param heat what stopping out every open position would lose, over the portfolio value
 *     (R-SIZE-6)
 * @param drawdown below the high-water mark, a fraction (0.05 = 5 %)
 * @param maxDrawdown the largest {@code drawdown} of the snapshots so far
 */
public record PortfolioSnapshot(
        String id,
        String account,
        long ts,
        boolean close,
        double portfolioValue,
        BigDecimal cash,
        double activePool,
        BigDecimal reserve,
        double positionsValue,
        double unrealizedPnl,
        BigDecimal realizedPnl,
        double dailyPnl,
        double heat,
        double drawdown,
        double maxDrawdown,
        String tier,
        int openBreakers,
        int openPositions) {}
