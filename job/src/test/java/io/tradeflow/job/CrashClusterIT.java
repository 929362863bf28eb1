package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;
import io.tradeflow.testing.StandaloneCluster;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The cluster jar on a real standalone cluster (a JobManager and TaskManagers as separate JVMs,
 * configured from {@code flink-conf/config.yaml}), submitted as {@code flink run} does, reading
 * the real test Kafka broker and writing to PostgreSQL as a member of {@code tradeflow_writer}
 * ({@code run --skip-migrate}). A clean run, then a run whose TaskManager is killed with SIGKILL
 * at three seeded points, each time replaced by a fresh one: the job recovers from its last
 * checkpoint under config.yaml's restart strategy, and every result table equals the clean run's.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class CrashClusterIT {
    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final StandaloneCluster CLUSTER = new StandaloneCluster(Path.of("target", "cluster"));

    static final long SEED = 20261205L;
    static final String WRITER = "tradeflow_job";
    static final String WRITER_PASSWORD = "job-password-for-tests";

    @Test
    @DisplayName("three TaskManager kills: the same rows as a clean run, nothing lost or doubled")
    void taskManagerKillsLoseNothing() throws Exception {
        Path jar = Path.of(System.getProperty("cluster.jar", "target/tradeflow-job.jar"));
        assertThat(jar).as("the cluster jar (mvn package)").exists();
        ParityData data = new ParityData(42);
        TradeflowConfig cfg = data.kafkaConfig(KAFKA.bootstrapServers(), "cluster");
        data.produce(KAFKA, cfg);
        Path config = CLUSTER.work().resolve("tradeflow.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, ConfigLoader.toJson(cfg));

        JdbcSettings owner = EmbeddedPostgresExtension.freshDatabase("cluster_crash");
        Migrations.migrate(owner);
        try (Connection c = owner.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + WRITER + " LOGIN PASSWORD '" + WRITER_PASSWORD
                    + "' IN ROLE tradeflow_writer");
        }
        JdbcSettings writer = new JdbcSettings(owner.url(), WRITER, WRITER_PASSWORD);

        long startMs = CLUSTER.start(Map.of("execution.checkpointing.interval", "1 s"));
        long t0 = System.nanoTime();
        String clean = submit(config, writer, "clean");
        long submitMs = (System.nanoTime() - t0) / 1_000_000;
        settle(writer, "clean");
        CLUSTER.cancel(clean);

        String crashed = submit(config, writer, "crashed");
        Random r = new Random(SEED);
        List<Long> recoveries = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            long done = completedCheckpoints(crashed);
            StandaloneCluster.await("a new checkpoint of the crash run", Duration.ofSeconds(90),
                    () -> "RUNNING".equals(CLUSTER.jobState(crashed))
                            && completedCheckpoints(crashed) > done);
            Thread.sleep(r.nextInt(3000));
            long killed = System.nanoTime();
            CLUSTER.killTaskManager();
            CLUSTER.startTaskManager();
            long restored = completedCheckpoints(crashed);
            StandaloneCluster.await("the crash run running again", Duration.ofSeconds(120),
                    () -> "RUNNING".equals(CLUSTER.jobState(crashed))
                            && completedCheckpoints(crashed) > restored);
            recoveries.add((System.nanoTime() - killed) / 1_000_000);
        }
        settle(writer, "crashed");
        JsonNode stats = CLUSTER.checkpoints(crashed);
        String metrics = CLUSTER.scrapeMetrics();
        CLUSTER.cancel(crashed);

        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : BadInputITCase.RESULT_TABLES) {
            List<String> expected = EmbeddedPostgresExtension.rows(owner, table, "clean");
            assertThat(EmbeddedPostgresExtension.rows(owner, table, "crashed"))
                    .as(table + " after three TaskManager kills vs the clean run")
                    .isEqualTo(expected);
            counts.put(table, expected.size());
        }
        assertThat(counts.get("trading_decisions")).isPositive();
        assertThat(metrics).contains("flink_jobmanager_numRegisteredTaskManagers");
        System.out.printf("cluster: started in %d ms, clean run submitted in %d ms; recovery "
                        + "(kill -> running with a new checkpoint) %s ms; checkpoints %s; "
                        + "rows per table (both runs) %s%n", startMs, submitMs, recoveries,
                stats.path("summary"), counts);
    }

    private static String submit(Path config, JdbcSettings writer, String runId)
            throws Exception {
        return CLUSTER.submit(Path.of(System.getProperty("cluster.jar",
                        "target/tradeflow-job.jar")),
                Map.of("TRADEFLOW_JDBC_PASSWORD", writer.password(),
                        "TRADEFLOW_WEBHOOK_SECRET", "test-webhook-secret"),
                "run", "--config", config.toString(), "--skip-migrate", "--run-id", runId,
                "--jdbc-url", writer.url(), "--jdbc-user", writer.user(),
                "--set", "kafka.group-id=cluster-" + runId,
                // empty topics (control, fills) hold the watermark until idle: long enough
                // that a busy reader's sparse topic never turns idle while it has records
                "--set", "input.idleness=PT8S");
    }

    private static long completedCheckpoints(String jobId) {
        JsonNode c = CLUSTER.checkpoints(jobId);
        return c == null ? 0 : c.at("/counts/completed").asLong();
    }

    /** Waits until the run's decisions stop changing for 8 s (at most 3 minutes). */
    private static void settle(JdbcSettings pg, String runId) throws InterruptedException {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        StandaloneCluster.await(runId + " settled", Duration.ofMinutes(3), () -> {
            Object count = EmbeddedPostgresExtension.query(pg, "SELECT count(*) AS n FROM "
                    + "trading_decisions WHERE run_id = '" + runId + "'").get(0).get("n");
            long n = count instanceof Long l ? l : 0;
            if (n != last[0]) {
                last[0] = n;
                since[0] = System.nanoTime();
                return false;
            }
            return n > 0 && System.nanoTime() - since[0] > 8_000_000_000L;
        });
    }
}
