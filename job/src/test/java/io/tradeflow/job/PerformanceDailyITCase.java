package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.rules.metrics.EquityPoint;
import io.tradeflow.rules.metrics.PerformanceMetrics;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The performance_daily view (R-MET-1) measures a run's close snapshots in PostgreSQL as
 * PerformanceMetrics measures them in Java: the same Sharpe over close-to-close returns, the same
 * trade counts, the snapshots' drawdowns.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PerformanceDailyITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    @Test
    @DisplayName("R-MET-1: performance_daily equals PerformanceMetrics on the close snapshots")
    void viewMeasuresAsTheJavaCode() throws Exception {
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 3, 3), 6, Set.of());
        MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(17,
                List.of("SPY", "QQQ"), List.of(560.0, 480.0), days, 30, 0.0, List.of(),
                LiveJobITCase.SECRET));
        Path dir = Files.createDirectories(Path.of("target", "performance-daily"));
        g.writeBarsCsv(dir.resolve("bars.csv"));
        TradeflowConfig cfg = ConfigLoader.parse(ConfigLoader.toJson(
                ConfigLoader.defaultBacktest(List.of("QQQ", "SPY"))), List.of());
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("performance_daily");
        Collected c = Runs.run(cfg, Runs.Inputs.files(new Pipeline.Files(
                        List.of(dir.resolve("bars.csv")), BarParser.Format.CSV, null, List.of(),
                        List.of(), List.of()), cfg), RuntimeExecutionMode.BATCH,
                new Configuration(), pg, "perf-daily", "backtest", null);

        List<PortfolioSnapshot> closes = c.snapshots().stream().filter(PortfolioSnapshot::close)
                .toList();
        assertThat(closes).hasSize(days.size());
        List<Map<String, Object>> rows = EmbeddedPostgresExtension.query(pg,
                "SELECT * FROM performance_daily WHERE run_id = 'perf-daily' ORDER BY day");
        assertThat(rows).hasSize(days.size());

        List<EquityPoint> curve = closes.stream()
                .map(s -> new EquityPoint(s.ts(), s.portfolioValue())).toList();
        double[] returns = PerformanceMetrics.closeToCloseReturns(curve);
        double sharpe = PerformanceMetrics.sharpe(returns);
        assertThat(sharpe).as("the data move the account").isNotNaN();
        Map<String, Object> last = rows.get(rows.size() - 1);
        assertThat(((Number) last.get("sharpe_30d")).doubleValue()).isEqualTo(sharpe,
                within(1e-9));
        assertThat(((Number) last.get("returns_30d")).intValue()).isEqualTo(returns.length);
        assertThat(rows.get(0).get("daily_return")).isNull();
        assertThat(((Number) rows.get(1).get("daily_return")).doubleValue())
                .isEqualTo(returns[0], within(1e-12));

        List<PositionEvent> closed = c.positions().stream()
                .filter(p -> PositionEvent.CLOSED.equals(p.status())).toList();
        assertThat(closed).as("the account trades").isNotEmpty();
        assertThat(((Number) last.get("trades")).intValue()).isEqualTo(closed.size());
        assertThat(((Number) last.get("wins")).intValue()).isEqualTo((int) closed.stream()
                .filter(p -> p.realizedPnl().signum() > 0).count());
        assertThat(((Number) last.get("losses")).intValue()).isEqualTo((int) closed.stream()
                .filter(p -> p.realizedPnl().signum() < 0).count());
        PortfolioSnapshot lastClose = closes.get(closes.size() - 1);
        assertThat(((Number) last.get("max_drawdown")).doubleValue())
                .isEqualTo(lastClose.maxDrawdown());
        assertThat((BigDecimal) last.get("realized_pnl")).isEqualByComparingTo(
                lastClose.realizedPnl());
    }
}
