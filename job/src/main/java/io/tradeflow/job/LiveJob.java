package io.tradeflow.job;

import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.BufferedPostgresSink;
import io.tradeflow.io.jdbc.JdbcSettings;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Builds the live job: Kafka in (unbounded), PostgreSQL out through buffered sinks that ride out
 * an outage, orders to Kafka for live accounts, dead letters to Kafka too, metrics of the outputs.
 */
public final class LiveJob {
    private LiveJob() {}

    public static Topology.Results build(StreamExecutionEnvironment env, TradeflowConfig cfg,
            JdbcSettings pg, String runId) {
        // the one job that watches the wall clock: a market-data stall alerts, and flattens
        // intraday positions when it spans the force exit
        Topology.Results r = Topology.build(
                Pipeline.fromKafka(env, cfg, Pipeline.parseContext(cfg), false), cfg.engine(),
                false, cfg.input().stallAlertAfter());
        Sinks.toPostgresBuffered(r, pg, runId, BufferedPostgresSink.Settings.DEFAULT);
        Sinks.ordersToKafka(r, cfg, runId);
        Sinks.deadLettersToKafka(r, cfg);
        JobMetrics.attach(r);
        return r;
    }
}
