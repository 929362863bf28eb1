package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.job.demo.MarketGenerator;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker port end to end, with a real Kafka broker and a fake broker gateway: the live job
 * sends orders on {@code orders}, the gateway places each client order id once and reports
 * executions (one full fill, one partial fill then the rest) on {@code fills}, and those fills are
 * the only thing that moves the live account's positions. A fill for an unknown order ends in
 * {@code dead_letters}. The job is then restored from a savepoint taken mid-day: it replays, and
 * every order it re-sends is byte-identical to its first send.
 *
 * <p>The market data is paced by the test so that the gateway answers an order before the
 * engine's entry timeout (R-ORD-1) passes in event time: the entries to fill come from a BATCH
 * replay of the same inputs (identical until the first fill), bars are produced up to the first
 * minute after an entry, and a fill carries an event time between the watermark and the order's
 * deadline. Every topic has one partition, so no partition of a topic can overtake another.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@org.junit.jupiter.api.Disabled("pacing not yet sound: when every input turns idle, Flink's "
        + "StatusWatermarkValve flushes the watermark to the highest input (recommendations "
        + "and VIX produced ahead), so the next bars arrive late; needs bars without idleness, "
        + "see docs/broker-contract.md")
class LiveBrokerITCase {
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final String RUN = "broker-e2e";
    static final String ACCOUNT = "live-1";
    static final String GROUP = "broker-e2e";
    static final String UNKNOWN_ORDER = "no-such-order";
    static final long MINUTE = 60_000;
    static final ObjectMapper JSON = new ObjectMapper();

    /** One recommendation of the generated day: id, ticker, event time, addressed account. */
    record Rec(String id, String ticker, long ts, String account) {}

