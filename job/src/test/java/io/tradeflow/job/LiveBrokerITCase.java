package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.rules.calendar.MarketTime;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The broker port end to end, with a real Kafka broker and a fake broker gateway: the live job
 * sends orders on {@code orders}, the gateway places each client order id once and reports
 * executions (one full fill, one partial fill then the rest) on {@code fills}, and those fills are
 * the only thing that moves the live account's positions. A fill for an unknown order ends in
 * {@code dead_letters}. The job is then restored from a savepoint taken mid-day: it replays, and
 * every order it re-sends is byte-identical to its first send.
 *
 * <p>The market runs like a live one: a {@link Feed} thread produces the day's bars,
 * recommendations and VIX quotes merged in event-time order, one minute of the market at a time
 * and never pausing, so no topic runs ahead of another and the bars never turn idle. The gateway
 * answers whatever entries it sees: its fills go out through the same thread, stamped just after
 * the latest event time sent, so a fill is never behind the watermark and lies inside the entry
 * timeout (R-ORD-1) of an order the gateway has just read. Every topic has one partition, so no
 * partition of a topic can overtake another.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
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

    /**
     * The entry timeout of the test account (R-ORD-1). The watermark follows the sparsest active
     * input (a recommendation or VIX quote holds it for up to the idleness, ~13 minutes of the
     * slow pace), and the gateway needs three such steps to fill, see a partial fill applied, and
     * fill the rest: an hour leaves it room, in wall time ~9 s at the slow pace.
     */
    static final Duration ENTRY_TIMEOUT = Duration.ofMinutes(60);
    /** Wall time per minute of market until the gateway has filled its orders: 60 s in 150 ms. */
    static final long SLOW_PACE_MS = 150;
    /** Wall time per minute of market once the gateway has filled what it fills. */
    static final long FAST_PACE_MS = 10;

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
        // a long entry timeout (R-ORD-1) leaves the gateway room while the market moves on; no
        // daily trade limit (R-DAY-1), so entries continue after the early signals
        TradeflowConfig cfg = ConfigLoader.parse("""
                accounts:
                  - { id: live-1, profile: intraday, mode: live, cash: 100000,
                      universe: [AAPL, MSFT, SPY],
                      rules: { entry-timeout: %s, max-trades-per-day: 0 } }
                parallelism: 1
                input: { idleness: PT2S }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: %s
                  topics: { bars: gw-bars, recommendations: gw-recs, vix: gw-vix,
                            calendar: gw-calendar, control: gw-control, fills: gw-fills,
                            orders: gw-orders }
                """.formatted(ENTRY_TIMEOUT.toMinutes() + "m", KAFKA.bootstrapServers(), GROUP),
                List.of());
        KafkaSettings k = cfg.kafka();
        for (String key : List.of(KafkaSettings.BARS, KafkaSettings.RECOMMENDATIONS,
                KafkaSettings.VIX, KafkaSettings.CALENDAR, KafkaSettings.CONTROL,
                KafkaSettings.FILLS, KafkaSettings.ORDERS)) {
            KAFKA.createTopics(1, k.topic(key));
        }
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("broker_e2e");
        Migrations.migrate(pg);

        // recommendations and VIX from 10:30 on: the first hour of bars warms the indicators up
        long from = g.bars().get(0).ts() + 60 * MINUTE;
        Rec lastRec = lastForAccount(g);

        String suffix = Long.toString(System.nanoTime());
        Path checkpoints1 = Path.of("target", "checkpoints", "gw-1-" + suffix);
        try (Feed feed = new Feed(g, k, from, cfg.input().idleness());
                Gateway gateway = new Gateway(k.topic(KafkaSettings.ORDERS), feed)) {
            JobClient first = start(cfg, pg, checkpoints1, null);
            String savepoint;
            Map<String, Long> filledQty = new LinkedHashMap<>();
            JsonNode o1;
            JsonNode o2;
            try {
                // a completed checkpoint: every reader runs, none can start behind the others
                LiveJobITCase.await(Duration.ofSeconds(60),
                        () -> LiveJobITCase.completedCheckpoint(checkpoints1) >= 1);
                feed.start();

                // the first entry the gateway sees with time left to fill it: filled in full
                o1 = gateway.awaitEntry(o -> feed.timeLeft(o) > 15 * MINUTE);
                long q1 = o1.get("quantity").asLong();
                String c1 = o1.get("client_order_id").asText();
                String p1 = o1.get("position_id").asText();
                // the order is out, so the watermark is past it: no position without a fill
                assertThat(count(pg, "positions")).isZero();
                long f1 = gateway.fill(o1, q1);
                assertThat(f1).as("fill inside the entry timeout").isLessThan(deadline(o1));
                gateway.fillUnknown(o1.get("ticker").asText());
                filledQty.put(p1, q1);
                LiveJobITCase.await(Duration.ofSeconds(30), () -> quantity(pg, p1) == q1);
                // the order's row (another sink) follows: filled in full
                LiveJobITCase.await(Duration.ofSeconds(30), () -> "filled".equals(status(pg, c1)));

                // a savepoint mid-day, the market still running: the second run replays from it
                savepoint = first.triggerSavepoint(Path.of("target", "savepoints", "gw-" + suffix)
                        .toAbsolutePath().toUri().toString(), SavepointFormatType.CANONICAL).get();

                // an entry on another ticker, placed after the savepoint: one partial fill, seen
                // applied while the order still works, then the rest
                // every order sent before the savepoint was flushed to Kafka before it completed
                gateway.pollToEnd();
                int seenBeforeSavepoint = gateway.records().size();
                String t1 = o1.get("ticker").asText();
                o2 = gateway.awaitEntry(o -> !o.get("ticker").asText().equals(t1)
                        && !o.get("position_id").asText().equals(p1)
                        && o.get("quantity").asLong() >= 2
                        && gateway.indexOf(o) >= seenBeforeSavepoint
                        && feed.timeLeft(o) > 40 * MINUTE);
                long q2 = o2.get("quantity").asLong();
                String c2 = o2.get("client_order_id").asText();
                String p2 = o2.get("position_id").asText();
                long partial = q2 / 2;
                gateway.fill(o2, partial);
                LiveJobITCase.await(Duration.ofSeconds(30), () -> quantity(pg, p2) == partial);
                assertThat(status(pg, c2)).as("partly filled, still working").isEqualTo("new");
                LiveJobITCase.await(Duration.ofSeconds(30), () -> fills(pg, c2) == 1);
                long f3 = gateway.fill(o2, q2 - partial);
                assertThat(f3).as("rest inside the entry timeout").isLessThan(deadline(o2));
                filledQty.put(p2, q2);
                LiveJobITCase.await(Duration.ofSeconds(30), () -> quantity(pg, p2) == q2);
                LiveJobITCase.await(Duration.ofSeconds(30), () -> "filled".equals(status(pg, c2)));

                // the rest of the day, faster: the gateway places what it sees and fills nothing
                feed.pace(FAST_PACE_MS);
                feed.awaitEnd(Duration.ofSeconds(60));
                awaitRow(pg, "SELECT id FROM trading_decisions WHERE run_id = '" + RUN
                        + "' AND recommendation_id = '" + lastRec.id() + "'");
                LiveJobITCase.awaitCheckpointsAfter(checkpoints1);
            } catch (AssertionError | Exception e) {
                for (String t : List.of("fills", "positions", "orders")) {
                    System.out.println(t + ": " + EmbeddedPostgresExtension.rows(pg, t, RUN));
                }
                System.out.println("dead letters: " + EmbeddedPostgresExtension.query(pg,
                        "SELECT source, position, reason, count(*) AS n FROM dead_letters "
                                + "GROUP BY 1, 2, 3 ORDER BY 2"));
                System.out.println("decisions: " + EmbeddedPostgresExtension.query(pg,
                        "SELECT decision, reason, count(*) AS n, min(ts) AS t FROM "
                                + "trading_decisions GROUP BY 1, 2"));
                System.out.println("market sent up to " + MarketTime.iso(feed.lastSent()));
                System.out.println("placed: " + gateway.placed().keySet());
                throw e;
            } finally {
                feed.close();
                first.cancel().get();
            }
            gateway.pollToEnd();
            int sentFirstRun = gateway.records().size();
            Map<String, List<String>> afterFirst = tables(pg);
            assertThat(gateway.repeats()).isZero();

            // restore from the savepoint: everything after it is processed, and sent, again; the
            // inputs are all on their topics, so a reader slow to start must not count as idle
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

            // (b) the replay re-sent orders, each byte-identical to its first send (the gateway
            // fails on a repeat that differs), and no order the first run did not send
            assertThat(gateway.repeats()).as("orders re-sent by the replay").isPositive();
            assertThat(gateway.records().size()).isEqualTo(sentFirstRun + gateway.repeats());
            assertThat(tables(pg)).as("the replay rewrote the same rows").isEqualTo(afterFirst);
            assertThat(gateway.repeated()).as("the partly filled order was re-sent")
                    .contains(o2.get("client_order_id").asText());

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
                    .containsExactlyInAnyOrder(o1.get("client_order_id").asText(),
                            o2.get("client_order_id").asText());
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

    /** The event time after which the engine cancels an entry order (R-ORD-1). */
    static long deadline(JsonNode order) {
        return orderTs(order) + ENTRY_TIMEOUT.toMillis();
    }

    static long orderTs(JsonNode order) {
        return OffsetDateTime.parse(order.get("ts").asText()).toInstant().toEpochMilli();
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

    static long fills(JdbcSettings pg, String clientOrderId) {
        return ((Number) EmbeddedPostgresExtension.query(pg, "SELECT count(*) AS n FROM fills "
                + "WHERE run_id = '" + RUN + "' AND client_order_id = '" + clientOrderId + "'")
                .get(0).get("n")).longValue();
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

    /**
     * The market, live: one thread produces the day's bars, recommendations (signed by the
     * generator) and VIX quotes merged in event-time order, one minute of market at a time with
     * a pause of {@code pace} wall time between minutes, never stopping, so no topic is ahead of
     * another and the bars never turn idle. The gateway's fills go out through the same thread,
     * between two minutes, stamped 1 ms after the latest event time sent: behind nothing the job
     * has seen, ahead of nothing it will see.
     *
     * <p>A record on a topic that has been quiet long enough to be idle (recommendations between
     * sparse signals, every fill) is given a head start ({@link #SETTLE_MS}) before the next
     * minute: its reader is woken from idle and holds the watermark back before the bars of the
     * next minute can move it past the record.
     */
    static final class Feed implements AutoCloseable {
        static final long SETTLE_MS = 250;

        private record Event(long ts, int rank, String topic, String key, String value,
                long recordTs) {}

        private record PendingFill(String key, LongFunction<String> valueAt,
                CompletableFuture<Long> sent) {}

        private final List<List<Event>> minutes = new ArrayList<>();
        private final Event sentinel;
        private final String fillsTopic;
        private final long quietNanos;
        private final KafkaProducer<String, String> producer;
        private final AtomicLong lastSent = new AtomicLong(Long.MIN_VALUE);
        private final BlockingQueue<PendingFill> fills = new LinkedBlockingQueue<>();
        private final Map<String, Long> lastWall = new HashMap<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private final Thread thread = new Thread(this::run, "market-feed");
        private volatile long pace = SLOW_PACE_MS;
        private volatile Throwable failure;
        private volatile boolean closed;

        Feed(MarketGenerator.Generated g, KafkaSettings k, long from, Duration idleness)
                throws Exception {
            this.quietNanos = idleness.toNanos() / 2;
            this.fillsTopic = k.topic(KafkaSettings.FILLS);
            List<Event> all = new ArrayList<>();
            for (Bar b : g.bars()) {
                all.add(new Event(b.ts(), 0, k.topic(KafkaSettings.BARS), b.ticker(),
                        MarketGenerator.barJson(b), b.ts()));
            }
            for (VixQuote q : g.vix()) {
                if (q.ts() >= from) {
                    all.add(new Event(q.ts(), 1, k.topic(KafkaSettings.VIX), "VIX",
                            MarketGenerator.vixJson(q), q.ts()));
                }
            }
            for (int i = 0; i < g.recommendationJsonLines().size(); i++) {
                String line = g.recommendationJsonLines().get(i);
                long ts = rec(line).ts();
                if (ts >= from) {
                    all.add(new Event(ts, 2, k.topic(KafkaSettings.RECOMMENDATIONS), null, line,
                            g.recommendationEmittedAt().get(i)));
                }
            }
            // stable: a duplicate recommendation stays right after its original
            all.sort(Comparator.comparingLong(Event::ts).thenComparingInt(Event::rank));
            long minute = Long.MIN_VALUE;
            for (Event e : all) {
                if (Math.floorDiv(e.ts(), MINUTE) != minute) {
                    minute = Math.floorDiv(e.ts(), MINUTE);
                    minutes.add(new ArrayList<>());
                }
                minutes.get(minutes.size() - 1).add(e);
            }
            VixQuote end = LiveJobITCase.sentinel(g);
            sentinel = new Event(end.ts(), 1, k.topic(KafkaSettings.VIX), "VIX",
                    MarketGenerator.vixJson(end), end.ts());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(p);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** Sets the wall time per minute of market from now on. */
        void pace(long millis) {
            pace = millis;
        }

        /** The latest event time on the input topics. */
        long lastSent() {
            return lastSent.get();
        }

        /** The event time left before the engine cancels the entry {@code order} (R-ORD-1). */
        long timeLeft(JsonNode order) {
            return deadline(order) - lastSent.get();
        }

        /**
         * Sends a fill, keyed {@code key}, at the next break between two minutes; returns its
         * event time, just after the latest event time sent.
         */
        long fill(String key, LongFunction<String> valueAt) throws Exception {
            if (ended.getCount() == 0) {
                throw new IllegalStateException("the market day is over");
            }
            PendingFill f = new PendingFill(key, valueAt, new CompletableFuture<>());
            fills.add(f);
            return f.sent().get(30, TimeUnit.SECONDS);
        }

        void awaitEnd(Duration timeout) throws Exception {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("market day not produced within " + timeout);
            }
            if (failure != null) {
                throw new AssertionError("market feed failed", failure);
            }
        }

        private void run() {
            try {
                for (List<Event> minute : minutes) {
                    if (closed) {
                        return;
                    }
                    boolean settle = sendFills();
                    if (settle) {
                        Thread.sleep(SETTLE_MS);
                    }
                    settle = send(minute);
                    Thread.sleep(pace + (settle ? SETTLE_MS : 0));
                }
                sendFills();
                send(List.of(sentinel));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            } finally {
                ended.countDown();
                PendingFill f;
                while ((f = fills.poll()) != null) {
                    f.sent().completeExceptionally(new IllegalStateException("feed ended"));
                }
            }
        }

        /** Sends the pending fills; returns whether there were any. */
        private boolean sendFills() throws Exception {
            boolean any = false;
            PendingFill f;
            while ((f = fills.poll()) != null) {
                long ts = lastSent.get() + 1;
                producer.send(new ProducerRecord<>(fillsTopic, null, ts, f.key(),
                        f.valueAt().apply(ts))).get();
                lastSent.set(ts);
                lastWall.put(fillsTopic, System.nanoTime());
                f.sent().complete(ts);
                any = true;
            }
            return any;
        }

        /** Sends one minute of market; returns whether a quiet topic got a record. */
        private boolean send(List<Event> events) throws Exception {
            long now = System.nanoTime();
            boolean quiet = false;
            for (Event e : events) {
                Long last = lastWall.get(e.topic());
                quiet |= last == null || now - last > quietNanos;
                producer.send(new ProducerRecord<>(e.topic(), null, e.recordTs(), e.key(),
                        e.value()));
            }
            producer.flush();
            long after = System.nanoTime();
            for (Event e : events) {
                lastWall.put(e.topic(), after);
            }
            lastSent.accumulateAndGet(events.get(events.size() - 1).ts(), Math::max);
            return quiet;
        }

        @Override
        public void close() throws Exception {
            if (!closed) {
                closed = true;
                thread.interrupt();
                thread.join(10_000);
                producer.close(Duration.ofSeconds(5));
            }
        }
    }

    /**
     * A broker gateway as {@code docs/broker-contract.md} describes it: reads {@code orders},
     * places each client order id once (a repeat must be byte-identical and is dropped), and
     * reports executions on {@code fills}, keyed by account, through the market feed.
     */
    static final class Gateway implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final TopicPartition partition;
        private final Feed feed;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        private final Map<String, JsonNode> placed = new LinkedHashMap<>();
        private final Map<String, Integer> placedAt = new HashMap<>();
        private final Map<String, String> firstSend = new HashMap<>();
        private final Set<String> repeated = new TreeSet<>();
        private final Set<String> worked = new HashSet<>();
        private int repeats;

        Gateway(String ordersTopic, Feed feed) {
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
            this.feed = feed;
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

        /** The client order ids of which a repeat was dropped. */
        Set<String> repeated() {
            return repeated;
        }

        /** The position on {@code orders} of the first send of a placed order. */
        int indexOf(JsonNode order) {
            return placedAt.get(order.get("client_order_id").asText());
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
                    repeated.add(r.key());
                } else if ("new".equals(status)) {
                    placed.put(r.key(), order);
                    placedAt.put(r.key(), records.size() - 1);
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

        /**
         * Waits for a placed entry order of the account (a limit order: a whole entry or one
         * tranche of it), not yet worked, that {@code wanted} accepts; it is then worked.
         */
        JsonNode awaitEntry(Predicate<JsonNode> wanted) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode o : placed.values()) {
                    String id = o.get("client_order_id").asText();
                    if (ACCOUNT.equals(o.get("account").asText())
                            && "limit".equals(o.get("type").asText())
                            && !worked.contains(id) && wanted.test(o)) {
                        worked.add(id);
                        System.out.println("broker e2e: working " + o + " with "
                                + feed.timeLeft(o) / 1000 + " s of event time left");
                        return o;
                    }
                }
                poll(Duration.ofMillis(50));
            }
            throw new AssertionError("no wanted entry on Kafka within 60 s; placed: "
                    + placed.keySet());
        }

        /** Reports one execution of {@code order} at its limit price; returns its event time. */
        long fill(JsonNode order, long quantity) throws Exception {
            return send(order.get("client_order_id").asText(), order.get("ticker").asText(),
                    order.get("side").asText(), quantity, order.get("limit_price").asDouble());
        }

        long fillUnknown(String ticker) throws Exception {
            return send(UNKNOWN_ORDER, ticker, "buy", 5, 100.0);
        }

        private long send(String clientOrderId, String ticker, String side, long quantity,
                double price) throws Exception {
            return feed.fill(ACCOUNT, ts -> {
                ObjectNode f = JSON.createObjectNode();
                f.put("client_order_id", clientOrderId);
                f.put("account", ACCOUNT);
                f.put("ticker", ticker);
                f.put("side", side);
                f.put("quantity", quantity);
                f.put("price", price);
                f.put("commission", 0.5);
                f.put("ts", ts);
                return f.toString();
            });
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
