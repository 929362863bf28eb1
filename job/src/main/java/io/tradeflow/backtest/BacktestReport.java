package io.tradeflow.backtest;

import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.io.MetricsJson;
import io.tradeflow.job.CsvBytes;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.metrics.EquityPoint;
import io.tradeflow.rules.metrics.PerformanceMetrics;
import io.tradeflow.rules.metrics.TradeRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a backtest's report files (R-BT-1) next to its result files: {@code trades.csv} (the
 * closed positions), {@code equity.csv} (each account's portfolio at its snapshots, every 5
 * minutes of the session and at each close), {@code metrics.json} (R-MET-1 per account, from
 * those trades and that curve, by the class every backtest and {@code tradeflow metrics} use)
 * and {@link HtmlReport report.html} from the same.
 * The curve comes from the engine's snapshots, so a run of any length reports in little memory.
 */
public final class BacktestReport {
    public static final String TRADES = "trades.csv";
    public static final String EQUITY = "equity.csv";
    public static final String METRICS = "metrics.json";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BacktestReport() {}

    /** Writes the four files into {@code dir}. */
    public static void write(Path dir, BacktestResult r) throws IOException {
        Files.createDirectories(dir);
        List<TradeRecord> trades = r.tradeRecords();
        try (CsvBytes w = CsvBytes.create(dir.resolve(TRADES))) {
            w.row("account", "position_id", "ticker", "side", "quantity", "entry_ts",
                    "entry_price", "exit_ts", "exit_price", "realized_pnl", "return_pct",
                    "reason", "instrument", "modelled");
            for (TradeRecord t : trades) {
                w.row(t.account(), t.positionId(), t.ticker(), t.side(),
                        t.quantity(), MarketTime.iso(t.entryTs()), t.entryPrice(),
                        MarketTime.iso(t.exitTs()), t.exitPrice(),
                        t.realizedPnl().toPlainString(), t.returnPct(), t.reason(),
                        t.instrument(), t.modelled());
            }
        }
        Map<String, List<EquityPoint>> curves = curves(r);
        try (CsvBytes w = CsvBytes.create(dir.resolve(EQUITY))) {
            w.row("account", "ts", "portfolio_value", "cash", "open_positions");
            for (Map.Entry<String, List<EquityPoint>> e : curves.entrySet()) {
                for (EquityPoint p : e.getValue()) {
                    w.row(e.getKey(), MarketTime.iso(p.ts()), p.value(), p.cash(),
                            p.openPositions());
                }
            }
        }
        ObjectNode metrics = metrics(r, curves);
        Files.writeString(dir.resolve(METRICS), JSON.writeValueAsString(metrics) + "\n");
        HtmlReport.write(dir, r, curves, metrics);
    }

    /** Returns the run's metrics.json: its run id, then R-MET-1 per account. */
    public static ObjectNode metrics(BacktestResult r) {
        return metrics(r, curves(r));
    }

    private static ObjectNode metrics(BacktestResult r, Map<String, List<EquityPoint>> curves) {
        List<TradeRecord> trades = r.tradeRecords();
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put("run_id", r.runId());
        ObjectNode accounts = metrics.putObject("accounts");
        PerformanceMetrics pm = PerformanceMetrics.nyse();
        curves.forEach((account, curve) -> accounts.set(account, MetricsJson.all(pm.compute(
                trades.stream().filter(t -> t.account().equals(account)).toList(), curve))));
        return metrics;
    }

    /**
     * Returns each account's curve, in configuration order: its starting cash just before its
     * first snapshot, then every snapshot.
     */
    static Map<String, List<EquityPoint>> curves(BacktestResult r) {
        Map<String, List<EquityPoint>> curves = new LinkedHashMap<>();
        for (AccountConfig a : r.config().engine().accounts()) {
            curves.put(a.id(), new ArrayList<>());
        }
        for (PortfolioSnapshot s : r.collected().snapshots()) {
            List<EquityPoint> curve = curves.get(s.account());
            if (curve.isEmpty()) {
                double cash = r.config().engine().accounts().stream()
                        .filter(a -> a.id().equals(s.account())).findFirst().orElseThrow()
                        .cash().doubleValue();
                curve.add(new EquityPoint(s.ts() - 1, cash, cash, 0));
            }
            curve.add(new EquityPoint(s.ts(), s.portfolioValue(), s.cash().doubleValue(),
                    s.openPositions()));
        }
        return curves;
    }
}
