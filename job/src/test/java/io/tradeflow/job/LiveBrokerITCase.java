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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The broker port end to end, with a real Kafka broker and a fake broker gateway: the live job
 * sends orders on {@code orders}, the gateway places each client order id once and reports
 * executions (one full fill, one partial fill then the rest) on {@code fills}, and those fills are
 * the only thing that moves the live account's positions. A fill for an unknown order ends in
 * {@code dead_letters} and pauses the account's entries (R-FILL-1). The job is then restored
 * from a savepoint taken mid-day: it replays, and every order it re-sends is byte-identical to its
 * first send.
 *
 * <p>The market is paced by the job, not by the clock. A {@link Feed} produces the day's bars,
 * recommendations and VIX quotes merged in event-time order, in parts, and produces the next part
 * only once the job has taken in the last: its Kafka readers have emitted every record of it
 * (their {@code currentOffset} metric) and a checkpoint started after that has completed, so
 * every operator has received them. Within a part, records of different topics lie at most the
 * out-of-orderness apart. So no record can meet a watermark that another topic moved past it,
 * however long its reader takes to wake from idle. Where the test looks at outputs it first lets
 * the job settle: the account engine's input watermark (another metric) has passed a given event
 * time and a checkpoint started after that has flushed the sinks; PostgreSQL and {@code orders}
 * then hold exactly what that much market produces. While the gateway looks for entries the feed
 * moves one minute at a time, so it works the same orders, at the same event times, in every run.
 * Its fills are stamped just after the latest event time sent; the fill for an unknown order comes
 * last and one out-of-orderness later, so that the fills topic's watermark passes the others.
 *
 * <p>Idleness decides nothing here but how soon a quiet topic stops holding the watermark back,
 * under one condition the feed keeps: the bars never stand still for as long as the idleness, as
 * each part is read and checkpointed in a fraction of it and, until the day is out, nothing waits
 * for a quiet topic to turn idle. (A reader that wakes from idle after another topic's watermark
 * has moved past its records finds them late; the ticker stage's held-back ticks are safe, see
 * {@code IdleInputsITCase}.) At the start the bars come one at a time until the topics with
 * nothing on them have turned idle. The only wall-clock
 * limit is the {@code @Timeout}, a hang guard; every wait has a deadline and fails saying what it
 * saw.
 *
 * <p>The restored job finds everything after the savepoint on its topics at once. It runs with an
 * out-of-orderness longer than the data spans (the first run's closing VIX quote included), so no
 * reader, however slow to start, can be passed by another's watermark. Once it has taken in every
 * topic to the end, one more VIX quote releases its watermark to just before the first run's
 * closing quote: past every record of the day, as the first run's went. Every topic has one
 * partition.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LiveBrokerITCase {
    /**
     * The job's metrics in this JVM: its readers' offsets, the account engine's watermark,
     * completed checkpoints.
     */
    static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2, METRICS);

    static final String RUN = "broker-e2e";
    static final String ACCOUNT = "live-1";
    static final String GROUP = "broker-e2e";
    static final String UNKNOWN_ORDER = "no-such-order";
    static final long MINUTE = 60_000;
    /** The gateway's commission per execution. */
    static final BigDecimal COMMISSION = new BigDecimal("0.5");
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The entry timeout of the test account (R-ORD-1): the gateway sees each entry one minute of
     * market after it was sent and fills it a few minutes later; an hour leaves room to spare.
     */
    static final Duration ENTRY_TIMEOUT = Duration.ofMinutes(60);
    /** The restored job's out-of-orderness: longer than everything the topics hold spans. */
    static final Duration REPLAY_OUT_OF_ORDERNESS = Duration.ofDays(4);
    /** Checkpoints often: the feed waits for one after every part it produces. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);
    /** The deadline of each wait for the job: a generous bound, not an expected time. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** One recommendation of the generated day: id, ticker, event time, addressed account. */
    record Rec(String id, String ticker, long ts, String account) {}

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard: each wait has its own deadline
    @DisplayName("orders out, fills back: placed once, positions from fills only, replay resends "
            + "byte-identical orders, unknown fill is a dead letter")
    void gatewayRoundTrip() throws Exception {
        long t0 = System.nanoTime();
        MarketGenerator.Generated g = market();
        // a long entry timeout (R-ORD-1) leaves the gateway room while the market moves on; no
        // daily trade limit (R-DAY-1), so entries continue after the early signals
        TradeflowConfig cfg = ConfigLoader.parse("""
                accounts:
                  - { id: live-1, profile: intraday, mode: live, cash: 100000,
                      universe: [AAPL, MSFT, SPY],
                      rules: { entry-timeout: %s, max-trades-per-day: 0 } }
                parallelism: 1
                # the bars never stand still this long (see the class comment)
                input: { idleness: PT5S }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: %s
                  topics: { bars: gw-bars, recommendations: gw-recs, vix: gw-vix,
                            calendar: gw-calendar, control: gw-control, fills: gw-fills,
                            orders: gw-orders }
                """.formatted(ENTRY_TIMEOUT.toMinutes() + "m", KAFKA.bootstrapServers(), GROUP),
                List.of());
        KafkaSettings k = cfg.kafka();
        for (String key : TestClusters.concat(KafkaSettings.INPUT_TOPIC_KEYS,
                KafkaSettings.ORDERS)) {
            KAFKA.createTopics(1, k.topic(key));
        }
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("broker_e2e");
        Migrations.migrate(pg);

        // recommendations and VIX from 10:30 on: the first hour of bars warms the indicators up
        long from = g.bars().get(0).ts() + 60 * MINUTE;
        Rec lastRec = lastForAccount(g);

        String suffix = Long.toString(System.nanoTime());
        Path checkpoints1 = Path.of("target", "checkpoints", "gw-1-" + suffix);
        try (Feed feed = new Feed(g, k, from, cfg.input().outOfOrderness());
                Gateway gateway = new Gateway(k.topic(KafkaSettings.ORDERS), feed)) {
            assertThat(REPLAY_OUT_OF_ORDERNESS.toMillis())
                    .as("the replay's out-of-orderness spans all the data")
                    .isGreaterThan(feed.sentinelTs() - g.bars().get(0).ts());
            Running first = start(cfg, pg, checkpoints1, null);
            feed.readBy(first);
            String savepoint;
            Map<String, Long> filledQty = new LinkedHashMap<>();
            JsonNode o1;
            JsonNode o2;
            try {
                // a completed checkpoint: every reader runs, none can start behind the others
                await("a first completed checkpoint", first::completedCheckpoints, n -> n >= 1);
                feed.warmUp();

                // the first entry the gateway sees with time left to fill it: filled in full
                o1 = feed.until("an entry with more than 15 minutes left",
                        () -> gateway.entry(o -> feed.timeLeft(o) > 15 * MINUTE));
                long q1 = o1.get("quantity").asLong();
                String c1 = o1.get("client_order_id").asText();
                String p1 = o1.get("position_id").asText();

                // a savepoint mid-day, the market still open: the second run replays from it
                savepoint = first.client().triggerSavepoint(Path.of("target", "savepoints",
                        "gw-" + suffix).toAbsolutePath().toUri().toString(),
                        SavepointFormatType.CANONICAL).get();

                // an entry on another ticker, placed after the savepoint: one partial fill, seen
                // applied while the order still works, then the rest
                // every order sent before the savepoint was flushed to Kafka before it completed
                gateway.pollToEnd();
                int seenBeforeSavepoint = gateway.records().size();
                String t1 = o1.get("ticker").asText();
                o2 = feed.until("a second entry with more than 40 minutes left",
                        () -> gateway.entry(o -> !o.get("ticker").asText().equals(t1)
                                && !o.get("position_id").asText().equals(p1)
                                && o.get("quantity").asLong() >= 2
                                && gateway.indexOf(o) >= seenBeforeSavepoint
                                && feed.timeLeft(o) > 40 * MINUTE));
                long q2 = o2.get("quantity").asLong();
                String c2 = o2.get("client_order_id").asText();
                String p2 = o2.get("position_id").asText();
                // both orders are out, so the watermark is past them: no position without a fill
                assertThat(count(pg, "positions")).as("positions before any fill").isZero();

                long f1 = gateway.fill(o1, q1);
                assertThat(f1).as("fill inside the entry timeout").isLessThan(deadline(o1));
                filledQty.put(p1, q1);
                long partial = q2 / 2;
                long f2 = gateway.fill(o2, partial);
                gateway.fillUnknown(o1.get("ticker").asText());
                // once the job has settled past the fills, the positions and the orders' rows
                // (two sinks) show them
                feed.settlePast(f2);
                assertThat(quantity(pg, p1)).as("position after its fill").isEqualTo(q1);
                assertThat(status(pg, c1)).as("the order filled in full").isEqualTo("filled");
                assertThat(quantity(pg, p2)).as("position after the partial fill")
                        .isEqualTo(partial);
                assertThat(status(pg, c2)).as("partly filled, still working").isEqualTo("new");
                assertThat(fills(pg, c2)).as("fills of the partly filled order").isEqualTo(1);
                long f3 = gateway.fill(o2, q2 - partial);
                assertThat(f3).as("rest inside the entry timeout").isLessThan(deadline(o2));
                filledQty.put(p2, q2);

                // the rest of the day in larger parts: the gateway places what it sees and fills
                // nothing; then a VIX quote two days later moves the watermark past it all
                feed.rest();
                assertThat(quantity(pg, p2)).as("position after the rest").isEqualTo(q2);
                assertThat(status(pg, c2)).as("the order filled in full").isEqualTo("filled");
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT id FROM trading_decisions "
                        + "WHERE run_id = '" + RUN + "' AND recommendation_id = '" + lastRec.id()
                        + "'")).as("the decision on the day's last recommendation").hasSize(1);
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
                System.out.println("market sent up to " + iso(feed.lastSent()));
                System.out.println("placed: " + gateway.placed().keySet());
                throw e;
            } finally {
                first.client().cancel().get();
            }
            gateway.pollToEnd();
            int sentFirstRun = gateway.records().size();
            Map<String, List<String>> afterFirst = tables(pg);
            assertThat(gateway.repeats()).isZero();

            // restore from the savepoint: everything after it is processed, and sent, again. An
            // out-of-orderness longer than the data keeps every watermark behind the day's records
            // while the job reads them, whichever reader starts first
            TradeflowConfig again = ConfigLoader.parse(ConfigLoader.toJson(cfg),
                    List.of("input.out-of-orderness=" + REPLAY_OUT_OF_ORDERNESS));
            Object restartAt = EmbeddedPostgresExtension.query(pg, "SELECT now() AS t").get(0)
                    .get("t");
            Path checkpoints2 = Path.of("target", "checkpoints", "gw-2-" + suffix);
            Running second = start(again, pg, checkpoints2, savepoint);
            feed.readBy(second);
            try {
                // every topic read to the end; then one VIX quote releases the watermark to just
                // before the first run's closing quote
                feed.awaitRead(Long.MIN_VALUE);
                feed.sendVix(feed.sentinelTs() + REPLAY_OUT_OF_ORDERNESS.toMillis(),
                        feed.watermarkAfter(feed.sentinelTs()));
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT id FROM trading_decisions "
                        + "WHERE run_id = '" + RUN + "' AND recommendation_id = '" + lastRec.id()
                        + "' AND written_at > '" + restartAt + "'"))
                        .as("the last recommendation decided again by the replay").hasSize(1);
            } finally {
                second.client().cancel().get();
            }
            gateway.pollToEnd();

            // (b) the replay re-sent orders, each byte-identical to its first send (the gateway
            // fails on a repeat that differs), and no order the first run did not send
            assertThat(gateway.repeats()).as("orders re-sent by the replay").isPositive();
            assertThat(gateway.records().size()).isEqualTo(sentFirstRun + gateway.repeats());
            assertThat(tables(pg)).as("the replay rewrote the same rows").isEqualTo(afterFirst);
            assertThat(gateway.repeated()).as("the partly filled order was re-sent")
                    .contains(o2.get("client_order_id").asText());

            // (a) the gateway placed exactly the orders the engine decided, each once; tranches
            // withdrawn before their turn (R-ORD-2: here by the pause the unknown order's fill
            // set off, R-FILL-1) were never sent
            Set<String> decided = new TreeSet<>();
            EmbeddedPostgresExtension.query(pg, "SELECT id FROM orders WHERE run_id = '" + RUN
                    + "' AND account = '" + ACCOUNT + "' AND status <> 'withdrawn'").forEach(
                    m -> decided.add(m.get("id").toString()));
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

            // (d) the unknown order's fill is the one dead letter: nothing was late; it paused
            // the account's entries (R-FILL-1, R-CB-5) with a notification
            assertThat(EmbeddedPostgresExtension.query(pg, "SELECT source, position, reason, "
                    + "detail FROM dead_letters WHERE run_id = '" + RUN + "'"))
                    .containsExactly(Map.of("source", "fills", "position", UNKNOWN_ORDER,
                            "reason", "unknown_order",
                            "detail", "R-FILL-1: no working order has this client order id"));
            assertThat(EmbeddedPostgresExtension.query(pg, "SELECT account, type, status, reason "
                    + "FROM circuit_breaker_events WHERE run_id = '" + RUN + "' AND type = "
                    + "'manual'")).containsExactly(Map.of("account", ACCOUNT, "type", "manual",
                            "status", "tripped", "reason", "R-FILL-1"));
            assertThat(EmbeddedPostgresExtension.query(pg, "SELECT kind FROM notifications "
                    + "WHERE run_id = '" + RUN + "' AND kind = 'fill_rejected'")).hasSize(1);
            System.out.printf("broker e2e: %d orders placed, %d records on orders, %d repeats "
                            + "dropped, in %d ms%n", gateway.placed().size(),
                    gateway.records().size(), gateway.repeats(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The generated day of three tickers the gateway tests trade. */
    static MarketGenerator.Generated market() {
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 6, 10), 1, Set.of());
        return MarketGenerator.generate(new MarketGenerator.Spec(11,
                List.of("AAPL", "MSFT", "SPY"), List.of(200.0, 420.0, 540.0), days, 80, 0.1,
                List.of(), LiveJobITCase.SECRET));
    }

    /** The event time after which the engine cancels an entry order (R-ORD-1). */
    static long deadline(JsonNode order) {
        return orderTs(order) + ENTRY_TIMEOUT.toMillis();
    }

    static long orderTs(JsonNode order) {
        return OffsetDateTime.parse(order.get("ts").asText()).toInstant().toEpochMilli();
    }

    static Running start(TradeflowConfig cfg, JdbcSettings pg, Path checkpoints,
            String savepoint) throws Exception {
        return start(cfg, pg, checkpoints, savepoint, METRICS);
    }

    /**
     * Starts the live job on the test class's MiniCluster, whose metrics reach {@code metrics}
     * (each class its own reporter: a reporter closes with the cluster it served).
     */
    static Running start(TradeflowConfig cfg, JdbcSettings pg, Path checkpoints,
            String savepoint, InMemoryReporter metrics) throws Exception {
        Configuration conf = Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.STREAMING);
        conf.addAll(TestClusters.checkpointed(cfg, checkpoints.getFileName().toString()));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        LiveJob.build(env, cfg, pg, RUN);
        return new Running(env.executeAsync("live broker e2e"), metrics);
    }

    /** A running job and what its metrics show of its progress. */
    record Running(JobClient client, InMemoryReporter metrics) {
        /** The account engine's input watermark; {@link Long#MIN_VALUE} before it has one. */
        long engineWatermark() {
            return gauges("account-engine", "currentInputWatermark").stream()
                    .mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
        }

        long completedCheckpoints() {
            return gauges(null, "numberOfCompletedCheckpoints").stream()
                    .mapToLong(Long::longValue).max().orElse(0);
        }

        /** The rows the PostgreSQL sinks hold, not yet written. */
        long pendingRows() {
            return gauges(null, "pendingRows").stream().mapToLong(Long::longValue).sum();
        }

        /**
         * The offset of the last record each Kafka reader has emitted, by partition (the
         * readers' {@code currentOffset}); none for a partition it has emitted nothing of.
         */
        Map<TopicPartition, Long> emittedOffsets() {
            String job = client.getJobID().toString();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            metrics.getMetricsByGroup().forEach((group, values) -> {
                // ..., KafkaSourceReader, topic, <topic>, partition, <partition>
                List<String> scope = List.of(group.getScopeComponents());
                int at = scope.indexOf("KafkaSourceReader");
                if (job.equals(group.getAllVariables().get("<job_id>")) && at >= 0
                        && scope.size() == at + 5
                        && values.get("currentOffset") instanceof Gauge<?> gauge
                        && gauge.getValue() instanceof Number n && n.longValue() >= 0) {
                    offsets.merge(new TopicPartition(scope.get(at + 2),
                            Integer.parseInt(scope.get(at + 4))), n.longValue(), Math::max);
                }
            });
            return offsets;
        }

        /** The values of the job's gauges {@code name}, of {@code operator} when not null. */
        private List<Long> gauges(String operator, String name) {
            String job = client.getJobID().toString();
            List<Long> values = new ArrayList<>();
            metrics.getMetricsByGroup().forEach((group, byName) -> {
                Map<String, String> scope = group.getAllVariables();
                if (job.equals(scope.get("<job_id>")) && (operator == null
                        || operator.equals(scope.get("<operator_name>")))
                        && byName.get(name) instanceof Gauge<?> gauge
                        && gauge.getValue() instanceof Number n) {
                    values.add(n.longValue());
                }
            });
            return values;
        }
    }

    /** An event time, printed as such. */
    record At(long ts) {
        @Override
        public String toString() {
            return iso(ts);
        }
    }

    /** Formats an event time; {@link Long#MIN_VALUE} stands for none yet. */
    static String iso(long ts) {
        return ts == Long.MIN_VALUE ? "nothing" : MarketTime.iso(ts);
    }

    /**
     * Polls {@code seen} until {@code done} accepts its value; fails after {@link #WAIT} saying
     * what it waited for and what it saw last.
     */
    static <T> T await(String what, Callable<T> seen, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T value = seen.call();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what
                        + "; last seen: " + value);
            }
            Thread.sleep(20); // polling only: nothing depends on how long this is
        }
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
     * The market, produced by the test's own thread: the day's bars, recommendations (signed by
     * the generator) and VIX quotes merged in event-time order, in parts, each produced once the
     * job has read the one before and checkpointed it. A part holds one topic, or several whose
     * records lie at most the out-of-orderness apart, so that no record of it can move a watermark
     * past another of it. While the quiet topics turn idle at the start a part is one bar, while
     * the gateway looks for entries one minute of market, then as large as it can be. The
     * gateway's fills are parts of their own, stamped after the latest event time sent: behind
     * nothing the job has seen, ahead of nothing it will see.
     */
    static final class Feed implements AutoCloseable {
        private record Event(long ts, int rank, String topic, String key, String value,
                long recordTs) {}

        /** How much market a part holds at most. */
        private enum Parts { BAR, MINUTE, ALL }

        private final List<Event> events = new ArrayList<>();
        private final String barsTopic;
        private final String vixTopic;
        private final String fillsTopic;
        private final long outOfOrderness;
        private final long sentinelTs;
        private final KafkaProducer<String, String> producer;
        /** The end offset of each partition written to: what the job must have read. */
        private final Map<TopicPartition, Long> ends = new HashMap<>();
        private Running job;
        private int next;
        private Parts parts = Parts.BAR;
        private long lastSent = Long.MIN_VALUE;
        private long lastBar = Long.MIN_VALUE;

        Feed(MarketGenerator.Generated g, KafkaSettings k, long from, Duration outOfOrderness)
                throws Exception {
            this.barsTopic = k.topic(KafkaSettings.BARS);
            this.vixTopic = k.topic(KafkaSettings.VIX);
            this.fillsTopic = k.topic(KafkaSettings.FILLS);
            this.outOfOrderness = outOfOrderness.toMillis();
            for (Bar b : g.bars()) {
                events.add(new Event(b.ts(), 0, barsTopic, b.ticker(), MarketGenerator.barJson(b),
                        b.ts()));
            }
            for (VixQuote q : g.vix()) {
                if (q.ts() >= from) {
                    events.add(vix(q));
                }
            }
            for (int i = 0; i < g.recommendationJsonLines().size(); i++) {
                String line = g.recommendationJsonLines().get(i);
                long ts = rec(line).ts();
                if (ts >= from) {
                    events.add(new Event(ts, 2, k.topic(KafkaSettings.RECOMMENDATIONS), null,
                            line, g.recommendationEmittedAt().get(i)));
                }
            }
            // stable: a duplicate recommendation stays right after its original
            events.sort(Comparator.comparingLong(Event::ts).thenComparingInt(Event::rank));
            // the end of the data: a VIX quote two days after it moves the watermark past it all
            VixQuote end = LiveJobITCase.sentinel(g);
            events.add(vix(end));
            sentinelTs = end.ts();
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(p);
        }

        private Event vix(VixQuote q) {
            return new Event(q.ts(), 1, vixTopic, "VIX", MarketGenerator.vixJson(q), q.ts());
        }

        /** Sets the job that reads the market from now on. */
        void readBy(Running running) {
            job = running;
        }

        /** The latest event time on the input topics. */
        long lastSent() {
            return lastSent;
        }

        long outOfOrderness() {
            return outOfOrderness;
        }

        /** The event time of the VIX quote that ends the data. */
        long sentinelTs() {
            return sentinelTs;
        }

        /** The watermark the inputs reach once the latest of them is {@code ts}. */
        long watermarkAfter(long ts) {
            return ts - outOfOrderness - 1;
        }

        /** The event time left before the engine cancels the entry {@code order} (R-ORD-1). */
        long timeLeft(JsonNode order) {
            return deadline(order) - lastSent;
        }

        /**
         * Produces the first bars one at a time until the account engine has a watermark: the
         * topics with nothing on them yet have turned idle, while the bars kept coming.
         */
        void warmUp() throws Exception {
            parts = Parts.BAR;
            do {
                if (!step(false)) {
                    throw new AssertionError("the market day ended before the quiet topics "
                            + "turned idle");
                }
            } while (job.engineWatermark() == Long.MIN_VALUE);
            parts = Parts.MINUTE;
        }

        /**
         * Produces the next part of the day and waits until the job has read and checkpointed
         * it, with {@code settle} until the job has also settled after the bars sent; returns
         * false once the day (without its closing VIX quote) is out.
         */
        boolean step(boolean settle) throws Exception {
            if (next >= events.size() - 1) {
                return false;
            }
            Map<String, Long> earliest = new HashMap<>(); // per topic, in this part
            int end = next;
            while (end < events.size() - 1 && (end == next || fits(events.get(end), earliest))) {
                earliest.putIfAbsent(events.get(end).topic(), events.get(end).ts());
                end++;
            }
            if (settle && !Set.of(barsTopic).equals(earliest.keySet())) {
                // the engine's watermark would then wait for that topic to turn idle while the
                // bars stand still, and they would turn idle too (see the class comment)
                throw new AssertionError("still settling minute by minute when the "
                        + "recommendations and VIX quotes start: " + earliest.keySet());
            }
            send(events.subList(next, end));
            next = end;
            awaitRead(settle ? watermarkAfter(lastBar) : Long.MIN_VALUE);
            return true;
        }

        /** Whether {@code e} can join a part whose earliest records per topic are given. */
        private boolean fits(Event e, Map<String, Long> earliest) {
            long first = events.get(next).ts();
            if (parts == Parts.BAR || (parts == Parts.MINUTE
                    && Math.floorDiv(e.ts(), MINUTE) != Math.floorDiv(first, MINUTE))) {
                return false;
            }
            for (Map.Entry<String, Long> t : earliest.entrySet()) {
                if (!t.getKey().equals(e.topic()) && e.ts() - t.getValue() > outOfOrderness) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Produces minutes of market, letting the job settle after each, until {@code found}
         * returns a value (asked once the job has settled); fails if the day ends first.
         */
        <T> T until(String what, Callable<T> found) throws Exception {
            while (step(true)) {
                T value = found.call();
                if (value != null) {
                    return value;
                }
            }
            throw new AssertionError("the market day ended before " + what);
        }

        /**
         * Produces minutes of market until the bars move the watermark past {@code ts}, then
         * lets the job settle at {@code ts}.
         */
        void settlePast(long ts) throws Exception {
            while (watermarkAfter(lastBar) < ts) {
                if (!step(false)) {
                    throw new AssertionError("the market day ended before " + iso(ts));
                }
            }
            awaitRead(ts);
        }

        /**
         * Produces the rest of the day in parts as large as they can be, then its closing VIX
         * quote, and lets the job settle after that.
         */
        void rest() throws Exception {
            parts = Parts.ALL;
            while (step(false)) {
                // each part is read and checkpointed before the next is produced
            }
            send(events.subList(next, events.size()));
            next = events.size();
            awaitRead(watermarkAfter(sentinelTs));
        }

        /**
         * Sends a fill, keyed {@code key}, as a part of its own stamped {@code afterMs} after the
         * latest event time sent, and waits until the job has read it; returns its event time.
         */
        long fill(String key, long afterMs, LongFunction<String> valueAt) throws Exception {
            return message(fillsTopic, key, afterMs, valueAt);
        }

        /**
         * Sends one record on {@code topic} (a broker's position snapshot, an operator's control
         * command), keyed {@code key}, as a part of its own stamped {@code afterMs} after the
         * latest event time sent, and waits until the job has read it; returns its event time.
         */
        long message(String topic, String key, long afterMs, LongFunction<String> valueAt)
                throws Exception {
            if (next >= events.size() - 1) {
                throw new IllegalStateException("the market day is over");
            }
            long ts = lastSent + afterMs;
            send(List.of(new Event(ts, 3, topic, key, valueAt.apply(ts), ts)));
            awaitRead(Long.MIN_VALUE);
            return ts;
        }

        /** Sends one VIX quote at {@code ts}, and lets the job settle at {@code watermark}. */
        void sendVix(long ts, long watermark) throws Exception {
            send(List.of(vix(new VixQuote(ts, 15.0))));
            awaitRead(watermark);
        }

        /**
         * Waits until the job's Kafka readers have emitted every record sent and, when {@code
         * watermark} is given, the account engine's watermark has reached it; then for two more
         * completed checkpoints. The second of them started after both, and a checkpoint
         * completes once every operator has taken in what came before its barrier: every operator
         * has received every record sent, and the sinks have flushed the engine's outputs up to
         * the watermark to Kafka and handed them to the PostgreSQL sinks' buffers; then until
         * those buffers are empty (written: they do not wait for a checkpoint, nor it for them).
         */
        void awaitRead(long watermark) throws Exception {
            await("the job's readers to emit the market sent up to " + iso(lastSent)
                    + "; partitions behind, emitted offset/end", this::behind, Map::isEmpty);
            await("the account engine's watermark to reach " + iso(watermark),
                    () -> new At(job.engineWatermark()), w -> w.ts() >= watermark);
            long done = job.completedCheckpoints();
            await("two more completed checkpoints", job::completedCheckpoints,
                    n -> n >= done + 2);
            await("the PostgreSQL sinks to write the rows they hold", job::pendingRows,
                    n -> n == 0);
        }

        private Map<String, String> behind() {
            Map<TopicPartition, Long> emitted = job.emittedOffsets();
            Map<String, String> behind = new TreeMap<>();
            ends.forEach((tp, end) -> {
                long at = emitted.getOrDefault(tp, -1L);
                if (at + 1 < end) {
                    behind.put(tp.toString(), at + "/" + end);
                }
            });
            return behind;
        }

        private void send(List<Event> part) throws Exception {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (Event e : part) {
                acks.add(producer.send(new ProducerRecord<>(e.topic(), null, e.recordTs(),
                        e.key(), e.value())));
            }
            for (Future<RecordMetadata> ack : acks) {
                RecordMetadata m = ack.get();
                ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1,
                        Math::max);
            }
            for (Event e : part) {
                lastSent = Math.max(lastSent, e.ts());
                if (e.topic().equals(barsTopic)) {
                    lastBar = Math.max(lastBar, e.ts());
                }
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
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
        /** The executions reported so far: each gets the broker's next execution id. */
        private int executions;
        /** The broker's own book of the account: shares by ticker and cash (R-REC-2). */
        private final Map<String, Long> held = new TreeMap<>();
        private final Map<String, Double> averagePrice = new HashMap<>();
        private BigDecimal cash = new BigDecimal("100000");

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

        /** Reads {@code orders} up to its current end. */
        void pollToEnd() throws Exception {
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await("the gateway to read orders up to offset " + end,
                    () -> {
                        if (consumer.position(partition) < end) {
                            poll(Duration.ofMillis(50));
                        }
                        return consumer.position(partition);
                    },
                    at -> at >= end);
        }

        /**
         * Reads {@code orders} to its end and returns the first placed entry order of the account
         * (a limit order: a whole entry or one tranche of it), not yet worked, that {@code wanted}
         * accepts, which is then worked; {@code null} if there is none.
         */
        JsonNode entry(Predicate<JsonNode> wanted) throws Exception {
            pollToEnd();
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
            return null;
        }

        /** Reports one execution of {@code order} at its limit price; returns its event time. */
        long fill(JsonNode order, long quantity) throws Exception {
            return send(order.get("client_order_id").asText(), order.get("ticker").asText(),
                    order.get("side").asText(), quantity, order.get("limit_price").asDouble());
        }

        /**
         * Reports an execution of an order nobody placed, stamped just more than the
         * out-of-orderness after the latest event time sent: the fills topic's watermark then
         * passes every fill before it, which the job applies once the bars pass them, without
         * waiting for the topic to turn idle.
         */
        long fillUnknown(String ticker) throws Exception {
            return send(UNKNOWN_ORDER, ticker, "buy", 5, 100.0, feed.outOfOrderness() + 1);
        }

        private long send(String clientOrderId, String ticker, String side, long quantity,
                double price) throws Exception {
            return send(clientOrderId, ticker, side, quantity, price, 1);
        }

        private long send(String clientOrderId, String ticker, String side, long quantity,
                double price, long afterMs) throws Exception {
            String executionId = "gw-x-" + ++executions;
            if (!UNKNOWN_ORDER.equals(clientOrderId)) {
                long signed = "buy".equals(side) ? quantity : -quantity;
                long before = held.getOrDefault(ticker, 0L);
                if (before == 0 || Long.signum(before) == Long.signum(signed)) {
                    averagePrice.put(ticker, (averagePrice.getOrDefault(ticker, 0.0)
                            * Math.abs(before) + price * quantity) / Math.abs(before + signed));
                }
                held.merge(ticker, signed, Long::sum);
                cash = cash.subtract(BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(signed)))
                        .subtract(COMMISSION);
            }
            return feed.fill(ACCOUNT, afterMs, ts -> {
                ObjectNode f = JSON.createObjectNode();
                f.put("client_order_id", clientOrderId);
                f.put("execution_id", executionId);
                f.put("account", ACCOUNT);
                f.put("ticker", ticker);
                f.put("side", side);
                f.put("quantity", quantity);
                f.put("price", price);
                f.put("commission", COMMISSION);
                f.put("ts", ts);
                return f.toString();
            });
        }

        /**
         * Reports the broker's position snapshot of the account on {@code topic} (R-REC-2): its
         * own book, with {@code faults} (shares by ticker) added to stand for a break; returns
         * its event time.
         */
        long snapshot(String topic, String id, Map<String, Long> faults) throws Exception {
            Map<String, Long> view = new TreeMap<>(held);
            faults.forEach((t, q) -> view.merge(t, q, Long::sum));
            return feed.message(topic, ACCOUNT, 1, ts -> {
                ObjectNode s = JSON.createObjectNode();
                s.put("id", id);
                s.put("account", ACCOUNT);
                s.put("ts", ts);
                s.put("cash", cash);
                ArrayNode positions = s.putArray("positions");
                view.forEach((t, q) -> positions.addObject().put("ticker", t).put("quantity", q)
                        .put("average_price", averagePrice.getOrDefault(t, 1.0)));
                return s.toString();
            });
        }

        /** Adopts {@code faults} into the gateway's own book: the broker's truth from now on. */
        void adopt(Map<String, Long> faults) {
            faults.forEach((t, q) -> held.merge(t, q, Long::sum));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