    @Test
    @DisplayName("orders out, fills back: placed once, positions from fills only, replay resends "
            + "byte-identical orders, unknown fill is a dead letter")
    void gatewayRoundTrip() throws Exception {
        long t0 = System.nanoTime();
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 6, 10), 1, Set.of());
        MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(11,
                List.of("AAPL", "MSFT", "SPY"), List.of(200.0, 420.0, 540.0), days, 80, 0.1,
                List.of(), LiveJobITCase.SECRET));
        // a 3-minute entry timeout (R-ORD-1) leaves the gateway room between the bars; no daily
        // trade limit (R-DAY-1), so entries continue after the early signals
        TradeflowConfig cfg = ConfigLoader.parse("""
                accounts:
                  - { id: live-1, profile: intraday, mode: live, cash: 100000,
                      universe: [AAPL, MSFT, SPY],
                      rules: { entry-timeout: 3m, max-trades-per-day: 0 } }
                parallelism: 1
                input: { idleness: PT2S }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: %s
                  topics: { bars: gw-bars, recommendations: gw-recs, vix: gw-vix,
                            calendar: gw-calendar, control: gw-control, fills: gw-fills,
                            orders: gw-orders }
                """.formatted(KAFKA.bootstrapServers(), GROUP), List.of());
        KafkaSettings k = cfg.kafka();
        for (String key : List.of(KafkaSettings.BARS, KafkaSettings.RECOMMENDATIONS,
                KafkaSettings.VIX, KafkaSettings.CALENDAR, KafkaSettings.CONTROL,
                KafkaSettings.FILLS, KafkaSettings.ORDERS)) {
            KAFKA.createTopics(1, k.topic(key));
        }
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("broker_e2e");
        Migrations.migrate(pg);

        // recommendations and VIX from 10:30 on: bars trickle in before them (see below)
        long from = g.bars().get(0).ts() + 60 * MINUTE;
        Rec lastRec = lastForAccount(g);

        // the entry orders the engine decides while nothing is filled: a BATCH replay
        Collected batch = Runs.run(cfg, Runs.Inputs.files(writeFiles(g, from), cfg),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "gw-batch", "backtest",
                null);
        List<io.tradeflow.event.Order> entries = batch.orders().stream()
                .filter(o -> ACCOUNT.equals(o.account())
                        && io.tradeflow.event.Order.LIMIT.equals(o.type())
                        && o.ts() >= from + MINUTE)
                .sorted(Comparator.comparingLong(io.tradeflow.event.Order::ts)).toList();
        System.out.println("broker e2e: entries to fill from " + entries);
        assertThat(entries).isNotEmpty();
        io.tradeflow.event.Order e1 = entries.get(0);
        io.tradeflow.event.Order e2 = entries.stream()
                .filter(o -> !o.ticker().equals(e1.ticker()) && o.quantity() >= 2
                        && o.ts() >= e1.ts() + 2 * MINUTE)
                .findFirst().orElseThrow();

        Bars bars = new Bars(g.bars(), k.topic(KafkaSettings.BARS));
        String suffix = Long.toString(System.nanoTime());
        Path checkpoints1 = Path.of("target", "checkpoints", "gw-1-" + suffix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers()));
                Gateway gateway = new Gateway(k.topic(KafkaSettings.ORDERS),
                        k.topic(KafkaSettings.FILLS))) {
            JobClient first = start(cfg, pg, checkpoints1, null);
            String savepoint;
            Map<String, Long> filledQty = new LinkedHashMap<>();
            JsonNode o1;
            JsonNode o2;
            try {
                // the rest of the day's recommendations and VIX, ahead of every bar: while they
                // are read, bars trickle in, so the watermark follows the bars and not them; once
                // read, they are idle for good and never hold the watermark back
                String barsTopic = k.topic(KafkaSettings.BARS);
                bars.trickleUntil(() -> committed(admin, barsTopic) > 0);
                produceRecommendationsAndVix(g, k, from);
                for (String key : List.of(KafkaSettings.RECOMMENDATIONS, KafkaSettings.VIX)) {
                    String topic = k.topic(key);
                    bars.trickleUntil(() -> committed(admin, topic) >= end(admin, topic));
                }
                long idle = System.nanoTime() + cfg.input().idleness().multipliedBy(2).toNanos();
                bars.trickleUntil(() -> System.nanoTime() > idle);
                assertThat(bars.producedUpTo()).as("bars trickled").isLessThan(from);

                // the first bar after an entry moves the watermark past it, not past its
                // deadline; a fill's event time lies between the two
                long end1 = (e1.ts() / MINUTE + 1) * MINUTE;
                bars.produceUpTo(end1);
                o1 = gateway.awaitPlaced(e1.clientOrderId());
                long q1 = o1.get("quantity").asLong();
                String p1 = o1.get("position_id").asText();
                // the order is out and the watermark past it: no position without a fill
                assertThat(count(pg, "positions")).isZero();
                gateway.fill(o1, q1, end1 + 500);
                gateway.fillUnknown(e1.ticker(), end1 + 1_500);
                filledQty.put(p1, q1);
                awaitRead(admin, k.topic(KafkaSettings.FILLS));

                long end2 = (e2.ts() / MINUTE + 1) * MINUTE;
                bars.produceUpTo(end2);
                o2 = gateway.awaitPlaced(e2.clientOrderId());
                long q2 = o2.get("quantity").asLong();
                String p2 = o2.get("position_id").asText();
                long partial = q2 / 2;
                gateway.fill(o2, partial, end2 + 500);
                gateway.fill(o2, q2 - partial, end2 + 30_000);
                filledQty.put(p2, q2);
                // once the bars are idle, the rest's event time moves the watermark past the
                // partial fill only
                LiveJobITCase.await(Duration.ofSeconds(30), () -> quantity(pg, p2) == partial);
                assertThat(quantity(pg, p1)).as("full fill").isEqualTo(q1);
                assertThat(status(pg, e2.clientOrderId())).as("partly filled, still working")
                        .isEqualTo("new");

                // a savepoint with the rest fill read but not yet applied, then the rest of the day
                savepoint = first.triggerSavepoint(Path.of("target", "savepoints", "gw-" + suffix)
                        .toAbsolutePath().toUri().toString(), SavepointFormatType.CANONICAL).get();
                bars.produceUpTo(Long.MAX_VALUE);
                LiveJobITCase.await(Duration.ofSeconds(60), () -> quantity(pg, p2) == q2);
                awaitRow(pg, "SELECT id FROM trading_decisions WHERE run_id = '" + RUN
                        + "' AND recommendation_id = '" + lastRec.id() + "'");
                LiveJobITCase.awaitCheckpointsAfter(checkpoints1);
            } catch (AssertionError | RuntimeException e) {
                for (String t : List.of("fills", "positions", "orders")) {
                    System.out.println(t + ": " + EmbeddedPostgresExtension.rows(pg, t, RUN));
                }
                System.out.println("dead letters: " + EmbeddedPostgresExtension.query(pg,
                        "SELECT source, reason, count(*) AS n FROM dead_letters GROUP BY 1, 2"));
                System.out.println("decisions: " + EmbeddedPostgresExtension.query(pg,
                        "SELECT decision, reason, count(*) AS n, min(ts) AS t FROM "
                                + "trading_decisions GROUP BY 1, 2"));
                System.out.println("bars produced up to " + bars.producedUpTo());
                System.out.println("late: " + EmbeddedPostgresExtension.query(pg,
                        "SELECT position FROM dead_letters WHERE reason = 'late' ORDER BY 1"));
                System.out.println("placed: " + gateway.placed().keySet());
                throw e;
            } finally {
                first.cancel().get();
            }
            gateway.pollToEnd();
            int sentFirstRun = gateway.records().size();
            Map<String, List<String>> afterFirst = tables(pg);
            assertThat(gateway.repeats()).isZero();

            // restore from the savepoint: everything after it is processed, and sent, again
            TradeflowConfig again = ConfigLoader.parse(ConfigLoader.toJson(cfg),
                    List.of("input.idleness=PT5S"));
            Object restartAt = EmbeddedPostgresExtension.query(pg, "SELECT now() AS t").get(0)
                    .get("t");
            Path checkpoints2 = Path.of("target", "checkpoints", "gw-2-" + suffix);
            JobClient second = start(again, pg, checkpoints2, savepoint);
            try {
                awaitRow(pg, "SELECT id FROM trading_decisions WHERE run_id = '" + RUN
                        + "' AND recommendation_id = '" + lastRec.id() + "' AND written_at > '"
                        + restartAt + "'");
                LiveJobITCase.awaitCheckpointsAfter(checkpoints2);
            } finally {
                second.cancel().get();
            }
            gateway.pollToEnd();

            // (b) the replay re-sent orders, each byte-identical to its first send
            assertThat(gateway.repeats()).as("orders re-sent by the replay").isPositive();
            assertThat(gateway.records().size()).isEqualTo(sentFirstRun + gateway.repeats());
            assertThat(tables(pg)).as("the replay rewrote the same rows").isEqualTo(afterFirst);

            // (a) the gateway placed exactly the orders the engine decided, each once
            Set<String> decided = new TreeSet<>();
            EmbeddedPostgresExtension.query(pg, "SELECT id FROM orders WHERE run_id = '" + RUN
                    + "' AND account = '" + ACCOUNT + "'").forEach(m -> decided.add(
                    m.get("id").toString()));
            Set<String> keys = new TreeSet<>();
            gateway.records().forEach(rec -> keys.add(rec.key()));
            assertThat(keys).isEqualTo(decided).isEqualTo(gateway.placed().keySet());
            assertThat(decided).hasSizeGreaterThan(2);

            // (c) only the gateway's fills moved positions
            Map<String, Long> positions = new HashMap<>();
            EmbeddedPostgresExtension.query(pg, "SELECT id, quantity FROM positions "
                    + "WHERE run_id = '" + RUN + "'").forEach(m -> positions.put(
                    m.get("id").toString(), ((Number) m.get("quantity")).longValue()));
            assertThat(positions).isEqualTo(filledQty);
            assertThat(EmbeddedPostgresExtension.query(pg, "SELECT id FROM orders WHERE run_id = '"
                    + RUN + "' AND status = 'filled' ORDER BY id")).extracting(m -> m.get("id"))
                    .containsExactlyInAnyOrderElementsOf(filledQty.keySet());
            assertThat(EmbeddedPostgresExtension.query(pg, "SELECT client_order_id, quantity "
                    + "FROM fills WHERE run_id = '" + RUN + "' ORDER BY ts"))
                    .extracting(m -> m.get("client_order_id") + "x" + m.get("quantity"))
                    .containsExactly(o1.get("client_order_id").asText() + "x"
                                    + o1.get("quantity").asLong(),
                            o2.get("client_order_id").asText() + "x"
                                    + o2.get("quantity").asLong() / 2,
                            o2.get("client_order_id").asText() + "x"
                                    + (o2.get("quantity").asLong()
                                    - o2.get("quantity").asLong() / 2));

            // (d) the unknown order's fill is the one dead letter: nothing was late
            assertThat(EmbeddedPostgresExtension.query(pg, "SELECT source, position, reason, "
                    + "detail FROM dead_letters WHERE run_id = '" + RUN + "'"))
                    .containsExactly(Map.of("source", "fills", "position", UNKNOWN_ORDER,
                            "reason", "unknown_order",
                            "detail", "no working order has this client order id"));
            System.out.printf("broker e2e: %d orders placed, %d records on orders, %d repeats "
                            + "dropped, in %d ms%n", gateway.placed().size(),
                    gateway.records().size(), gateway.repeats(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Writes the inputs the live run gets as files: all bars, recommendations and VIX from on. */
    static Pipeline.Files writeFiles(MarketGenerator.Generated g, long from) throws Exception {
        Path dir = java.nio.file.Files.createDirectories(Path.of("target", "broker-e2e"));
        g.writeBarsCsv(dir.resolve("bars.csv"));
        List<String> recs = new ArrayList<>();
        for (String line : g.recommendationJsonLines()) {
            if (rec(line).ts() >= from) {
                recs.add(line);
            }
        }
        java.nio.file.Files.write(dir.resolve("recs.jsonl"), recs);
        List<String> vix = new ArrayList<>();
        for (VixQuote q : g.vix()) {
            if (q.ts() >= from) {
                vix.add(MarketGenerator.vixJson(q));
            }
        }
        vix.add(MarketGenerator.vixJson(LiveJobITCase.sentinel(g)));
        java.nio.file.Files.write(dir.resolve("vix.jsonl"), vix);
        return new Pipeline.Files(List.of(dir.resolve("bars.csv")),
                io.tradeflow.io.parse.BarParser.Format.CSV, null,
                List.of(dir.resolve("recs.jsonl")), List.of(dir.resolve("vix.jsonl")), List.of());
    }

    /** Produces the day's recommendations and VIX quotes from {@code from} on. */
    static void produceRecommendationsAndVix(MarketGenerator.Generated g, KafkaSettings k,
            long from) throws Exception {
        List<String[]> recs = new ArrayList<>();
        List<Long> emitted = new ArrayList<>();
        for (int i = 0; i < g.recommendationJsonLines().size(); i++) {
            String line = g.recommendationJsonLines().get(i);
            if (rec(line).ts() >= from) {
                recs.add(new String[] {null, line});
                emitted.add(g.recommendationEmittedAt().get(i));
            }
        }
        KAFKA.produce(k.topic(KafkaSettings.RECOMMENDATIONS), recs, emitted);
        List<VixQuote> vix = new ArrayList<>(g.vix());
        vix.add(LiveJobITCase.sentinel(g));
        vix.removeIf(q -> q.ts() < from);
        List<String[]> quotes = new ArrayList<>();
        vix.forEach(q -> quotes.add(new String[] {"VIX", MarketGenerator.vixJson(q)}));
        KAFKA.produce(k.topic(KafkaSettings.VIX), quotes, vix.stream().map(VixQuote::ts).toList());
    }

    static JobClient start(TradeflowConfig cfg, JdbcSettings pg, Path checkpoints,
            String savepoint) throws Exception {
        Configuration conf = Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.STREAMING);
        conf.addAll(TestClusters.checkpointed(cfg, checkpoints.getFileName().toString()));
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        LiveJob.build(env, cfg, pg, RUN);
        return env.executeAsync("live broker e2e");
    }

    static Rec lastForAccount(MarketGenerator.Generated g) throws Exception {
        Rec last = null;
        for (String line : g.recommendationJsonLines()) {
            Rec r = rec(line);
            if ((r.account() == null || ACCOUNT.equals(r.account()))
                    && (last == null || r.ts() > last.ts())) {
                last = r;
            }
        }
        return last;
    }

    static Rec rec(String line) throws Exception {
        JsonNode n = JSON.readTree(line);
        return new Rec(n.get("id").asText(), n.get("ticker").asText(),
                OffsetDateTime.parse(n.get("generated_at").asText()).toInstant().toEpochMilli(),
                n.hasNonNull("account") ? n.get("account").asText() : null);
    }

    static Map<String, Object> awaitRow(JdbcSettings pg, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        LiveJobITCase.await(Duration.ofSeconds(30), () -> {
            rows.clear();
            rows.addAll(EmbeddedPostgresExtension.query(pg, sql));
            return !rows.isEmpty();
        });
        return rows.get(0);
    }

    static long count(JdbcSettings pg, String table) {
        return ((Number) EmbeddedPostgresExtension.query(pg, "SELECT count(*) AS n FROM " + table
                + " WHERE run_id = '" + RUN + "'").get(0).get("n")).longValue();
    }

    static long quantity(JdbcSettings pg, String positionId) {
        List<Map<String, Object>> rows = EmbeddedPostgresExtension.query(pg,
                "SELECT quantity FROM positions WHERE run_id = '" + RUN + "' AND id = '"
                        + positionId + "'");
        return rows.isEmpty() ? -1 : ((Number) rows.get(0).get("quantity")).longValue();
    }

    static String status(JdbcSettings pg, String clientOrderId) {
        return EmbeddedPostgresExtension.query(pg, "SELECT status FROM orders WHERE run_id = '"
                + RUN + "' AND id = '" + clientOrderId + "'").get(0).get("status").toString();
    }

    static Map<String, List<String>> tables(JdbcSettings pg) {
        Map<String, List<String>> m = new HashMap<>();
        for (String t : List.of("trading_decisions", "orders", "fills", "positions",
                "dead_letters")) {
            m.put(t, EmbeddedPostgresExtension.rows(pg, t, RUN));
        }
        return m;
    }

    /** Waits until the job has read a topic to its end (its offsets commit with checkpoints). */
    static void awaitRead(Admin admin, String topic) throws Exception {
        long end = end(admin, topic);
        LiveJobITCase.await(Duration.ofSeconds(30), () -> committed(admin, topic) >= end);
    }

    static long committed(Admin admin, String topic) throws Exception {
        OffsetAndMetadata o = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                .get().get(new TopicPartition(topic, 0));
        return o == null ? -1 : o.offset();
    }

    static long end(Admin admin, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get()
                .offset();
    }

    /** Produces the day's bars in time order, a chunk at a time. */
    static final class Bars {
        private final List<Bar> bars;
        private final String topic;
        private int next;
        private long producedUpTo;

        Bars(List<Bar> bars, String topic) {
            this.bars = new ArrayList<>(bars);
            this.bars.sort(Comparator.comparingLong(Bar::ts).thenComparing(Bar::ticker));
            this.topic = topic;
            this.producedUpTo = this.bars.get(0).ts() - MINUTE;
        }

        /** Produces one minute of bars every 250 ms until {@code done}: the bars stay active. */
        void trickleUntil(java.util.concurrent.Callable<Boolean> done) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!done.call()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not done within 60 s of trickling bars");
                }
                produceUpTo(producedUpTo + MINUTE);
                Thread.sleep(250);
            }
        }

        long producedUpTo() {
            return producedUpTo;
        }

        void produceUpTo(long ts) {
            List<String[]> kv = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            while (next < bars.size() && bars.get(next).ts() <= ts) {
                Bar b = bars.get(next++);
                kv.add(new String[] {b.ticker(), MarketGenerator.barJson(b)});
                times.add(b.ts());
            }
            if (!kv.isEmpty()) {
                KAFKA.produce(topic, kv, times);
            }
            producedUpTo = ts;
        }
    }

    /**
     * A broker gateway as {@code docs/broker-contract.md} describes it: reads {@code orders},
     * places each client order id once (a repeat must be byte-identical and is dropped), and
     * reports executions on {@code fills}, keyed by account.
     */
    static final class Gateway implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final TopicPartition partition;
        private final String fillsTopic;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        private final Map<String, JsonNode> placed = new LinkedHashMap<>();
        private final Map<String, String> firstSend = new HashMap<>();
        private int repeats;

        Gateway(String ordersTopic, String fillsTopic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(p);
            partition = new TopicPartition(ordersTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            this.fillsTopic = fillsTopic;
        }

        List<ConsumerRecord<String, String>> records() {
            return records;
        }

        Map<String, JsonNode> placed() {
            return placed;
        }

        int repeats() {
            return repeats;
        }

        void poll(Duration d) throws Exception {
            for (ConsumerRecord<String, String> r : consumer.poll(d)) {
                records.add(r);
                JsonNode order = JSON.readTree(r.value());
                assertThat(r.key()).isEqualTo(order.get("client_order_id").asText());
                String status = order.get("status").asText();
                String before = firstSend.putIfAbsent(r.key() + "/" + status, r.value());
                if (before != null) {
                    assertThat(r.value()).as("repeat of %s (%s)", r.key(), status)
                            .isEqualTo(before);
                    repeats++; // dropped: placed once
                } else if ("new".equals(status)) {
                    placed.put(r.key(), order);
                }
            }
        }

        void pollToEnd() throws Exception {
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                poll(Duration.ofMillis(200));
            }
        }

        JsonNode awaitPlaced(String clientOrderId) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode o = placed.get(clientOrderId);
                if (o != null) {
                    return o;
                }
                poll(Duration.ofMillis(100));
            }
            throw new AssertionError("order " + clientOrderId + " not on Kafka within 30 s");
        }

        /** Reports one execution of {@code order} at its limit price. */
        void fill(JsonNode order, long quantity, long ts) {
            send(order.get("client_order_id").asText(), order.get("ticker").asText(),
                    order.get("side").asText(), quantity, order.get("limit_price").asDouble(), ts);
        }

        void fillUnknown(String ticker, long ts) {
            send(UNKNOWN_ORDER, ticker, "buy", 5, 100.0, ts);
        }

        private void send(String clientOrderId, String ticker, String side, long quantity,
                double price, long ts) {
            ObjectNode f = JSON.createObjectNode();
            f.put("client_order_id", clientOrderId);
            f.put("account", ACCOUNT);
            f.put("ticker", ticker);
            f.put("side", side);
            f.put("quantity", quantity);
            f.put("price", price);
            f.put("commission", 0.5);
            f.put("ts", ts);
            KAFKA.produce(fillsTopic, List.<String[]>of(new String[] {ACCOUNT, f.toString()}),
                    List.of(ts));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
