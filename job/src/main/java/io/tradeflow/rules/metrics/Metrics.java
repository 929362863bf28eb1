package io.tradeflow.rules.metrics;

/**
 * Holds the performance metrics of one equity curve and its closed trades (R-MET-1, R-BT-1).
 * Ratios are fractions (0.05 = 5 %). A metric that is undefined for the input is {@link
 * Double#NaN} (e.g. Sharpe of a flat curve, win rate without trades); profit factor without losses
 * is {@link Double#POSITIVE_INFINITY}.
 *
 * @param startValue the curve's first value
 * @param endValue the curve's last value
 * @param totalReturn endValue / startValue − 1
 * @param cagr (1 + totalReturn) ^ (365.25 days / span) − 1, NaN when the span is zero
 * @param sharpe mean / sample standard deviation of the daily returns × √252
 * @param sortino mean / downside deviation of the daily returns × √252, the downside deviation
 *     being √(Σ min(r, 0)² / n)
 * @param volatility sample standard deviation of the daily returns × √252
 * @param maxDrawdown the largest fall from a running peak, as a fraction of that peak, in [0, 1]
 *     while the value stays positive
 * @param currentDrawdown the fall of the last value from the peak before it
 * @param tradeCount closed trades
 * @param wins trades with P&amp;L &gt; 0
 * @param losses trades with P&amp;L &lt; 0 (a breakeven trade is neither)
 * @param winRate wins / tradeCount
 * @param averageWin mean P&amp;L of the winning trades
 * @param averageLoss mean P&amp;L of the losing trades (negative)
 * @param profitFactor gross profit / gross loss
 * @param realizedPnl Σ P&amp;L of the closed trades
 * @param exposure share of regular-session market time with at least one open position
 * @param tradingDays daily returns the ratios are computed from
 */
public record Metrics(
        double startValue,
        double endValue,
        double totalReturn,
        double cagr,
        double sharpe,
        double sortino,
        double volatility,
        double maxDrawdown,
        double currentDrawdown,
        int tradeCount,
        int wins,
        int losses,
        double winRate,
        double averageWin,
        double averageLoss,
        double profitFactor,
        double realizedPnl,
        double exposure,
        int tradingDays) {}
