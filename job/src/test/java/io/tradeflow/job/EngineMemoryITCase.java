package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.sample.MarketGenerator;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * In BATCH the account engine holds at most the current timestamp's events and what the runs of
 * ticks received so far reach into (a run is at most {@link TickRuns#MAX_RUN} of one ticker's ticks
 * of one day), never a key's history: the most events it buffers at once for one account is the
 * same for 5 and for 100 trading days.
 */
class EngineMemoryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    @Test
    @DisplayName("BATCH buffers at most a run of ticks per ticker and account, whatever the "
            + "history length")
    void bufferStaysFlat() throws Exception {
        Collected shortRun = run(5);
        Collected longRun = run(100);
        assertThat(longRun.barsHandled()).isEqualTo(100 * 390);
        assertThat(longRun.decisions()).hasSizeGreaterThan(1500);
        // one ticker: a run of ticks and, at one timestamp, the recommendations sent at it and
        // the signals its bar fired
        assertThat(longRun.maxBufferedEvents()).isBetween((long) TickRuns.MAX_RUN,
                TickRuns.MAX_RUN + 8L);
        assertThat(longRun.maxBufferedEvents()).isLessThanOrEqualTo(
                shortRun.maxBufferedEvents() + 2);
        System.out.printf("max events buffered for one account: %d over %d bars (5 days: %d); "
                        + "%d decisions in %d ms%n", longRun.maxBufferedEvents(),
                longRun.barsHandled(), shortRun.maxBufferedEvents(), longRun.decisions().size(),
                longRun.wallMillis());
    }

    static Collected run(int days) throws Exception {
        List<LocalDate> dates = MarketGenerator.tradingDays(LocalDate.of(2024, 1, 2), days,
                Set.of());
        MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(3,
                List.of("SPY"), List.of(470.0), dates, 20, 0.1, List.of(),
                "test-webhook-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8)));
        Path dir = Files.createDirectories(Path.of("target", "memory-" + days));
        g.writeBarsCsv(dir.resolve("bars.csv"));
        g.writeRecommendations(dir.resolve("recs.jsonl"));
        TradeflowConfig cfg = ConfigLoader.parse(ConfigLoader.toJson(
                ConfigLoader.defaultBacktest(List.of("SPY"))), List.of());
        return Runs.run(cfg, Runs.Inputs.files(new Pipeline.Files(List.of(dir.resolve("bars.csv")),
                        BarParser.Format.CSV, null, List.of(dir.resolve("recs.jsonl")), List.of(),
                        List.of()), cfg), RuntimeExecutionMode.BATCH, new Configuration(), null,
                "memory-" + days, "backtest", null);
    }
}
