package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Which way a run's outputs reach the client ({@link Runs#localOutputs}): handed over in the JVM
 * by every run without checkpoints, BATCH or STREAMING, which then never restarts (a restarted job
 * would hand its outputs over twice); through the collect sink by a run with checkpoints (the
 * demo's), whose restart strategy stays the configured one. That both ways deliver every output
 * once: {@code ParityITCase} (STREAMING with checkpoints, through the sink, against BATCH),
 * {@code OptionQuotesITCase}, {@code BrokerPositionsFileITCase}, {@code BacktestApiITCase} and
 * {@code SpyParityITCase} (STREAMING without, handed over locally, against BATCH).
 */
class LocalOutputsChoiceTest {

    @Test
    void everyRunWithoutCheckpointsHandsOverLocallyAndNeverRestarts() {
        for (RuntimeExecutionMode mode : RuntimeExecutionMode.values()) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            assertThat(Runs.localOutputs(conf, mode)).as(mode.name()).isTrue();
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
        }
    }

    @Test
    void aStreamingRunWithCheckpointsGoesThroughTheCollectSink() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        assertThat(Runs.localOutputs(conf, RuntimeExecutionMode.STREAMING)).isFalse();
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
    }

    @Test
    void aBatchRunHandsOverLocallyEvenWithACheckpointInterval() {
        // BATCH takes no checkpoints whatever the interval says
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        assertThat(Runs.localOutputs(conf, RuntimeExecutionMode.BATCH)).isTrue();
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
    }
}
