package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.Ingested;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failover inside one MiniCluster: an operator throws once, at a seeded record after a completed
 * checkpoint, and the job recovers from that checkpoint under a fixed-delay restart strategy. The
 * PostgreSQL tables then equal a clean run's, row for row: nothing lost, nothing duplicated, and
 * the late records are the same (their marks are restored with the checkpoint).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class FailoverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "failover");
    static final long SEED = 20261205L;

    @Test
    @DisplayName("an operator that throws once at a seeded record: same rows as a clean run")
    void throwOnceSameAsCleanRun() throws Exception {
        BadInputData data = new BadInputData(11);
        // late bars spread over the file, so some come after the failure and its restore
        List<BadInputData.Injection> late = new ArrayList<>();
        for (int line : new int[] {150, 600, 1100, 1600, 2100}) {
            late.add(new BadInputData.Injection(BadInputData.BARS, line,
                    BadInputData.tenMinutesBefore()));
        }
        Pipeline.Files files = data.write(DIR.resolve("input"), late);
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("failover");

        Collected clean = run(data, files, pg, "clean", -1);
        int failAt = 500 + new Random(SEED).nextInt(1500);
        FailOnce.reset();
        Collected crashed = run(data, files, pg, "crashed", failAt);

        assertThat(FailOnce.THROWN.get()).as("the operator threw").isEqualTo(1);
        assertThat(FailOnce.failedAtCheckpoint.get()).as("after a completed checkpoint")
                .isPositive();
        assertThat(clean.deadLettersByReason()).containsEntry("late", 5L);
        for (String table : BadInputITCase.RESULT_TABLES) {
            List<String> expected = EmbeddedPostgresExtension.rows(pg, table, "clean");
            assertThat(EmbeddedPostgresExtension.rows(pg, table, "crashed"))
                    .as(table + " after a failover vs the clean run").isEqualTo(expected);
        }
        assertThat(EmbeddedPostgresExtension.rows(pg, "dead_letters", "crashed"))
                .isEqualTo(EmbeddedPostgresExtension.rows(pg, "dead_letters", "clean"));
        System.out.printf("failover: clean %d decisions %d orders; crashed (threw at bar %d after "
                        + "checkpoint %d) %d decisions %d orders%n", clean.decisions().size(),
                clean.orders().size(), failAt, FailOnce.failedAtCheckpoint.get(),
                crashed.decisions().size(), crashed.orders().size());
    }

    /** Runs STREAMING with checkpoints every 200 ms; {@code failAt} < 0: no failure. */
    private static Collected run(BadInputData data, Pipeline.Files files, JdbcSettings pg,
            String runId, int failAt) throws Exception {
        Configuration c = TestClusters.checkpointed(data.config, "failover-" + runId);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        Runs.Inputs inputs = (env, ctx) -> {
            List<DataStream<Ingested>> in = new ArrayList<>(
                    Pipeline.fromFiles(env, files, ctx, data.config.input()));
            if (failAt >= 0) { // the bars are the first stream
                in.set(0, in.get(0).map(new FailOnce(failAt)).name("fail-once").uid("fail-once")
                        .setParallelism(1));
            }
            return in;
        };
        return Runs.run(data.config, inputs, RuntimeExecutionMode.STREAMING, c, pg, runId,
                "backtest", null);
    }

    /**
     * Throws once, at the first record from {@code at} on that comes after a completed
     * checkpoint, so the restore has state to restore; until then it slows its input a little,
     * so that checkpoints complete while the file is being read, and from {@code at} on more
     * (20 ms a record, up to half a minute for the rest of the file): on a busy machine the first
     * checkpoint came after the file's last bar, and the operator never threw.
     */
    static final class FailOnce implements MapFunction<Ingested, Ingested>, CheckpointListener {
        static final AtomicInteger THROWN = new AtomicInteger();
        static final AtomicInteger failedAtCheckpoint = new AtomicInteger();
        static final AtomicInteger completed = new AtomicInteger();
        private final int at;
        private int seen;

        FailOnce(int at) {
            this.at = at;
        }

        static void reset() {
            THROWN.set(0);
            failedAtCheckpoint.set(0);
            completed.set(0);
        }

        @Override
        public Ingested map(Ingested value) throws Exception {
            if (THROWN.get() == 0) {
                Thread.sleep(++seen >= at ? 20 : 1); // returns to the task between records
                if (seen >= at && completed.get() > 0) {
                    THROWN.incrementAndGet();
                    failedAtCheckpoint.set(completed.get());
                    throw new IllegalStateException("failing once at bar " + seen);
                }
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completed.incrementAndGet();
        }
    }
}
