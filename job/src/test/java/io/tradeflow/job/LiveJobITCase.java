package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Order;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The live job end to end: a real Kafka broker → the unbounded job on a MiniCluster with RocksDB
 * and checkpoints → a real PostgreSQL, with a live account's orders on Kafka {@code orders}. Its
 * tables equal a BATCH replay of the same inputs, and a second run over the same topics leaves
 * every row as it was and re-sends only byte-identical orders.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LiveJobITCase {
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(4);

    static final byte[] SECRET = "test-webhook-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final List<String> TABLES = List.of("trading_decisions", "orders", "fills", "positions");

    @Test
    @DisplayName("Kafka → checkpointed job → Postgres equals BATCH; a rerun changes no row")
    void liveJobWritesIdempotently() throws Exception {
        MarketGenerator.Generated g = market(40);
        TradeflowConfig cfg = ConfigLoader.parse("""
                accounts:
                  - { id: live-1, profile: intraday, mode: live, cash: 100000,
                      universe: [AAPL, MSFT, SPY] }
                  - { id: paper-1, profile: swing, mode: paper, cash: 100000,
                      universe: [AAPL, SPY] }
                # a reader slow to start on a busy machine must not be taken for an idle one
                input: { idleness: PT5S }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: e2e-1
                  topics: { bars: e2e-bars, recommendations: e2e-recs, vix: e2e-vix,
                            calendar: e2e-calendar, control: e2e-control, fills: e2e-fills,
                            orders: e2e-orders }
                """.formatted(KAFKA.bootstrapServers()), List.of());
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("e2e");
        KafkaSettings k = cfg.kafka();
        for (String key : TestClusters.concat(KafkaSettings.INPUT_TOPIC_KEYS,
                KafkaSettings.ORDERS)) {
            KAFKA.createTopics(2, k.topic(key));
        }
        produce(g, k);

        // the expected rows: the same inputs replayed in BATCH from files
        Path dir = Files.createDirectories(Path.of("target", "e2e"));
        g.writeBarsCsv(dir.resolve("bars.csv"));
        g.writeRecommendations(dir.resolve("recs.jsonl"));
        g.writeVixJson(dir.resolve("vix.jsonl"));
        Files.writeString(dir.resolve("vix.jsonl"), MarketGenerator.vixJson(sentinel(g)) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Pipeline.Files files = new Pipeline.Files(List.of(dir.resolve("bars.csv")),
                BarParser.Format.CSV, null, List.of(dir.resolve("recs.jsonl")),
                List.of(dir.resolve("vix.jsonl")), List.of());
        Collected batch = Runs.run(cfg, Runs.Inputs.files(files, cfg), RuntimeExecutionMode.BATCH,
                new Configuration(), pg, "e2e-batch", "backtest", null);
        assertThat(batch.decisions()).hasSizeGreaterThan(40);

        // fresh directories: a checkpoint left by an earlier run must not count
        String suffix = Long.toString(System.nanoTime());
        Path checkpoints = Path.of("target", "checkpoints", "e2e-live-" + suffix);
        JobClient first = start(cfg, pg, checkpoints);
        try {
            awaitSameRows(pg, Duration.ofSeconds(120));
            awaitCheckpointsAfter(checkpoints);
        } finally {
            first.cancel().get();
        }
        Map<String, List<String>> afterFirst = tables(pg, "live-e2e");

        // a rerun from the earliest offsets (new consumer group): upserts rewrite the same rows
        TradeflowConfig again = ConfigLoader.parse(ConfigLoader.toJson(cfg),
                List.of("kafka.group-id=e2e-2"));
        Object rerunFrom = EmbeddedPostgresExtension.query(pg, "SELECT now() AS t").get(0).get("t");
        Path checkpoints2 = Path.of("target", "checkpoints", "e2e-rerun-" + suffix);
        JobClient second = start(again, pg, checkpoints2);
        try {
            // every row rewritten by the rerun (an upsert stamps written_at), then a checkpoint,
            // which flushes the at-least-once order sink
            for (String table : List.of("trading_decisions", "orders")) {
                await(Duration.ofSeconds(120), () -> EmbeddedPostgresExtension.query(pg,
                        "SELECT count(*) AS n FROM " + table + " WHERE run_id = 'live-e2e' "
                                + "AND written_at <= '" + rerunFrom + "'").get(0).get("n")
                        .toString().equals("0"));
            }
            awaitSameRows(pg, Duration.ofSeconds(60));
            awaitCheckpointsAfter(checkpoints2);
        } finally {
            second.cancel().get();
        }
        assertThat(tables(pg, "live-e2e")).isEqualTo(afterFirst);

        // the live account's orders on Kafka: exactly the decided ones, repeats byte-identical
        Set<String> decided = batch.orders().stream().filter(o -> "live-1".equals(o.account()))
                .map(Order::clientOrderId).collect(Collectors.toSet());
        assertThat(decided).isNotEmpty();
        // each run sends every live order once, and its cancel request once when it timed out
        long cancelled = batch.orders().stream().filter(o -> "live-1".equals(o.account())
                && Order.CANCELLED.equals(o.status())).count();
        int perRun = decided.size() + (int) cancelled;
        List<ConsumerRecord<String, String>> sent = KAFKA.consume(k.topic(KafkaSettings.ORDERS),
                2 * perRun, Duration.ofSeconds(60));
        assertThat(sent.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
                .isEqualTo(decided);
        Map<String, String> firstSend = new HashMap<>();
        for (ConsumerRecord<String, String> r : sent) {
            String status = r.value().contains("\"status\":\"new\"") ? "new" : "cancelled";
            String before = firstSend.putIfAbsent(r.key() + "/" + status, r.value());
            assertThat(before == null || before.equals(r.value()))
                    .as("repeat of %s is byte-identical", r.key()).isTrue();
        }
        assertThat(firstSend).hasSize(perRun);
        assertThat(sent).as("the rerun re-sent its orders, byte-identical").hasSize(2 * perRun);
        assertThat(batch.orders()).filteredOn(o -> "paper-1".equals(o.account()))
                .isNotEmpty();
        assertThat(sent).noneMatch(r -> r.value().contains("paper-1"));
    }

    /** Two seeded days of AAPL, MSFT and SPY with that many recommendations a day. */
    static MarketGenerator.Generated market(int recommendationsPerDay) {
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 6, 10), 2, Set.of());
        return MarketGenerator.generate(new MarketGenerator.Spec(11,
                List.of("AAPL", "MSFT", "SPY"), List.of(200.0, 420.0, 540.0), days,
                recommendationsPerDay, 0.1, List.of(), SECRET));
    }

    static JobClient start(TradeflowConfig cfg, JdbcSettings pg, Path checkpoints)
            throws Exception {
        Configuration conf = Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.STREAMING);
        conf.addAll(TestClusters.checkpointed(cfg, checkpoints.getFileName().toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        LiveJob.build(env, cfg, pg, "live-e2e");
        return env.executeAsync("live e2e");
    }

    /** A VIX quote two days after the data on every partition moves the watermark past it all. */
    static VixQuote sentinel(MarketGenerator.Generated g) {
        long last = g.bars().get(g.bars().size() - 1).ts();
        return new VixQuote(last + Duration.ofDays(2).toMillis(), 15.0);
    }

    static void produce(MarketGenerator.Generated g, KafkaSettings k) {
        List<String[]> bars = new ArrayList<>();
        for (Bar b : g.bars()) {
            bars.add(new String[] {b.ticker(), MarketGenerator.barJson(b)});
        }
        KAFKA.produce(k.topic(KafkaSettings.BARS), bars, g.bars().stream().map(Bar::ts).toList());
        List<String[]> recs = new ArrayList<>();
        g.recommendationJsonLines().forEach(l -> recs.add(new String[] {null, l}));
        KAFKA.produce(k.topic(KafkaSettings.RECOMMENDATIONS), recs, g.recommendationEmittedAt());
        List<VixQuote> vix = new ArrayList<>(g.vix());
        vix.add(sentinel(g));
        List<String[]> quotes = new ArrayList<>();
        vix.forEach(q -> quotes.add(new String[] {"VIX", MarketGenerator.vixJson(q)}));
        KAFKA.produce(k.topic(KafkaSettings.VIX), quotes, vix.stream().map(VixQuote::ts).toList());
    }

    static void awaitSameRows(JdbcSettings pg, Duration timeout) throws Exception {
        await(timeout, () -> tables(pg, "live-e2e").equals(tables(pg, "e2e-batch")));
    }

    static Map<String, List<String>> tables(JdbcSettings pg, String runId) {
        Map<String, List<String>> m = new HashMap<>();
        TABLES.forEach(t -> m.put(t, EmbeddedPostgresExtension.rows(pg, t, runId)));
        return m;
    }

    /**
     * Waits for two more completed checkpoints: the second one started after everything seen so
     * far, so the at-least-once order sink has flushed it.
     */
    static void awaitCheckpointsAfter(Path dir) throws Exception {
        long now = completedCheckpoint(dir);
        await(Duration.ofSeconds(60), () -> completedCheckpoint(dir) >= now + 2);
    }

    static long completedCheckpoint(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(p -> p.getFileName().toString().equals("_metadata"))
                        .map(p -> p.getParent().getFileName().toString())
                        .filter(n -> n.startsWith("chk-"))
                        .mapToLong(n -> Long.parseLong(n.substring(4))).max().orElse(0);
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(50); // Flink renamed or deleted a file while we walked the tree
            }
        }
    }

    static void await(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(250);
        }
    }
}
