package io.tradeflow.backtest;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.io.BarFiles;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.job.Collected;
import io.tradeflow.job.Pipeline;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.metrics.EquityPoint;
import io.tradeflow.rules.metrics.Metrics;
import io.tradeflow.rules.metrics.PerformanceMetrics;
import io.tradeflow.rules.metrics.TradeRecord;
import io.tradeflow.rules.orders.OrderIds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Holds one finished backtest: its outputs as Tablesaw tables for notebooks, and as records.
 *
 * <p>Trades are the closed positions with their realized P&amp;L. The equity curve is cash plus
 * open positions marked at the latest bar close, per account (see {@link
 * PerformanceMetrics#equityCurve}): the marks are the bar files' closes, read here again with the
 * job's own bar parser (the job itself outputs no prices). Trades, curve and metrics are computed
 * on first use, so a caller that only wants decisions does not pay for them.
 *
 * <p>Times are given twice: {@code ts} as New York market time ({@code LocalDateTime}) for
 * reading and plotting, {@code ts_ms} as epoch milliseconds (exact, also across the autumn DST
 * hour). An undefined metric is a missing value (Tablesaw's {@code NaN}); a profit factor without
 * losses is {@code Infinity}.
 */
public final class BacktestResult {
    private final String runId;
    private final Backtest.Mode mode;
    private final TradeflowConfig config;
    private final Pipeline.Files files;
    private final Collected collected;
    private final Duration elapsed;
    private List<TradeRecord> trades;
    private Map<String, List<EquityPoint>> curves;
    private Map<String, Metrics> metrics;

    BacktestResult(String runId, Backtest.Mode mode, TradeflowConfig config, Pipeline.Files files,
            Collected collected, Duration elapsed) {
        this.runId = runId;
        this.mode = mode;
        this.config = config;
        this.files = files;
        this.collected = collected;
        this.elapsed = elapsed;
    }

    public String runId() {
        return runId;
    }

    public Backtest.Mode runtimeMode() {
        return mode;
    }

    /** Returns the configuration the run used, overrides applied. */
    public TradeflowConfig config() {
        return config;
    }

    /** Returns the wall time from {@code run()} to its result, MiniCluster start included. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Returns the raw outputs: decisions, orders (final state), fills, positions, dead letters. */
    public Collected collected() {
        return collected;
    }

    /** Returns one row per decision, the columns of {@code decisions.csv} plus {@code ts_ms}. */
    public Table decisions() {
        return BacktestTables.decisions(runId, collected.decisions());
    }

    /** Returns one row per order in its final state, the columns of {@code orders.csv}. */
    public Table orders() {
        return BacktestTables.orders(runId, collected.orders());
    }

    /** Returns one row per fill, the columns of {@code fills.csv}. */
    public Table fills() {
        return BacktestTables.fills(runId, collected.fills());
    }

    /** Returns one row per position in its final state, the columns of {@code positions.csv}. */
    public Table positions() {
        return BacktestTables.positions(runId, collected.positions());
    }

    /** Returns one row per dead letter (bad or late input), the columns of the CSV file. */
    public Table deadLetters() {
        return BacktestTables.deadLetters(runId, collected.deadLetters());
    }

    /** Returns one row per closed trade, by exit time. */
    public Table trades() {
        return BacktestTables.trades(tradeRecords(), microPositions());
    }

    /** Returns each account's micro trades apart from its standard trades (R-MICRO-1). */
    public Table microMetrics() {
        return BacktestTables.microMetrics(runId, config.engine().accounts().stream()
                .map(AccountConfig::id).toList(), tradeRecords(), microPositions());
    }

    /** Returns the ids of the positions opened as micro trades (their decision's trace says so). */
    public Set<String> microPositions() {
        Set<String> ids = new HashSet<>();
        List<Decision> decisions = collected.decisions();
        List<Decision> bare = collected.decisionsWithoutTraces();
        for (int i = 0; i < bare.size(); i++) {
            Decision d = bare.get(i);
            if (!"act".equals(d.decision()) || d.recommendationId() == null) {
                continue;
            }
            String trace = decisions.get(i).trace(); // acts only: made again
            if (trace != null && trace.contains("\"micro\":true")) {
                ids.add(OrderIds.entryOrderId(d.id()));
            }
        }
        return ids;
    }

    /** Returns every account's equity curve, one row per point, with the running drawdown. */
    public Table equityCurve() {
        return BacktestTables.equityCurve(equityPoints());
    }

    /** Returns one row of R-MET-1 metrics per account. */
    public Table metrics() {
        return BacktestTables.metrics(runId, accountMetrics());
    }

    /** Returns the closed trades as records, by exit time. */
    public synchronized List<TradeRecord> tradeRecords() {
        if (trades == null) {
            Map<String, String> positionOf = new HashMap<>();
            collected.orders().forEach(o -> positionOf.put(o.clientOrderId(), o.positionId()));
            Map<String, Long> entered = new HashMap<>();
            for (Fill f : collected.fills()) {
                String position = positionOf.get(f.clientOrderId());
                if (position != null && OrderIds.isEntry(f.clientOrderId())) {
                    entered.merge(position, f.quantity(), Long::sum);
                }
            }
            trades = PerformanceMetrics.trades(collected.positions(), entered);
        }
        return trades;
    }

    /**
     * Returns each account's equity curve, in configuration order: from its fills and the bars'
     * closes, or, for an account trading options, whose contracts no bar prices, from the
     * engine's snapshots (contracts at their quote or model mid, R-OPT-4).
     */
    public synchronized Map<String, List<EquityPoint>> equityPoints() {
        if (curves == null) {
            List<Bar> marks = marks();
            Map<String, List<EquityPoint>> m = new LinkedHashMap<>();
            Map<String, List<EquityPoint>> snapshots = null;
            for (AccountConfig a : config.engine().accounts()) {
                if (a.tradesOptions()) {
                    snapshots = snapshots != null ? snapshots : BacktestReport.curves(this);
                    m.put(a.id(), snapshots.get(a.id()));
                    continue;
                }
                Set<String> universe = new HashSet<>(a.universe());
                List<Fill> fills = collected.fills().stream()
                        .filter(f -> f.account().equals(a.id())).toList();
                List<Bar> own = marks.stream().filter(b -> universe.contains(b.ticker())).toList();
                m.put(a.id(), PerformanceMetrics.equityCurve(a.cash().doubleValue(), fills, own));
            }
            curves = m;
        }
        return curves;
    }

    /** Returns each account's metrics, in configuration order. */
    public synchronized Map<String, Metrics> accountMetrics() {
        if (metrics == null) {
            PerformanceMetrics pm = PerformanceMetrics.nyse();
            Map<String, Metrics> m = new LinkedHashMap<>();
            equityPoints().forEach((account, curve) -> m.put(account, pm.compute(
                    tradeRecords().stream().filter(t -> t.account().equals(account)).toList(),
                    curve)));
            metrics = m;
        }
        return metrics;
    }

    /** Reads the bar files' valid bars (the first of a ticker and time wins, as in the job). */
    private List<Bar> marks() {
        Set<String> tickers = new HashSet<>();
        config.engine().accounts().forEach(a -> tickers.addAll(a.universe()));
        ParseContext ctx = new ParseContext(null, tickers, (byte[]) null,
                config.input().maxFutureSkew().toMillis());
        List<Bar> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path p : files.bars()) {
            BarParser parser = files.barsTicker() == null
                    ? new BarParser(ctx, files.barsFormat())
                    : new BarParser(ctx, files.barsFormat(), files.barsTicker());
            try (BufferedReader r = BarFiles.reader(p)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    Parsed<Bar> b = parser.parse(RawRecord.ofLine(p.toString(), ++n, line));
                    if (b.isOk() && config.input().inRange(b.value().ts())
                            && seen.add(b.value().ticker() + "@" + b.value().ts())) {
                        out.add(b.value());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BacktestResult[" + runId + ", " + mode + ", " + collected.decisions().size()
                + " decisions, " + collected.orders().size() + " orders, "
                + collected.fills().size() + " fills, " + elapsed.toMillis() + " ms]";
    }
}
