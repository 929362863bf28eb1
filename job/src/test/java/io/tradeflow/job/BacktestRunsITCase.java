package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestResult;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R-BT-1: a backtest with a database is recorded in backtest_runs (running, then done with what it
 * read and its metrics, or failed with the error) and its trades in backtest_trades.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BacktestRunsITCase {

    @Test
    @DisplayName("R-BT-1: a finished backtest's row (done, data range, bars, metrics) and trades; "
            + "a rerun replaces them")
    void doneWithItsTrades() throws Exception {
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 4, 7), 3, Set.of());
        Path dir = Files.createDirectories(Path.of("target", "backtest-runs"));
        MarketGenerator.generate(new MarketGenerator.Spec(23, List.of("SPY", "QQQ"),
                List.of(520.0, 450.0), days, 0, 0.0, List.of(), LiveJobITCase.SECRET))
                .writeBarsCsv(dir.resolve("bars.csv"));
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("backtest_runs");

        BacktestResult r = null;
        for (int i = 0; i < 2; i++) { // the same run id twice: one row, the trades once
            r = Backtest.builder().bars(dir.resolve("bars.csv"), "csv").postgres(pg)
                    .runId("bt-runs").from(days.get(1)).run();
        }
        List<Map<String, Object>> runs = EmbeddedPostgresExtension.query(pg,
                "SELECT * FROM backtest_runs WHERE run_id = 'bt-runs'");
        assertThat(runs).hasSize(1);
        Map<String, Object> run = runs.get(0);
        assertThat(run.get("status")).isEqualTo("done");
        assertThat(run.get("runtime_mode")).isEqualTo("BATCH");
        assertThat(run.get("range_from").toString()).isEqualTo(days.get(1).toString());
        assertThat(run.get("range_to")).isNull();
        assertThat(run.get("first_date").toString()).isEqualTo(days.get(1).toString());
        assertThat(run.get("last_date").toString()).isEqualTo(days.get(2).toString());
        assertThat(((Number) run.get("bars")).longValue()).isEqualTo(2 * 2 * 390);
        assertThat(((Number) run.get("decisions")).longValue())
                .isEqualTo(r.collected().decisions().size());
        assertThat(run.get("finished_at")).isNotNull();
        assertThat(r.tradeRecords()).as("the account trades").isNotEmpty();
        JsonNode metrics = new ObjectMapper().readTree(run.get("metrics").toString());
        assertThat(metrics.path("accounts").path("default").path("trade_count").asInt())
                .isEqualTo(r.tradeRecords().size());
        List<Map<String, Object>> trades = EmbeddedPostgresExtension.query(pg,
                "SELECT * FROM backtest_trades WHERE run_id = 'bt-runs' ORDER BY exit_ts, id");
        assertThat(trades).hasSize(r.tradeRecords().size());
        assertThat(trades).extracting(t -> t.get("id")).containsExactlyInAnyOrderElementsOf(
                r.tradeRecords().stream().map(t -> (Object) t.positionId()).toList());
    }

    @Test
    @DisplayName("R-BT-1: a backtest whose job fails is recorded failed, with the error")
    void failedWithItsError() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "backtest-runs"));
        Path broken = Files.write(dir.resolve("broken.csv.gz"), new byte[] {1, 2, 3, 4, 5});
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("backtest_runs_failed");
        TradeflowConfig cfg = ConfigLoader.defaultBacktest(List.of("SPY"));

        assertThatThrownBy(() -> Backtest.builder().bars(broken, "csv").accounts(cfg)
                .postgres(pg).runId("bt-broken").run()).isInstanceOf(Exception.class);

        Map<String, Object> run = EmbeddedPostgresExtension.query(pg,
                "SELECT * FROM backtest_runs WHERE run_id = 'bt-broken'").get(0);
        assertThat(run.get("status")).isEqualTo("failed");
        assertThat(run.get("error").toString()).isNotBlank();
        assertThat(run.get("finished_at")).isNotNull();
    }
}
