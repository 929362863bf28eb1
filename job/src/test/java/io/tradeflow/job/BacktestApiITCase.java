package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestResult;
import io.tradeflow.backtest.BacktestTables;
import io.tradeflow.cli.Main;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The notebook API runs the command's job graph: the same decisions as {@code tradeflow backtest},
 * in BATCH and STREAMING; sweeps run one backtest per combination; metrics are defined without
 * trades (R-BT-1, R-MET-1).
 */
@DisplayName("R-BT-1 backtest API")
class BacktestApiITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "backtest-api");
    static final String SECRET = "test-webhook-secret-of-at-least-32-bytes";
    static Path bars;
    static Path recs;

    @BeforeAll
    static void writeInputs() throws Exception {
        Files.createDirectories(DIR);
        MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(5,
                List.of("SPY", "QQQ"), List.of(500.0, 440.0),
                MarketGenerator.tradingDays(LocalDate.of(2025, 2, 3), 2, Set.of()), 15, 0.1,
                List.of(), SECRET.getBytes(StandardCharsets.UTF_8)));
        bars = DIR.resolve("bars.csv");
        recs = DIR.resolve("recs.jsonl");
        g.writeBarsCsv(bars);
        g.writeRecommendations(recs);
    }

    static Backtest.Builder base() {
        return Backtest.builder().bars(bars, "csv").recommendations(recs).webhookSecret(SECRET);
    }

    @Test
    void decisionsTableEqualsTheCommandsDecisionsCsvAndProgressIsReported() throws Exception {
        Path out = DIR.resolve("cli");
        assertThat(Main.execute("backtest", "--bars", bars.toString(), "--recommendations",
                recs.toString(), "--out", out.toString(), "--run-id", "same")).isZero();
        List<Backtest.Progress> reports = new ArrayList<>();

        BacktestResult r = base().runId("same").progress(reports::add)
                .progressInterval(Duration.ZERO).run();

        List<String> csv = Files.readAllLines(out.resolve("decisions.csv"));
        Table d = r.decisions();
        assertThat(d.rowCount()).isPositive().isEqualTo(csv.size() - 1);
        assertThat(csvLines(d)).isEqualTo(csv.subList(1, csv.size()));
        assertThat(r.runId()).isEqualTo("same");
        assertThat(r.elapsed()).isPositive();
        assertThat(r.orders().rowCount()).isEqualTo(
                Files.readAllLines(out.resolve("orders.csv")).size() - 1);
        assertThat(r.fills().rowCount()).isPositive().isEqualTo(
                Files.readAllLines(out.resolve("fills.csv")).size() - 1);

        assertThat(reports).isNotEmpty();
        Backtest.Progress last = reports.get(reports.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(reports.subList(0, reports.size() - 1)).noneMatch(Backtest.Progress::done);
        assertThat(last.decisions()).isEqualTo(d.rowCount());
        assertThat(last.fills()).isEqualTo(r.fills().rowCount());
        assertThat(last.runId()).isEqualTo("same");
        assertThat(last.marketTime()).isNotNull();
        assertThat(reports).extracting(Backtest.Progress::decisions).isSorted();

        // every intraday position is closed by 15:00: the curve ends at start + realized P&L
        Table trades = r.trades();
        assertThat(trades.rowCount()).isPositive();
        // a trade's size is what its entries filled, tranches included
        assertThat(trades.longColumn("quantity").asList()).allMatch(q -> q > 0);
        BigDecimal realized = r.collected().realizedPnl().get("default");
        Table curve = r.equityCurve();
        assertThat(curve.columnNames()).containsExactly("account", "ts", "ts_ms", "equity",
                "cash", "open_positions", "drawdown");
        double end = curve.doubleColumn("equity").get(curve.rowCount() - 1);
        assertThat(end - 100_000).isCloseTo(realized.doubleValue(), within(0.05));
        assertThat(trades.doubleColumn("realized_pnl").sum())
                .isCloseTo(realized.doubleValue(), within(1e-6));
        Table m = r.metrics();
        assertThat(m.rowCount()).isEqualTo(1);
        assertThat(m.columnNames()).containsExactlyElementsOf(metricTableColumns());
        assertThat(m.intColumn("trade_count").get(0)).isEqualTo(trades.rowCount());
        assertThat(m.intColumn("trading_days").get(0)).isEqualTo(2);
        assertThat(m.doubleColumn("max_drawdown").get(0)).isBetween(0.0, 1.0);
        assertThat(m.doubleColumn("exposure").get(0)).isBetween(0.0, 1.0);
        assertThat(m.doubleColumn("total_return").get(0))
                .isCloseTo(end / 100_000 - 1, within(1e-12));
    }

    @Test
    @DisplayName("R-MICRO-1: micro trades are tagged and their metrics kept apart")
    void microTradesAreKeptApart() throws Exception {
        BacktestResult r = Backtest.builder().bars(bars, "csv")
                .set("accounts.0.rules.micro-enabled", true).runId("micro").run();
        Table trades = r.trades();
        assertThat(trades.rowCount()).isPositive();
        // the default account trades the ticker stage's intraday signals: all micro trades
        assertThat(trades.booleanColumn("micro").asList()).containsOnly(true);
        Table m = r.microMetrics();
        assertThat(m.rowCount()).isEqualTo(1);
        assertThat(m.intColumn("micro_trades").get(0)).isEqualTo(trades.rowCount());
        assertThat(m.intColumn("standard_trades").get(0)).isZero();
        assertThat(m.doubleColumn("micro_realized_pnl").get(0))
                .isCloseTo(trades.doubleColumn("realized_pnl").sum(), within(1e-6));
        // 3 % of the pool at most (R-MICRO-1): no entry above 3 000 at 100 000
        Table orders = r.orders();
        for (int i = 0; i < orders.rowCount(); i++) {
            if (orders.stringColumn("client_order_id").get(i).startsWith("e-")) {
                assertThat(orders.longColumn("quantity").get(i)
                        * orders.doubleColumn("limit_price").get(i)).isLessThanOrEqualTo(3_000.0);
            }
        }
    }

    @Test
    void batchAndStreamingGiveEqualDecisionTables() throws Exception {
        Table batch = base().runId("modes").runtimeMode(Backtest.Mode.BATCH).run().decisions();
        Table streaming = base().runId("modes").runtimeMode(Backtest.Mode.STREAMING).run()
                .decisions();

        assertThat(batch.rowCount()).isPositive();
        assertThat(csvLines(streaming)).isEqualTo(csvLines(batch));
    }

    @Test
    void aBacktestAfterTheClusterWasClosedStartsItAgain() throws Exception {
        Table before = base().runId("closed").run().decisions();
        // what the command line does once its backtest has ended, before writing the results
        Backtest.closeCluster();
        Table after = base().runId("closed").run().decisions();

        assertThat(after.rowCount()).isPositive();
        assertThat(csvLines(after)).isEqualTo(csvLines(before));
    }

    @Test
    void aSweepRunsEveryCombinationOnce() throws Exception {
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("accounts.0.cash", List.of(50_000, 100_000));
        grid.put("tiers.moderate.min-confidence", List.of(0.6, 0.7));

        Table sweep = Backtest.sweep(base().runId("sweep"), grid);

        assertThat(sweep.rowCount()).isEqualTo(4);
        Set<List<Double>> params = new HashSet<>();
        for (Row row : sweep) {
            params.add(List.of(row.getDouble("accounts.0.cash"),
                    row.getDouble("tiers.moderate.min-confidence")));
        }
        assertThat(params).containsExactlyInAnyOrder(List.of(50_000.0, 0.6),
                List.of(50_000.0, 0.7), List.of(100_000.0, 0.6), List.of(100_000.0, 0.7));
        assertThat(sweep.stringColumn("run_id").asList()).containsExactly("sweep-0", "sweep-1",
                "sweep-2", "sweep-3");
        assertThat(sweep.doubleColumn("start_value").asList())
                .containsExactly(50_000.0, 50_000.0, 100_000.0, 100_000.0);
        assertThat(sweep.columnNames()).containsSequence(metricTableColumns().subList(1, 20));
    }

    @Test
    @DisplayName("a bar file with garbage tickers still backtests the default account: those rows"
            + " are dead letters, the universe holds the valid tickers")
    void garbageTickersAreDeadLetters() throws Exception {
        Path dirty = DIR.resolve("dirty-bars.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(bars));
        String row = lines.get(1);
        lines.add(2, "sp y!" + row.substring(row.indexOf(',')));
        lines.add(3, "" + row.substring(row.indexOf(',')));
        Files.write(dirty, lines);

        BacktestResult r = Backtest.builder().bars(dirty, "csv").recommendations(recs)
                .webhookSecret(SECRET).runId("dirty").run();

        Table dead = r.deadLetters();
        assertThat(dead.stringColumn("reason").asList())
                .containsExactlyInAnyOrder("unknown_ticker", "missing_field");
        assertThat(r.decisions().stringColumn("ticker").unique().asList())
                .containsExactlyInAnyOrder("SPY", "QQQ");
    }

    @Test
    void aRunWithoutTradesHasWellDefinedMetrics() throws Exception {
        BacktestResult r = Backtest.builder().bars(bars, "csv").set("signals.types", "[]")
                .runId("quiet").run();

        assertThat(r.decisions().rowCount()).isZero();
        assertThat(r.trades().rowCount()).isZero();
        Table curve = r.equityCurve();
        assertThat(curve.doubleColumn("equity").asList()).containsOnly(100_000.0);
        Table m = r.metrics();
        assertThat(m.intColumn("trade_count").get(0)).isZero();
        assertThat(m.doubleColumn("total_return").get(0)).isZero();
        assertThat(m.doubleColumn("max_drawdown").get(0)).isZero();
        assertThat(m.doubleColumn("current_drawdown").get(0)).isZero();
        assertThat(m.doubleColumn("exposure").get(0)).isZero();
        assertThat(m.doubleColumn("realized_pnl").get(0)).isZero();
        assertThat(m.intColumn("trading_days").get(0)).isEqualTo(2);
        // undefined, not a made-up number: a flat curve has no Sharpe, no trade no win rate
        assertThat(m.doubleColumn("sharpe").isMissing(0)).isTrue();
        assertThat(m.doubleColumn("profit_factor").isMissing(0)).isTrue();
        assertThat(m.doubleColumn("win_rate").isMissing(0)).isTrue();
        assertThat(r.accountMetrics().get("default").sharpe()).isNaN();
    }

    static List<String> metricTableColumns() {
        List<String> c = new ArrayList<>(List.of("run_id", "account"));
        c.addAll(BacktestTables.METRIC_COLUMNS);
        return c;
    }

    /** Writes a decisions table's rows as {@code decisions.csv} writes them. */
    static List<String> csvLines(Table d) {
        List<String> lines = new ArrayList<>();
        for (Row row : d) {
            Object[] cells = {row.getString("id"), row.getString("run_id"),
                    row.getString("account"), row.getString("recommendation_id"),
                    row.getString("ticker"), MarketTime.iso(row.getLong("ts_ms")),
                    row.getString("action"), row.getString("decision"), row.getString("reason"),
                    row.getLong("quantity"), dbl(row, "limit_price"), dbl(row, "stop_price"),
                    dbl(row, "target_price"), row.getString("tier"), row.getString("trace"),
                    row.isMissing("instrument") ? null : row.getString("instrument")};
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                b.append(i == 0 ? "" : ",").append(ResultFiles.cell(cells[i]));
            }
            lines.add(b.toString());
        }
        return lines;
    }

    private static Double dbl(Row row, String column) {
        return row.isMissing(column) ? null : row.getDouble(column);
    }
}
