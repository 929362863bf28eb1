package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.Reconciliation;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.io.parse.BarParser;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Broker position snapshots from a file (R-REC-2), as from the topic: each compared with its
 * account's book at its time, a break pausing entries, a malformed line a dead letter; BATCH and
 * STREAMING write the same rows.
 */
class BrokerPositionsFileITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "broker-positions");
    /** 2025-03-12 10:00 New York. */
    static final long T0 = Instant.parse("2025-03-12T14:00:00Z").toEpochMilli();

    static final TradeflowConfig CONFIG = ConfigLoader.parse("""
            accounts:
              - { id: paper-1, profile: intraday, mode: paper, cash: 100000, universe: [SPY] }
            input: { out-of-orderness: PT2M }
            parallelism: 2
            """, List.of());

    static Pipeline.Files write() throws Exception {
        Files.createDirectories(DIR);
        List<String> bars = new ArrayList<>(List.of("ticker,ts,open,high,low,close,volume"));
        for (int m = 0; m < 30; m++) {
            long ts = T0 + m * 60_000L;
            bars.add("SPY," + ts + ",560,560.1,559.9,560,1000");
        }
        Files.write(DIR.resolve("bars.csv"), bars);
        Files.write(DIR.resolve("positions.jsonl"), List.of(
                snapshot("s0", T0 + 5 * 60_000L, "100000", ""),
                snapshot("s1", T0 + 10 * 60_000L, "100000",
                        "{\"ticker\":\"SPY\",\"quantity\":3,\"average_price\":560}"),
                "{\"id\":\"s2\",\"account\":\"paper-1\",\"ts\":" + (T0 + 11 * 60_000L)
                        + ",\"cash\":\"lots\",\"positions\":[]}"));
        return new Pipeline.Files(List.of(DIR.resolve("bars.csv")), BarParser.Format.CSV, null,
                List.of(), List.of(), List.of()).withBrokerPositions(
                        List.of(DIR.resolve("positions.jsonl")));
    }

    static String snapshot(String id, long ts, String cash, String positions) {
        return "{\"id\":\"" + id + "\",\"account\":\"paper-1\",\"ts\":" + ts + ",\"cash\":" + cash
                + ",\"positions\":[" + positions + "]}";
    }

    @Test
    @DisplayName("R-REC-2: snapshots from a file are reconciled in BATCH and STREAMING alike")
    void reconcilesFromAFile() throws Exception {
        Pipeline.Files files = write();
        Collected batch = Runs.run(CONFIG, Runs.Inputs.files(files, CONFIG),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "positions-batch",
                "backtest", null);
        Collected streaming = Runs.run(CONFIG, Runs.Inputs.files(files, CONFIG),
                RuntimeExecutionMode.STREAMING, new Configuration(), null, "positions-streaming",
                "backtest", null);

        List<Reconciliation> rows = batch.rows(OutputKind.RECONCILIATION);
        assertThat(rows).extracting(Reconciliation::snapshotId, Reconciliation::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s0", "matched"),
                        org.assertj.core.groups.Tuple.tuple("s1", "mismatch"));
        List<BreakerEvent> breakers = batch.rows(OutputKind.BREAKER);
        assertThat(breakers).extracting(BreakerEvent::reason).containsExactly("R-REC-2");
        assertThat(batch.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo("positions.jsonl");
            assertThat(d.position()).isEqualTo("3");
            assertThat(d.reason()).isEqualTo("invalid_value");
        });
        for (OutputKind kind : OutputKind.values()) {
            assertThat(streaming.rows(kind)).as(kind.name()).isEqualTo(batch.rows(kind));
        }
    }
}
