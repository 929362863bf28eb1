package io.tradeflow.bench;

import io.tradeflow.event.Bar;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.Sinks;
import io.tradeflow.job.Topology;
import io.tradeflow.sample.MarketGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Event-to-order latency of the live job, STREAMING from Kafka at a sustained rate: minute bars
 * of {@code tickers} synthetic tickers (the demo's generator) are produced to the {@code bars}
 * topic at {@code rate} bars per second, one market minute of every ticker at a time, into the
 * live topology (RocksDB state, checkpoints every 10 s, parallelism 2) whose live accounts (ten,
 * disjoint tickers) send orders to the {@code orders} topic. An order's latency is the wall time
 * from producing the market minute its decision is stamped with to reading the order from Kafka:
 * it includes waiting for the next minute's bars, which move the watermark past it.
 * PostgreSQL sinks are left out (their writes are batched and do not hold orders back). Run on
 * demand, not by the test suite:
 * {@code java -cp <bench classpath> io.tradeflow.bench.StreamingLatencyBench [rate] [seconds]
 * [tickers] [warm-up seconds]}, Flink settings added with
 * {@code -Dbench.flink="key=value;key=value"}. The broker,
 * the producer and the job share the machine: on a small one the figures are the job's and
 * theirs together.
 */
public final class StreamingLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACCOUNTS = 10;

    private StreamingLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int tickers = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        // a live job's steady state: the JIT compilers busy for the first tens of seconds
        Duration warmUp = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 20);
        int minutes = (int) ((warmUp.toSeconds() + seconds + 5) * rate / tickers);
        int days = minutes / MarketGenerator.BARS_PER_DAY + 1;

        List<String> names = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        for (int i = 0; i < tickers; i++) {
            names.add(String.format("L%03d", i));
            prices.add(20.0 + (i * 37) % 400);
        }
        List<Bar> bars = MarketGenerator.generate(new MarketGenerator.Spec(7, names, prices,
                MarketGenerator.tradingDays(LocalDate.of(2025, 3, 3), days, Set.of()), 0, 0.0,
                List.of(), "bench".getBytes(StandardCharsets.UTF_8))).bars();
        // one market minute of every ticker after another
        TreeMap<Long, List<String[]>> steps = new TreeMap<>();
        for (Bar b : bars) {
            steps.computeIfAbsent(b.ts(), t -> new ArrayList<>())
                    .add(new String[] {b.ticker(), MarketGenerator.barJson(b)});
        }

        // the broker the demo embeds (the job jar leaves the demo out: started here directly)
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                        .setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("log.retention.ms", "-1").build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            TradeflowConfig cfg = config(kafka.bootstrapServers(), names);
            KafkaSettings k = cfg.kafka();
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(k.topic(KafkaSettings.BARS), 2, (short) 1));
            // every input topic the job reads (a missing one fails the job at start), then its
            // outputs
            List<String> keys = new ArrayList<>(KafkaSettings.INPUT_TOPIC_KEYS);
            keys.remove(KafkaSettings.BARS);
            keys.addAll(List.of(KafkaSettings.ORDERS, KafkaSettings.DEAD_LETTERS));
            for (String key : keys) {
                topics.add(new NewTopic(k.topic(key), 1, (short) 1));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(topics).all().get();
            }
            Path checkpoints = Files.createTempDirectory("latency-checkpoints");
            Configuration conf = Pipeline.clusterConfiguration(cfg,
                    RuntimeExecutionMode.STREAMING);
            conf.set(org.apache.flink.configuration.PipelineOptions.AUTO_GENERATE_UIDS, true);
            Pipeline.enableCheckpoints(conf, cfg, checkpoints);
            // Flink's REST API, for the checkpoints' statistics at the end
            int restPort;
            try (ServerSocket free = new ServerSocket(0)) {
                restPort = free.getLocalPort();
            }
            conf.set(RestOptions.PORT, restPort);
            // e.g. -Dbench.flink="execution.buffer-timeout.interval=10ms"
            for (String kv : System.getProperty("bench.flink", "").split(";")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    conf.setString(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            Topology.Results r = Topology.build(
                    Pipeline.fromKafka(env, cfg, Pipeline.parseContext(cfg), false), cfg.engine(),
                    false);
            Sinks.ordersToKafka(r, cfg, "latency");
            JobClient job = env.executeAsync("tradeflow latency bench");

            Map<Long, Long> producedAt = new ConcurrentSkipListMap<>();
            AtomicBoolean producing = new AtomicBoolean(true);
            List<long[]> latencies = new ArrayList<>(); // {event time, latency ms}
            Thread reader = new Thread(() -> readOrders(k, producing, producedAt, latencies),
                    "orders-reader");
            reader.start();

            long stepNanos = 1_000_000_000L * tickers / rate;
            long start = System.nanoTime();
            long measureFrom = System.currentTimeMillis() + warmUp.toMillis();
            long end = start + (warmUp.toSeconds() + seconds) * 1_000_000_000L;
            long produced = 0;
            long behind = 0;
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                long next = start;
                for (Map.Entry<Long, List<String[]>> step : steps.entrySet()) {
                    if (next >= end) {
                        break;
                    }
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else if (-wait > stepNanos) {
                        behind++;
                    }
                    producedAt.put(step.getKey(), System.currentTimeMillis());
                    for (String[] kv : step.getValue()) {
                        producer.send(new ProducerRecord<>(k.topic(KafkaSettings.BARS), null,
                                step.getKey(), kv[0], kv[1]));
                    }
                    producer.flush();
                    produced += step.getValue().size();
                    next += stepNanos;
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Thread.sleep(5_000); // the last orders
            producing.set(false);
            reader.join();
            String checkpointStats = checkpointStats(restPort, job.getJobID().toHexString(),
                    measureFrom);
            job.cancel().get();

            long[] measured;
            synchronized (latencies) {
                measured = latencies.stream().filter(l -> producedAt.get(l[0]) != null
                        && producedAt.get(l[0]) >= measureFrom).mapToLong(l -> l[1]).sorted()
                        .toArray();
            }
            System.out.printf("machine: %d cores; %d tickers, %d live accounts, target %d bars/s, "
                            + "produced %d bars in %.1f s (%.0f bars/s, %d steps late); RocksDB, "
                            + "checkpoints every %s, parallelism %s%n",
                    Runtime.getRuntime().availableProcessors(), tickers, ACCOUNTS, rate, produced,
                    wall, produced / wall, behind, Duration.ofMillis(cfg.checkpointIntervalMs()),
                    cfg.parallelism());
            if (measured.length == 0) {
                System.out.println("no orders after the warm-up: nothing to measure");
                return;
            }
            System.out.printf("event->order latency over %d orders after a %d s warm-up: "
                            + "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", measured.length,
                    warmUp.toSeconds(), pct(measured, 50), pct(measured, 90),
                    pct(measured, 99), measured[measured.length - 1]);
            // when the slowest orders came (seconds into the measured window): a pattern 10 s
            // apart points at checkpoints
            TreeMap<Long, Long> worstBySecond = new TreeMap<>();
            synchronized (latencies) {
                for (long[] l : latencies) {
                    Long at = producedAt.get(l[0]);
                    if (at != null && at >= measureFrom) {
                        worstBySecond.merge((at - measureFrom) / 1000, l[1], Math::max);
                    }
                }
            }
            System.out.println(checkpointStats);
            System.out.println("slowest seconds: " + worstBySecond.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                    .map(e -> "+" + e.getKey() + " s " + e.getValue() + " ms")
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /**
     * Returns the median and maximum of the keyed stages' checkpoint synchronous part (the task
     * thread's share of a checkpoint, which records wait behind) over the checkpoints triggered
     * in the measured window, from Flink's REST API.
     */
    private static String checkpointStats(int port, String jobId, long from) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + port + "/jobs/" + jobId;
        Map<String, String> stages = new TreeMap<>(); // vertex id -> keyed stage
        for (JsonNode v : get(http, base).path("vertices")) {
            String stage = v.path("name").asText().split(" ")[0];
            if (stage.equals("market-analytics") || stage.equals("account-engine")) {
                stages.put(v.path("id").asText(), stage);
            }
        }
        Map<String, List<Long>> sync = new TreeMap<>();
        int checkpoints = 0;
        for (JsonNode c : get(http, base + "/checkpoints").path("history")) {
            if (!c.path("status").asText().equals("COMPLETED")
                    || c.path("trigger_timestamp").asLong() < from) {
                continue;
            }
            checkpoints++;
            for (Map.Entry<String, String> v : stages.entrySet()) {
                JsonNode d = get(http, base + "/checkpoints/details/" + c.path("id").asLong()
                        + "/subtasks/" + v.getKey());
                for (JsonNode t : d.path("subtasks")) {
                    sync.computeIfAbsent(v.getValue(), k -> new ArrayList<>())
                            .add(t.path("checkpoint").path("sync").asLong());
                }
            }
        }
        StringBuilder out = new StringBuilder("checkpoint synchronous part over " + checkpoints
                + " checkpoints in the window (median / max per subtask):");
        sync.forEach((stage, ms) -> {
            long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
            out.append(' ').append(stage).append(' ').append(sorted[sorted.length / 2])
                    .append(" / ").append(sorted[sorted.length - 1]).append(" ms");
        });
        return out.toString();
    }

    private static JsonNode get(HttpClient http, String uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static TradeflowConfig config(String bootstrap, List<String> names) {
        StringBuilder yaml = new StringBuilder("parallelism: 2\ncheckpoint-interval: PT10S\n"
                + "accounts:\n");
        int per = names.size() / ACCOUNTS;
        for (int a = 0; a < ACCOUNTS; a++) {
            yaml.append("  - { id: live-").append(a)
                    .append(", profile: intraday, mode: live, cash: 100000, universe: [")
                    .append(String.join(", ", names.subList(a * per, (a + 1) * per)))
                    .append("] }\n");
        }
        return ConfigLoader.parse(yaml.toString(), List.of(
                "kafka.bootstrap-servers=" + bootstrap, "kafka.group-id=latency-bench"));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(p);
    }

    /** Reads the orders topic until told to stop; records each order's latency. */
    private static void readOrders(KafkaSettings k, AtomicBoolean producing,
            Map<Long, Long> producedAt, List<long[]> latencies) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-reader");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicPartition orders = new TopicPartition(k.topic(KafkaSettings.ORDERS), 0);
            c.assign(List.of(orders));
            c.seekToBeginning(List.of(orders));
            while (producing.get()) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    long ts = eventTime(r.value());
                    // the first market minute at or after the decision's time
                    Long minute = ((ConcurrentSkipListMap<Long, Long>) producedAt).ceilingKey(ts);
                    if (minute != null) {
                        synchronized (latencies) {
                            latencies.add(new long[] {minute, now - producedAt.get(minute)});
                        }
                    }
                }
            }
        }
    }

    private static long eventTime(String orderJson) {
        try {
            JsonNode n = JSON.readTree(orderJson);
            return OffsetDateTime.parse(n.path("ts").asText()).toInstant().toEpochMilli();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable order: " + orderJson, e);
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
