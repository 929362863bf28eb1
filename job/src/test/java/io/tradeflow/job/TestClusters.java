package io.tradeflow.job;

import io.tradeflow.io.config.TradeflowConfig;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.tradeflow.io.config.KafkaSettings;

import java.nio.file.Path;
import java.util.List;

/** Shared MiniCluster settings for job tests: small memory, no restarts. */
final class TestClusters {
    private TestClusters() {}

    /** Returns a MiniCluster of one TaskManager with the given slots, for a test class. */
    static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots)
                .setConfiguration(config()).build());
    }

    /** Returns such a MiniCluster whose metrics reach {@code metrics}, for a test class. */
    static MiniClusterExtension miniCluster(int slots,
            org.apache.flink.runtime.testutils.InMemoryReporter metrics) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots)
                .setConfiguration(metrics.addToConfiguration(config())).build());
    }

    /** Creates every input topic of the configuration with two partitions. */
    static void createInputTopics(io.tradeflow.testing.KafkaBrokerExtension kafka,
            io.tradeflow.io.config.KafkaSettings k) throws Exception {
        // option quotes are read when an account trades options (the parity data's does)
        for (String key : concat(KafkaSettings.INPUT_TOPIC_KEYS, KafkaSettings.OPTION_QUOTES)) {
            kafka.createTopics(2, k.topic(key));
        }
    }

    /** Returns {@code keys} followed by {@code more}. */
    static List<String> concat(List<String> keys, String... more) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(List.of(more));
        return all;
    }

    static Configuration config() {
        Configuration c = new Configuration();
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("128m"));
        c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }

    /** RocksDB with incremental checkpoints every second under target/, failing fast. */
    static Configuration checkpointed(TradeflowConfig cfg, String name) {
        Configuration c = new Configuration();
        Pipeline.enableCheckpoints(c, cfg, Path.of("target", "checkpoints", name));
        c.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL,
                java.time.Duration.ofSeconds(1));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }
}
