package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;
import io.tradeflow.testing.StandaloneCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cluster jar on a real standalone cluster (a JobManager and TaskManagers as separate JVMs,
 * configured from {@code flink-conf/config.yaml}), submitted as {@code flink run} does, reading
 * the real test Kafka broker and writing to PostgreSQL as a member of {@code tradeflow_writer}
 * ({@code run --skip-migrate}). A clean run, then a run whose market arrives in four parts cut at
 * seeded event times and whose TaskManager is killed with SIGKILL after each of the first three
 * parts is read and checkpointed, each time replaced by a fresh one while the next part arrives:
 * the job recovers from its last checkpoint under config.yaml's restart strategy, and every result
 * table equals the clean run's, row for row.
 *
 * <p>Every wait is for something the cluster, Kafka or PostgreSQL shows (job and task states,
 * completed checkpoints, committed offsets, rows), with a deadline that fails with what was seen.
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
    static final int KILLS = 3;
    /** Every table a run writes, its rows compared with the clean run's. */
    static final List<String> TABLES = List.of("trading_decisions", "orders", "fills",
            "positions", "position_stop_levels", "circuit_breaker_events", "risk_tier_history",
            "reserve_pool_ledger", "config_audit", "notifications", "dead_letters");
    static final String LIVE = "swing-1";
    static final String WRITER = "tradeflow_job";
    static final String WRITER_PASSWORD = "job-password-for-tests";
    static final List<String> INPUTS = KafkaSettings.INPUT_TOPIC_KEYS;
    /**
     * Empty topics (control, fills) hold the watermark until idle: long enough that a busy
     * reader's sparse topic never turns idle while it has records.
     */
    static final Duration IDLENESS = Duration.ofSeconds(8);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    @Test
    @DisplayName("three TaskManager kills: the same rows as a clean run, nothing lost or doubled")
    void taskManagerKillsLoseNothing() throws Exception {
        Path jar = Path.of(System.getProperty("cluster.jar", "target/tradeflow-job.jar"));
        assertThat(jar).as("the cluster jar (mvn package)").exists();
        long startMs = CLUSTER.start(Map.of());
        ParityData data = new ParityData(42);
        JdbcSettings owner = EmbeddedPostgresExtension.freshDatabase("cluster_crash");
        Migrations.migrate(owner);
        try (Connection c = owner.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + WRITER + " LOGIN PASSWORD '" + WRITER_PASSWORD
                    + "' IN ROLE tradeflow_writer");
        }
        JdbcSettings writer = new JdbcSettings(owner.url(), WRITER, WRITER_PASSWORD);

        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            // the clean run: the whole market in its topics from the start
            Run clean = new Run("clean", data, admin);
            data.produce(KAFKA, clean.cfg);
            long t0 = System.nanoTime();
            String cleanJob = clean.submit(writer);
            long submitMs = (System.nanoTime() - t0) / 1_000_000;
            clean.settle(cleanJob, owner);
            CLUSTER.cancel(cleanJob);
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (String table : TABLES) {
                expected.put(table, EmbeddedPostgresExtension.rows(owner, table, clean.id));
            }
            assertThat(expected.get("trading_decisions")).as("decisions of the clean run")
                    .isNotEmpty();

            // the crash run: the market arrives in parts cut at seeded event times, as a live
            // one does; once a part is read and checkpointed the TaskManager is killed, and the
            // next part arrives while it is down. (A job restored with nothing left to read
            // restarts its watermark from nothing and holds back what it has buffered until new
            // records arrive, as a live job does until the market moves; a part that came after
            // a pause longer than the idleness would let the first split read move the
            // watermark past the others' records.)
            Run crash = new Run("crashed", data, admin);
            TestClusters.createInputTopics(KAFKA, crash.cfg.kafka());
            long[] cuts = cuts(data, new Random(SEED));
            data.produce(KAFKA, crash.cfg, Long.MIN_VALUE, cuts[0]);
            String crashJob = crash.submit(writer);
            List<String> kills = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                long done = CLUSTER.completedCheckpoints(crashJob);
                CLUSTER.awaitJob(crashJob, "part " + (kill + 1) + " read and checkpointed",
                        Duration.ofSeconds(90), () -> CLUSTER.allTasksRunning(crashJob)
                                && CLUSTER.completedCheckpoints(crashJob) > done
                                && crash.behind() == 0);
                long restarts = CLUSTER.restarts(crashJob);
                long decided = count(owner, "trading_decisions", crash.id);
                long killed = System.nanoTime();
                long pid = CLUSTER.killTaskManager();
                // the next part is there before the job restarts: every split with records in
                // it has them at once, so none turns idle while the others move the watermark
                data.produce(KAFKA, crash.cfg, cuts[kill],
                        kill + 1 < KILLS ? cuts[kill + 1] : Long.MAX_VALUE);
                CLUSTER.startTaskManager();
                CLUSTER.awaitJob(crashJob, "a restart after killing TaskManager " + pid,
                        Duration.ofSeconds(60), () -> CLUSTER.restarts(crashJob) > restarts);
                long restored = CLUSTER.completedCheckpoints(crashJob);
                CLUSTER.awaitJob(crashJob, "every task running again with a new checkpoint",
                        Duration.ofSeconds(90), () -> CLUSTER.allTasksRunning(crashJob)
                                && CLUSTER.completedCheckpoints(crashJob) > restored);
                kills.add(decided + " decisions written, running again in "
                        + (System.nanoTime() - killed) / 1_000_000 + " ms");
            }
            crash.settle(crashJob, owner);
            JsonNode stats = CLUSTER.checkpoints(crashJob);
            long restarts = CLUSTER.restarts(crashJob);
            String metrics = CLUSTER.scrapeMetrics();
            CLUSTER.cancel(crashJob);

            String differences = differences(owner, expected, clean.id, crash.id, kills);
            assertThat(differences).as("tables after " + KILLS + " TaskManager kills vs the clean"
                    + " run").isEmpty();
            // the live account's orders: the clean run's client order ids, each sent at least
            // once; a re-send after a restore is the same bytes, which the gateway drops by id
            Map<String, Set<String>> cleanOrders = orders(clean);
            Map<String, Set<String>> crashOrders = orders(crash);
            assertThat(cleanOrders).as("orders the clean run sent for " + LIVE).isNotEmpty();
            assertThat(crashOrders.keySet()).as("client order ids after the kills")
                    .isEqualTo(cleanOrders.keySet());
            crashOrders.forEach((id, values) -> assertThat(values)
                    .as("every send of order " + id).isEqualTo(cleanOrders.get(id)));
            assertThat(restarts).as("restarts of the crash run").isGreaterThanOrEqualTo(KILLS);
            assertThat(metrics).contains("flink_jobmanager_numRegisteredTaskManagers");
            System.out.printf("cluster: started in %d ms, clean run submitted in %d ms; kills: "
                            + "%s; %d restarts; checkpoints %s, %s; %d live order ids; rows per table (both "
                            + "runs) %s%n",
                    startMs, submitMs, kills, restarts, stats.path("counts"),
                    stats.path("summary"), cleanOrders.size(),
                    expected.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().size(), (x, y) -> x, LinkedHashMap::new)));
        }
    }

    /**
     * Returns what differs between the crashed run's tables and the clean run's, short enough to
     * read at the end of a CI log (empty when nothing does): per table the row counts and the
     * first rows only one run has, cut; then what explains a difference (the kills, both runs'
     * tier changes and dead letters).
     */
    private static String differences(JdbcSettings pg, Map<String, List<String>> expected,
            String cleanId, String crashId, List<String> kills) {
        StringBuilder out = new StringBuilder();
        for (String table : TABLES) {
            List<String> want = expected.get(table);
            List<String> got = EmbeddedPostgresExtension.rows(pg, table, crashId);
            if (got.equals(want)) {
                continue;
            }
            out.append(String.format("%n%s: %d rows in the clean run, %d after the kills",
                    table, want.size(), got.size()));
            appendOnly(out, "only clean", want, got);
            appendOnly(out, "only crashed", got, want);
        }
        if (out.isEmpty()) {
            return "";
        }
        out.append("\nkills: ").append(kills);
        for (String id : List.of(cleanId, crashId)) {
            out.append('\n').append(id).append(" tier changes: ").append(
                    EmbeddedPostgresExtension.query(pg, "SELECT account, ts, from_tier, to_tier,"
                            + " reason, win_rate, drawdown, portfolio_value FROM "
                            + "risk_tier_history WHERE run_id = '" + id + "' ORDER BY ts, account"));
            out.append('\n').append(id).append(" dead letters: ").append(
                    EmbeddedPostgresExtension.query(pg, "SELECT source, reason, count(*) AS n, "
                            + "min(position) AS first FROM dead_letters WHERE run_id = '" + id
                            + "' GROUP BY source, reason ORDER BY source, reason"));
        }
        return out.toString();
    }

    /** Appends the first rows of {@code a} that {@code b} lacks, each cut to 400 characters. */
    private static void appendOnly(StringBuilder out, String label, List<String> a,
            List<String> b) {
        Set<String> other = new HashSet<>(b);
        List<String> only = a.stream().filter(r -> !other.contains(r)).toList();
        out.append(String.format("%n  %s (%d):", label, only.size()));
        only.stream().limit(4).forEach(r -> out.append("\n    ")
                .append(r, 0, Math.min(r.length(), 400)));
    }

    /**
     * Returns {@link #KILLS} seeded event times, the i-th that of a bar in the middle half of
     * the i-th of {@code KILLS + 1} equal shares of the bars (so that every part has trading).
     */
    private static long[] cuts(ParityData data, Random r) {
        List<Long> times = data.generated.bars().stream().map(b -> b.ts()).sorted().toList();
        long[] cuts = new long[KILLS];
        for (int i = 0; i < KILLS; i++) {
            cuts[i] = times.get((int) (times.size() * (i + 0.75 + r.nextDouble() / 2)
                    / (KILLS + 1)));
        }
        return cuts;
    }

    /** One run of the job: its id, topics, consumer group and configuration file. */
    private static final class Run {
        final String id;
        final TradeflowConfig cfg;
        final Admin admin;
        final Path config;

        Run(String id, ParityData data, Admin admin) throws Exception {
            this.id = id;
            // swing-1 trades live: its orders go to the run's orders topic, at least once
            TradeflowConfig base = data.kafkaConfig(KAFKA.bootstrapServers(), "cluster-" + id);
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(ConfigLoader.toJson(base));
            for (JsonNode a : json.path("accounts")) {
                if (LIVE.equals(a.path("id").asText())) {
                    ((ObjectNode) a).put("mode", "live");
                }
            }
            this.cfg = ConfigLoader.parse(json.toString(),
                    List.of("kafka.topics.orders=cluster-" + id + "-orders"));
            this.admin = admin;
            this.config = CLUSTER.work().resolve("tradeflow-" + id + ".yaml");
            Files.writeString(config, ConfigLoader.toJson(cfg));
        }

        String submit(JdbcSettings writer) throws Exception {
            return CLUSTER.submit(Path.of(System.getProperty("cluster.jar",
                            "target/tradeflow-job.jar")),
                    Map.of("TRADEFLOW_JDBC_PASSWORD", writer.password(),
                            "TRADEFLOW_WEBHOOK_SECRET", "test-webhook-secret-of-at-least-32-bytes"),
                    "run", "--config", config.toString(), "--skip-migrate", "--run-id", id,
                    "--jdbc-url", writer.url(), "--jdbc-user", writer.user(),
                    "--set", "checkpoint-interval=" + CHECKPOINT_INTERVAL,
                    "--set", "input.idleness=" + IDLENESS);
        }

        /**
         * Waits until the run has written all it will write: a completed checkpoint committed
         * the end offset of every input partition (everything is read), then a checkpoint
         * triggered more than the idleness later (every split idle, so the watermark is final
         * and what it fired is flushed into that checkpoint), then one more (the sinks committed
         * it). The row counts must then hold over two further checkpoints.
         */
        void settle(String jobId, JdbcSettings pg) throws InterruptedException {
            Duration max = Duration.ofSeconds(120);
            CLUSTER.awaitJob(jobId, id + ": every input read and checkpointed", max,
                    () -> CLUSTER.allTasksRunning(jobId) && behind() == 0);
            long read = CLUSTER.latestCheckpointTriggered(jobId);
            CLUSTER.awaitJob(jobId, id + ": a checkpoint after every split turned idle", max,
                    () -> CLUSTER.latestCheckpointTriggered(jobId)
                            > read + IDLENESS.toMillis() + CHECKPOINT_INTERVAL.toMillis());
            awaitCheckpoints(jobId, id + ": the sinks' commit of that checkpoint", 1);
            // the PostgreSQL sinks write from buffers of their own, after the checkpoint
            CLUSTER.awaitJob(jobId, id + ": the PostgreSQL sinks' buffers written", max,
                    () -> pendingRows() == 0);
            Map<String, Long> counts = counts(pg, id);
            awaitCheckpoints(jobId, id + ": two more checkpoints", 2);
            assertThat(counts(pg, id)).as(id + ": rows after it settled").isEqualTo(counts);
        }

        /** Returns the rows the PostgreSQL sinks hold, from the reporters' text. */
        long pendingRows() {
            long pending = 0;
            for (String line : CLUSTER.scrapeMetrics().split("\n")) {
                if (!line.startsWith("#") && line.contains("tradeflow_postgres_pendingRows")) {
                    pending += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ')
                            + 1));
                }
            }
            return pending;
        }

        /** Returns how many input records the run's committed offsets are behind the ends. */
        long behind() {
            String group = cfg.kafka().groupId();
            try {
                List<String> topics = INPUTS.stream().map(cfg.kafka()::topic).toList();
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                admin.describeTopics(topics).allTopicNames().get().values()
                        .forEach(t -> t.partitions().forEach(p -> latest.put(
                                new TopicPartition(t.name(), p.partition()),
                                OffsetSpec.latest())));
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long behind = 0;
                for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    behind += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                return behind;
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the offsets of group " + group, e);
            }
        }
    }

    /**
     * Returns the run's orders topic as client order id → the distinct values sent under it
     * (one each when every re-send is byte-identical).
     */
    private static Map<String, Set<String>> orders(Run run) {
        Map<String, Set<String>> byId = new TreeMap<>();
        for (var r : KAFKA.consume(run.cfg.kafka().topic(KafkaSettings.ORDERS), Integer.MAX_VALUE,
                Duration.ofSeconds(5))) {
            byId.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(r.value());
        }
        return byId;
    }

    private static void awaitCheckpoints(String jobId, String what, int more)
            throws InterruptedException {
        long from = CLUSTER.completedCheckpoints(jobId);
        CLUSTER.awaitJob(jobId, what, Duration.ofSeconds(60),
                () -> CLUSTER.completedCheckpoints(jobId) >= from + more);
    }

    private static Map<String, Long> counts(JdbcSettings pg, String runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count(pg, table, runId));
        }
        return counts;
    }

    private static long count(JdbcSettings pg, String table, String runId) {
        Object n = EmbeddedPostgresExtension.query(pg, "SELECT count(*) AS n FROM " + table
                + " WHERE run_id = '" + runId + "'").get(0).get("n");
        return ((Number) n).longValue();
    }
}
