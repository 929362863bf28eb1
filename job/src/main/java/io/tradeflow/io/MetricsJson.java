package io.tradeflow.io;

import io.tradeflow.rules.metrics.Metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes R-MET-1 metrics as JSON, the same for {@code tradeflow metrics} and a backtest's {@code
 * metrics.json}: snake_case names, an undefined ratio (NaN) as null, an infinite one (a profit
 * factor or Sortino without a loss) as the text {@code "Infinity"}.
 */
public final class MetricsJson {
    private MetricsJson() {}

    /** Returns the curve's metrics: returns, ratios and drawdowns. */
    public static ObjectNode curve(Metrics m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        put(o, "start_value", m.startValue());
        put(o, "end_value", m.endValue());
        put(o, "total_return", m.totalReturn());
        put(o, "cagr", m.cagr());
        put(o, "sharpe", m.sharpe());
        put(o, "sortino", m.sortino());
        put(o, "volatility", m.volatility());
        put(o, "max_drawdown", m.maxDrawdown());
        put(o, "current_drawdown", m.currentDrawdown());
        return o;
    }

    /** Returns every metric: the curve's, then the trades' and the exposure. */
    public static ObjectNode all(Metrics m) {
        ObjectNode o = curve(m);
        o.put("trade_count", m.tradeCount());
        o.put("wins", m.wins());
        o.put("losses", m.losses());
        put(o, "win_rate", m.winRate());
        put(o, "average_win", m.averageWin());
        put(o, "average_loss", m.averageLoss());
        put(o, "profit_factor", m.profitFactor());
        put(o, "realized_pnl", m.realizedPnl());
        put(o, "exposure", m.exposure());
        o.put("trading_days", m.tradingDays());
        return o;
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else if (Double.isInfinite(v)) {
            o.put(key, v > 0 ? "Infinity" : "-Infinity");
        } else {
            o.put(key, v);
        }
    }
}
