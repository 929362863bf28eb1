package io.tradeflow.io.config;

import io.tradeflow.rules.EngineSettings;

import java.io.Serializable;

/**
 * Holds the whole validated configuration of one run: the engine's accounts, tiers and broker
 * costs, the Kafka and JDBC endpoints, the input timing and the Flink job settings. The file holds
 * no secret: the JDBC password is read from the environment when used, and the Kafka security
 * properties ({@link KafkaSecurity}, from the environment) print with their values hidden.
 *
 * @param runId the run id, {@code null} when the caller derives one
 * @param checkpointIntervalMs Flink checkpoint interval in milliseconds
 * @param parallelism default operator parallelism, {@code null} when the configuration does not
 *     set it: then a cluster's own default (or {@code flink run -p}) applies, and local runs use
 *     {@link #DEFAULT_PARALLELISM}
 * @param notifications what {@code tradeflow notify} needs: the email channel, the alert threshold
 */
public record TradeflowConfig(
        String runId,
        EngineSettings engine,
        KafkaSettings kafka,
        JdbcSection jdbc,
        InputSettings input,
        long checkpointIntervalMs,
        Integer parallelism,
        NotifySection notifications)
        implements Serializable {

    public static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 10_000;
    public static final int DEFAULT_PARALLELISM = 2;

    /** Returns the configured parallelism, else {@link #DEFAULT_PARALLELISM} (local runs). */
    public int parallelismOrDefault() {
        return parallelism != null ? parallelism : DEFAULT_PARALLELISM;
    }

    /** Returns a copy whose engine uses this sector map (e.g. from {@code --sectors}). */
    public TradeflowConfig withSectors(java.util.Map<String, String> sectors) {
        return new TradeflowConfig(runId, engine.withSectors(sectors), kafka, jdbc, input,
                checkpointIntervalMs, parallelism, notifications);
    }

    /** Returns a copy whose Kafka clients use these security properties. */
    public TradeflowConfig withKafkaSecurity(KafkaSecurity security) {
        return new TradeflowConfig(runId, engine, kafka.withSecurity(security), jdbc, input,
                checkpointIntervalMs, parallelism, notifications);
    }

    /** Returns a copy with the given run id. */
    public TradeflowConfig withRunId(String id) {
        return new TradeflowConfig(
                id, engine, kafka, jdbc, input, checkpointIntervalMs, parallelism, notifications);
    }
}
