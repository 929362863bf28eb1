package io.tradeflow.cli;

import io.tradeflow.io.KafkaInputs;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.LiveJob;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs the live job: Kafka in, PostgreSQL out, orders to Kafka for live accounts. Submit it with
 * {@code flink run tradeflow-job.jar run --config FILE}; from the local jar it starts an embedded
 * cluster with the web UI.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the live job (Kafka in, PostgreSQL out) until cancelled.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    Options.Config config = new Options.Config();

    @Mixin
    Options.Jdbc jdbc = new Options.Jdbc();

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "Checkpoint storage, "
            + "a URI (s3://bucket/cp, hdfs://…, file:///…) or a local path. Default: the "
            + "cluster's execution.checkpointing.dir.")
    String checkpointDir;

    @Option(names = "--skip-migrate", description = "Do not apply the schema migrations: the "
            + "job then needs only the tradeflow_writer role (upserts, no DDL); run 'tradeflow "
            + "migrate' as the schema owner first.")
    boolean skipMigrate;

    @Option(names = "--run-id", description = "Run id for the rows written. Default: "
            + "run-id from the configuration, else 'live'.")
    String runId;

    @Override
    public Integer call() throws Exception {
        TradeflowConfig cfg = config.load();
        if (!cfg.kafka().security().isEmpty()) {
            // which settings, and from where; the values of secrets read (hidden)
            System.err.println("Kafka security: "
                    + String.join(", ", cfg.kafka().security().describe()));
        }
        JdbcSettings pg = jdbc.settings(cfg);
        if (pg == null) {
            throw new IllegalArgumentException("the live job needs PostgreSQL: set jdbc.url or "
                    + "--jdbc-url");
        }
        // a source on a missing topic would fail the job at start and at every restart
        List<String> missing = KafkaInputs.missingTopics(cfg.kafka().bootstrapServers(),
                cfg.kafka().clientProperties(), Pipeline.inputTopics(cfg), Duration.ofSeconds(30));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the Kafka broker at " + cfg.kafka().bootstrapServers()
                    + " has no topic " + String.join(", ", missing) + ": create "
                    + (missing.size() == 1 ? "it" : "them") + " (e.g. kafka-topics.sh --create "
                    + "--topic NAME --partitions 2) before starting the live job");
        }
        String id = runId != null ? runId : cfg.runId() != null ? cfg.runId() : "live";
        if (!skipMigrate) {
            Migrations.migrate(pg);
        }
        Migrations.recordRun(pg, id, "live", RuntimeExecutionMode.STREAMING.name(),
                ConfigLoader.toJson(cfg));
        Configuration conf = Pipeline.clusterConfiguration(cfg, RuntimeExecutionMode.STREAMING);
        Pipeline.enableCheckpoints(conf, cfg, checkpointDir);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        LiveJob.build(env, cfg, pg, id);
        env.execute("tradeflow live " + id);
        return 0;
    }
}
