package io.tradeflow.cli;

import io.tradeflow.io.EquityFiles;
import io.tradeflow.io.MetricsJson;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.metrics.EquityPoint;
import io.tradeflow.rules.metrics.Metrics;
import io.tradeflow.rules.metrics.PerformanceMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Prints the R-MET-1 metrics of a daily equity curve as JSON, computed by the class backtests
 * use ({@link PerformanceMetrics}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Print the performance metrics (R-MET-1) of a daily equity curve as JSON: "
                + "total return, CAGR, Sharpe, Sortino, volatility, max and current drawdown "
                + "(positive fractions). Undefined ratios are null.")
final class MetricsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--equity", required = true, paramLabel = "FILE",
            description = "CSV with the header date,equity: one row per day, dates YYYY-MM-DD "
                    + "ascending.")
    Path equity;

    @Override
    public Integer call() throws Exception {
        Options.requireFile(equity, "--equity");
        List<EquityPoint> closes = EquityFiles.read(equity);
        System.out.println(JSON.writeValueAsString(json(closes,
                PerformanceMetrics.nyse().computeDaily(closes))));
        return 0;
    }

    static ObjectNode json(List<EquityPoint> closes, Metrics m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("start_date", MarketTime.date(closes.get(0).ts()).toString());
        o.put("end_date", MarketTime.date(closes.get(closes.size() - 1).ts()).toString());
        o.setAll(MetricsJson.curve(m));
        o.put("daily_returns", m.tradingDays());
        return o;
    }
}
