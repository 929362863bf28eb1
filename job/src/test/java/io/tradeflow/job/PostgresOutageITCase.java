package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PostgreSQL outage mid-stream, with a real Kafka broker and two real PostgreSQL servers. Two
 * live jobs read the same paced market from the same topics: the clean one writes to a server
 * that stays up, the other to a server this test stops for {@link #OUTAGE} in the middle of the
 * feed and then starts again on the same data directory. Each job sends its live account's
 * orders to a topic of its own; a consumer notes when each order arrives.
 *
 * <p>It checks what an outage must not change: every order of the outage run arrives within
 * {@link #DELAYED} of the same order of the clean run, the outage run never restarts (the restart
 * strategy would allow it, {@code numRestarts} stays 0 and the job keeps running), and once the
 * server is back every table holds exactly the clean run's rows. The outage is scaled down from
 * the 10 minutes of the requirement to fit a build: the sink has no time limit, only the bound of
 * its buffer, far above what this market writes.
 *
 * <p>Each topic has one partition and the jobs run with parallelism 1; the feed sends one minute
 * of every topic at a time, so every partition carries a record more often than the idleness and
 * no reader can be passed by another's watermark: both runs decide the same things.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresOutageITCase {
    static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2, METRICS);

    static final String RUN = "live-outage";
    /** Wall time per market minute of the feed. */
    static final long STEP_MS = Duration.parse(
            System.getProperty("tradeflow.outage-test.step", "PT0.1S")).toMillis();
    /**
     * How long PostgreSQL is down; {@code -Dtradeflow.outage-test.outage=PT10M
     * -Dtradeflow.outage-test.step=PT1S} runs the requirement's 10 minutes (about 15 minutes).
     */
    static final Duration OUTAGE = Duration.parse(
            System.getProperty("tradeflow.outage-test.outage", "PT40S"));
    /** An order later than its clean twin by more than this counts as delayed. */
    static final long DELAYED = 1000;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    @DisplayName("PostgreSQL down mid-stream: no order delayed, no restart, every row once")
    void outageDelaysNoOrderAndLosesNoRow() throws Exception {
        // five times LiveJobITCase's recommendations: one every few minutes of the market, so
        // their topic never stands still for as long as the idleness
        MarketGenerator.Generated g = LiveJobITCase.market(200);
        TradeflowConfig clean = config("clean");
        TradeflowConfig outage = config("outage");
        for (String key : KafkaSettings.INPUT_TOPIC_KEYS) {
            KAFKA.createTopics(1, clean.kafka().topic(key));
        }
        KAFKA.createTopics(1, clean.kafka().topic(KafkaSettings.ORDERS),
                outage.kafka().topic(KafkaSettings.ORDERS));

        JdbcSettings cleanPg = EmbeddedPostgresExtension.freshDatabase("pg_outage_clean");
        Migrations.migrate(cleanPg);
        try (RestartablePostgres server = new RestartablePostgres();
                OrderWatch orders = new OrderWatch(clean.kafka().topic(KafkaSettings.ORDERS),
                        outage.kafka().topic(KafkaSettings.ORDERS))) {
            server.start();
            JdbcSettings outagePg = server.settings();
            Migrations.migrate(outagePg);
            JobClient cleanJob = start(clean, cleanPg);
            JobClient outageJob = start(outage, outagePg);
            try {
                // both jobs running (a checkpoint completed) and their empty topics idle before
                // the market starts, so that the latencies measure the jobs, not their start
                LiveJobITCase.await(Duration.ofSeconds(120), () -> total(cleanJob,
                        "numberOfCompletedCheckpoints") >= 1 && total(outageJob,
                        "numberOfCompletedCheckpoints") >= 1);
                Thread.sleep(clean.input().idleness().toMillis() + 1000);
                Feed feed = new Feed(g, clean.kafka());
                int steps = feed.steps();
                long[] window = new long[2];
                AtomicLong maxPending = new AtomicLong();
                Thread outageThread = new Thread(() -> {
                    try {
                        // OUTAGE long in the middle of the market, sampling the backlog
                        Thread.sleep(Math.max(0, (steps * STEP_MS - OUTAGE.toMillis()) / 2));
                        window[0] = System.currentTimeMillis();
                        server.stop();
                        while (System.currentTimeMillis() < window[0] + OUTAGE.toMillis()) {
                            maxPending.accumulateAndGet(total(outageJob, "pendingRows"), Math::max);
                            Thread.sleep(200);
                        }
                        server.start();
                        window[1] = System.currentTimeMillis();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "postgres-outage");
                outageThread.start();
                feed.run();
                outageThread.join();
                assertThat(window[1]).as("the server came back").isPositive();

                // every row lands once the server is back: the same tables as the clean run,
                // once both runs have closed the market's last day and drained their buffers
                List<String> tables = java.util.Arrays.stream(OutputKind.values())
                        .map(OutputKind::table).distinct().toList();
                LiveJobITCase.await(Duration.ofSeconds(180), () -> closes(cleanPg) == 4
                        && closes(outagePg) == 4 && sum(cleanJob, "pendingRows") == 0
                        && sum(outageJob, "pendingRows") == 0);
                Thread.sleep(2000);
                assertThat(sum(outageJob, "pendingRows") + sum(cleanJob, "pendingRows")).isZero();
                int rows = 0;
                StringBuilder counts = new StringBuilder();
                List<String> differing = new ArrayList<>();
                for (String t : tables) {
                    List<String> expected = EmbeddedPostgresExtension.rows(cleanPg, t, RUN);
                    List<String> actual = EmbeddedPostgresExtension.rows(outagePg, t, RUN);
                    if (!actual.equals(expected)) {
                        differing.add(t);
                    }
                    rows += expected.size();
                    counts.append(' ').append(t).append('=').append(expected.size())
                            .append(actual.size() == expected.size() ? "" : "/" + actual.size());
                }

                // the orders: each one as early as its clean twin, during the outage too
                Map<String, Long> cleanAt = orders.arrivals(clean.kafka().topic(
                        KafkaSettings.ORDERS));
                Map<String, Long> outageAt = orders.arrivals(outage.kafka().topic(
                        KafkaSettings.ORDERS));
                int during = 0;
                int delayed = 0;
                long maxLate = Long.MIN_VALUE;
                long maxLateDuring = Long.MIN_VALUE;
                for (Map.Entry<String, Long> e : outageAt.entrySet()) {
                    Long twin = cleanAt.get(e.getKey());
                    long late = twin == null ? Long.MAX_VALUE : e.getValue() - twin;
                    maxLate = Math.max(maxLate, late);
                    if (e.getValue() >= window[0] && e.getValue() <= window[1]) {
                        during++;
                        maxLateDuring = Math.max(maxLateDuring, late);
                    }
                    if (late > DELAYED) {
                        delayed++;
                    }
                }
                long[] latency = feed.latencies(orders.orderTimes(outage.kafka().topic(
                        KafkaSettings.ORDERS)));
                long[] cleanLatency = feed.latencies(orders.orderTimes(clean.kafka().topic(
                        KafkaSettings.ORDERS)));
                System.out.printf("postgres outage: %.1f s down; %d orders (%d sent while it was "
                                + "down), %d delayed by more than %d ms vs the clean run, most "
                                + "%d ms (%d ms during the outage); input-to-order latency "
                                + "median %d ms, max %d ms (clean run: %d ms, %d ms); backlog "
                                + "at most %d rows; restarts %d; %d rows in the clean run, "
                                + "tables differing after recovery: %s;%s%n",
                        (window[1] - window[0]) / 1000.0, outageAt.size(), during, delayed,
                        DELAYED, maxLate, maxLateDuring, latency[0], latency[1], cleanLatency[0],
                        cleanLatency[1], maxPending.get(), sum(outageJob, "numRestarts"), rows,
                        differing, counts);

                assertThat(outageJob.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertThat(sum(outageJob, "numRestarts")).as("restarts of the outage run")
                        .isZero();
                assertThat(sum(cleanJob, "numRestarts")).isZero();
                for (String t : tables) {
                    assertThat(EmbeddedPostgresExtension.rows(outagePg, t, RUN))
                            .as(t + " after the outage vs the clean run")
                            .isEqualTo(EmbeddedPostgresExtension.rows(cleanPg, t, RUN));
                }
                assertThat(EmbeddedPostgresExtension.rows(cleanPg, "trading_decisions", RUN))
                        .hasSizeGreaterThan(40);
                assertThat(outageAt.keySet()).isEqualTo(cleanAt.keySet());
                assertThat(during).as("orders sent while PostgreSQL was down").isPositive();
                assertThat(delayed).as("orders delayed by the outage").isZero();
                assertThat(maxPending.get()).as("rows waiting during the outage").isPositive();
            } finally {
                outageJob.cancel().get();
                cleanJob.cancel().get();
            }
        }
    }

    static TradeflowConfig config(String name) throws Exception {
        return ConfigLoader.parse("""
                accounts:
                  - { id: live-1, profile: intraday, mode: live, cash: 100000,
                      universe: [AAPL, MSFT, SPY] }
                  - { id: paper-1, profile: swing, mode: paper, cash: 100000,
                      universe: [AAPL, SPY] }
                parallelism: 1
                # a reader slow to start on a busy machine must not be taken for an idle one
                input: { idleness: PT5S }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: outage-%s
                  topics: { bars: outage-bars, recommendations: outage-recs, vix: outage-vix,
                            calendar: outage-calendar, control: outage-control,
                            fills: outage-fills, orders: outage-orders-%s }
                """.formatted(KAFKA.bootstrapServers(), name, name), List.of());
    }

    /** The run's closing snapshots (two accounts, two days: 4 once the market is over). */
    static long closes(JdbcSettings pg) {
        return ((Number) EmbeddedPostgresExtension.query(pg, "SELECT count(*) AS n FROM "
                + "portfolio_snapshots WHERE run_id = '" + RUN + "' AND kind = 'close'").get(0)
                .get("n")).longValue();
    }

    static JobClient start(TradeflowConfig cfg, JdbcSettings pg) throws Exception {
        Configuration conf = Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.STREAMING);
        conf.addAll(TestClusters.checkpointed(cfg,
                "pg-outage-" + cfg.kafka().groupId() + "-" + System.nanoTime()));
        // a failure would show as a restart, not end the job
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        LiveJob.build(env, cfg, pg, RUN);
        return env.executeAsync("postgres outage " + cfg.kafka().groupId());
    }

    /**
     * The sum of a job's gauges of that name (e.g. every sink's {@code pendingRows}); fails when
     * the job has none.
     */
    static long sum(JobClient job, String name) {
        long total = total(job, name);
        assertThat(total).as("gauges %s of the job", name).isNotNegative();
        return total;
    }

    /** The sum of a job's gauges of that name, or -1 when it has none (yet). */
    static long total(JobClient job, String name) {
        String id = job.getJobID().toString();
        long[] total = {0, 0};
        METRICS.getMetricsByGroup().forEach((group, metrics) -> {
            if (id.equals(group.getAllVariables().get("<job_id>"))
                    && metrics.get(name) instanceof Gauge<?> gauge
                    && gauge.getValue() instanceof Number n) {
                total[0] += n.longValue();
                total[1]++;
            }
        });
        return total[1] == 0 ? -1 : total[0];
    }

    /**
     * Produces the market one minute at a time, every topic together, {@link #STEP_MS} apart,
     * and notes when each minute was sent.
     */
    static final class Feed {
        private final TreeMap<Long, List<ProducerRecord<String, String>>> byMinute =
                new TreeMap<>();
        private final TreeMap<Long, Long> sentAt = new TreeMap<>();
        private final long end;

        Feed(MarketGenerator.Generated g, KafkaSettings k) {
            for (Bar b : g.bars()) {
                add(b.ts(), new ProducerRecord<>(k.topic(KafkaSettings.BARS), null, b.ts(),
                        b.ticker(), MarketGenerator.barJson(b)));
            }
            List<String> recs = g.recommendationJsonLines();
            for (int i = 0; i < recs.size(); i++) {
                long at = g.recommendationEmittedAt().get(i);
                add(at, new ProducerRecord<>(k.topic(KafkaSettings.RECOMMENDATIONS), null, at,
                        null, recs.get(i)));
            }
            List<VixQuote> vix = new ArrayList<>(g.vix());
            end = g.bars().get(g.bars().size() - 1).ts();
            // two days after the data: moves every watermark past it all
            vix.add(new VixQuote(end + Duration.ofDays(2).toMillis(), 15.0));
            for (VixQuote q : vix) {
                add(q.ts(), new ProducerRecord<>(k.topic(KafkaSettings.VIX), null, q.ts(), "VIX",
                        MarketGenerator.vixJson(q)));
            }
        }

        private void add(long ts, ProducerRecord<String, String> r) {
            byMinute.computeIfAbsent(Math.floorDiv(ts, 60_000L) * 60_000L + 59_999L,
                    m -> new ArrayList<>()).add(r);
        }

        int steps() {
            return byMinute.size();
        }

        void run() throws InterruptedException {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            long next = System.currentTimeMillis();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (Map.Entry<Long, List<ProducerRecord<String, String>>> e
                        : byMinute.entrySet()) {
                    long wait = next - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    next += STEP_MS;
                    e.getValue().stream()
                            .sorted(Comparator.comparingLong(ProducerRecord::timestamp))
                            .forEach(producer::send);
                    producer.flush();
                    sentAt.put(e.getKey(), System.currentTimeMillis());
                }
            }
        }

        /**
         * Returns the median and the largest time from the minute holding an order's event
         * time being sent to the order's arrival, over the orders within the market.
         */
        long[] latencies(Map<Long, Long> arrivalByEventTime) {
            List<Long> l = new ArrayList<>();
            arrivalByEventTime.forEach((ts, at) -> {
                Map.Entry<Long, Long> minute = sentAt.ceilingEntry(ts);
                if (ts <= end && minute != null) {
                    l.add(at - minute.getValue());
                }
            });
            l.sort(null);
            return l.isEmpty() ? new long[] {0, 0}
                    : new long[] {l.get(l.size() / 2), l.get(l.size() - 1)};
        }
    }

    /** Reads both orders topics as they fill and notes when each order (id and status) came. */
    static final class OrderWatch implements AutoCloseable {
        private final Map<String, Map<String, Long>> arrivals = new ConcurrentHashMap<>();
        private final Map<String, Map<Long, Long>> byEventTime = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean stop;

        OrderWatch(String... topics) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "order-watch-" + System.nanoTime());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class.getName());
            for (String t : topics) {
                arrivals.put(t, new ConcurrentHashMap<>());
                byEventTime.put(t, new ConcurrentHashMap<>());
            }
            thread = new Thread(() -> {
                try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
                    List<TopicPartition> parts = new ArrayList<>();
                    for (String t : topics) {
                        parts.add(new TopicPartition(t, 0));
                    }
                    c.assign(parts);
                    c.seekToBeginning(parts);
                    while (!stop) {
                        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                            long now = System.currentTimeMillis();
                            String status = r.value().contains("\"status\":\"new\"") ? "new"
                                    : "cancelled";
                            arrivals.get(r.topic()).putIfAbsent(r.key() + "/" + status, now);
                            String ts = r.value().replaceAll(".*\"ts\":\"([^\"]+)\".*", "$1");
                            byEventTime.get(r.topic()).merge(
                                    OffsetDateTime.parse(ts).toInstant().toEpochMilli(), now,
                                    Math::min);
                        }
                    }
                }
            }, "order-watch");
            thread.setDaemon(true);
            thread.start();
        }

        Map<String, Long> arrivals(String topic) {
            return Map.copyOf(arrivals.get(topic));
        }

        /** The first arrival of an order per event time. */
        Map<Long, Long> orderTimes(String topic) {
            return Map.copyOf(byEventTime.get(topic));
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(10_000);
        }
    }

    /** A PostgreSQL server that stops and starts again on the same data directory and port. */
    static final class RestartablePostgres implements AutoCloseable {
        private final Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "pg-outage-" + System.nanoTime());
        private final int port;
        private EmbeddedPostgres server;

        RestartablePostgres() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }

        synchronized void start() throws IOException {
            server = EmbeddedPostgres.builder().setDataDirectory(dir)
                    .setCleanDataDirectory(false).setPort(port).start();
        }

        synchronized void stop() throws IOException {
            server.close();
            server = null;
        }

        JdbcSettings settings() {
            return new JdbcSettings("jdbc:postgresql://localhost:" + port + "/postgres",
                    EmbeddedPostgresExtension.USER, null);
        }

        @Override
        public synchronized void close() throws IOException {
            if (server != null) {
                server.close();
            }
            org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
        }
    }
}
