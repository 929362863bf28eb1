package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.Decision;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.KafkaBrokerExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A live market that goes quiet: every input turns idle while the ticker stage still holds the
 * last bars back (they are within the out-of-orderness of the newest), then a VIX quote resumes
 * first, far ahead, and the bars follow. The held-back ticks must reach the account engine before
 * its watermark passes them — not as late dead letters — and the day decides as its BATCH replay
 * does.
 */
class IdleInputsITCase {
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    /** Long enough that no reader is taken for idle while the job starts on a busy machine. */
    static final Duration IDLENESS = Duration.ofSeconds(3);
    /** The input's out-of-orderness: the ticker stage holds back bars this close to the newest. */
    static final long OUT_OF_ORDERNESS = 2 * 60_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard: each wait has its own deadline
    @DisplayName("all inputs idle, a VIX quote resumes first: no tick arrives late, decisions, "
            + "orders and fills equal BATCH")
    void quietMarketResumes() throws Exception {
        LocalDate day = MarketGenerator.tradingDays(LocalDate.of(2025, 6, 10), 1, Set.of()).get(0);
        MarketGenerator.Generated g = market(day);
        long lastRec = MarketGenerator.epochMillis(day, LocalTime.of(10, 45));
        long quietFrom = MarketGenerator.epochMillis(day, LocalTime.of(11, 0));
        long resumeAt = MarketGenerator.epochMillis(day, LocalTime.of(11, 30));
        List<Bar> morning = g.bars().stream().filter(b -> b.ts() <= quietFrom).toList();
        List<Bar> afternoon = g.bars().stream().filter(b -> b.ts() > resumeAt).toList();
        List<String> recs = g.recommendationJsonLines().stream().filter(l -> ts(l) <= lastRec)
                .toList();
        VixQuote resume = new VixQuote(resumeAt, 18.5);
        long close = afternoon.get(afternoon.size() - 1).ts();
        VixQuote release = new VixQuote(close + 3_600_000, 18.5);

        TradeflowConfig cfg = config("idle", "rules: { max-trades-per-day: 0 }");
        KafkaSettings k = cfg.kafka();
        TestClusters.createInputTopics(KAFKA, k);

        // the same inputs replayed in BATCH
        Path dir = Files.createDirectories(Path.of("target", "idle-inputs"));
        Files.write(dir.resolve("bars.csv"),
                barsCsv(Stream.concat(morning.stream(), afternoon.stream()).toList()));
        Files.write(dir.resolve("recs.jsonl"), recs);
        Files.write(dir.resolve("vix.jsonl"), List.of(MarketGenerator.vixJson(resume),
                MarketGenerator.vixJson(release)));
        Collected batch = Runs.run(cfg, Runs.Inputs.files(new Pipeline.Files(
                        List.of(dir.resolve("bars.csv")), BarParser.Format.CSV, null,
                        List.of(dir.resolve("recs.jsonl")), List.of(dir.resolve("vix.jsonl")),
                        List.of()), cfg), RuntimeExecutionMode.BATCH, new Configuration(), null,
                "idle-batch", "backtest", null);
        assertThat(batch.decisions()).extracting(Decision::recommendationId).containsAll(
                recs.stream().map(l -> field(l, "id")).toList());
        assertThat(batch.fills()).as("entries in the morning, exits in the afternoon")
                .anyMatch(f -> f.ts() <= quietFrom).anyMatch(f -> f.ts() > resumeAt);
        assertThat(batch.deadLetters()).isEmpty();

        // the morning is on the topics before the job starts: every reader has records at once
        produce(k, morning, recs, List.of());
        Live live = Live.start(cfg);
        try {
            live.await("the morning's decisions", c -> c.decisions()
                    .equals(until(batch.decisions(), quietFrom - OUT_OF_ORDERNESS)));
            // silence until every input has turned idle, the ticker stage holding the last bars
            Thread.sleep(3 * IDLENESS.toMillis());
            // VIX resumes first, half an hour on; once it has turned idle again, the bars
            Collected before = live.collected();
            produce(k, List.of(), List.of(), List.of(resume));
            Thread.sleep(3 * IDLENESS.toMillis());
            finishDay(live, k, afternoon, release, batch);
            assertThat(before.fills()).as("the test saw the morning's entries before the quiet")
                    .isNotEmpty();
        } finally {
            live.stop();
        }
        assertThat(live.collected().deadLetters()).as("no input late at the account engine")
                .isEmpty();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard: each wait has its own deadline
    @DisplayName("a calendar entry announcing a date ahead while every other input is idle does "
            + "not move event time: no bar late, the day decides as in BATCH")
    void calendarAnnouncementKeepsEventTime() throws Exception {
        LocalDate day = MarketGenerator.tradingDays(LocalDate.of(2025, 6, 10), 1, Set.of()).get(0);
        MarketGenerator.Generated g = market(day);
        long quietFrom = MarketGenerator.epochMillis(day, LocalTime.of(11, 0));
        List<Bar> morning = g.bars().stream().filter(b -> b.ts() <= quietFrom).toList();
        List<Bar> afternoon = g.bars().stream().filter(b -> b.ts() > quietFrom).toList();
        // no recommendation after the quiet: a topic that resumes beside the bars could pass them
        List<String> recs = g.recommendationJsonLines().stream().filter(l -> ts(l) <= quietFrom)
                .toList();
        long close = afternoon.get(afternoon.size() - 1).ts();
        VixQuote release = new VixQuote(close + 3_600_000, 18.5);
        // announced during the quiet: a holiday a week ahead, its event time that day's midnight
        String holiday = "{\"date\":\"" + day.plusDays(7) + "\",\"kind\":\"holiday\"}";

        TradeflowConfig cfg = config("calendar", "rules: {}");
        KafkaSettings k = cfg.kafka();
        TestClusters.createInputTopics(KAFKA, k);

        Path dir = Files.createDirectories(Path.of("target", "idle-calendar"));
        Files.write(dir.resolve("bars.csv"), barsCsv(g.bars()));
        Files.write(dir.resolve("recs.jsonl"), recs);
        Files.write(dir.resolve("vix.jsonl"), List.of(MarketGenerator.vixJson(release)));
        Files.write(dir.resolve("calendar.jsonl"), List.of(holiday));
        Collected batch = Runs.run(cfg, Runs.Inputs.files(new Pipeline.Files(
                        List.of(dir.resolve("bars.csv")), BarParser.Format.CSV, null,
                        List.of(dir.resolve("recs.jsonl")), List.of(dir.resolve("vix.jsonl")),
                        List.of(dir.resolve("calendar.jsonl"))), cfg),
                RuntimeExecutionMode.BATCH, new Configuration(), null, "calendar-batch",
                "backtest", null);
        assertThat(batch.decisions()).as("decisions after the announcement")
                .anyMatch(d -> d.ts() > quietFrom);

        produce(k, morning, recs, List.of());
        Live live = Live.start(cfg);
        try {
            live.await("the morning's decisions", c -> c.decisions()
                    .equals(until(batch.decisions(), quietFrom - OUT_OF_ORDERNESS)));
            // every input idle; then the announcement, alone, on the calendar topic
            Thread.sleep(3 * IDLENESS.toMillis());
            KAFKA.produce(k.topic(KafkaSettings.CALENDAR),
                    List.<String[]>of(new String[] {null, holiday}));
            Thread.sleep(3 * IDLENESS.toMillis());
            finishDay(live, k, afternoon, release, batch);
        } finally {
            live.stop();
        }
        assertThat(live.collected().deadLetters()).as("no bar late at the ticker stage or the "
                + "account engine").isEmpty();
    }

    /**
     * Sends the afternoon's bars and waits for its decisions; once the inputs are quiet again,
     * with the last bars held back, a VIX quote after the close releases them: the whole day's
     * decisions, orders and fills must then equal BATCH's.
     */
    private static void finishDay(Live live, KafkaSettings k, List<Bar> afternoon,
            VixQuote release, Collected batch) throws Exception {
        long close = afternoon.get(afternoon.size() - 1).ts();
        produce(k, afternoon, List.of(), List.of());
        live.await("the afternoon's decisions", c -> c.decisions()
                .equals(until(batch.decisions(), close - OUT_OF_ORDERNESS)));
        Thread.sleep(3 * IDLENESS.toMillis());
        produce(k, List.of(), List.of(), List.of(release));
        live.await("the day's decisions, orders and fills", c -> c.decisions()
                .equals(batch.decisions()) && c.orders().equals(batch.orders())
                && c.fills().equals(batch.fills()));
    }

    /** One day of SPY minute bars and 60 signed recommendations. */
    private static MarketGenerator.Generated market(LocalDate day) {
        return MarketGenerator.generate(new MarketGenerator.Spec(7, List.of("SPY"),
                List.of(540.0), List.of(day), 60, 0.0, List.of(), LiveJobITCase.SECRET));
    }

    /** One paper intraday account on SPY, every topic named after the test. */
    private static TradeflowConfig config(String prefix, String rules) {
        List<String> topics = Stream.concat(KafkaSettings.INPUT_TOPIC_KEYS.stream(),
                        Stream.of(KafkaSettings.OPTION_QUOTES, KafkaSettings.ORDERS))
                .map(key -> "kafka.topics." + key + "=" + prefix + "-" + key).toList();
        return ConfigLoader.parse("""
                accounts:
                  - { id: day-1, profile: intraday, mode: paper, cash: 100000, universe: [SPY],
                      %s }
                parallelism: 1
                input: { out-of-orderness: PT2M, idleness: %s }
                kafka: { bootstrap-servers: "%s", group-id: %s }
                """.formatted(rules, IDLENESS, KAFKA.bootstrapServers(), prefix), topics);
    }

    private static List<String> barsCsv(List<Bar> bars) {
        List<String> lines = new ArrayList<>(List.of("ticker,ts,open,high,low,close,volume"));
        for (Bar b : bars) {
            lines.add(String.join(",", b.ticker(), Long.toString(b.ts()),
                    Double.toString(b.open()), Double.toString(b.high()),
                    Double.toString(b.low()), Double.toString(b.close()),
                    Long.toString(b.volume())));
        }
        return lines;
    }

    private static List<Decision> until(List<Decision> decisions, long ts) {
        return decisions.stream().filter(d -> d.ts() <= ts).toList();
    }

    private static long ts(String recommendationJson) {
        return OffsetDateTime.parse(field(recommendationJson, "generated_at")).toInstant()
                .toEpochMilli();
    }

    private static String field(String json, String name) {
        try {
            return JSON.readTree(json).get(name).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void produce(KafkaSettings k, List<Bar> bars, List<String> recs,
            List<VixQuote> vix) {
        if (!bars.isEmpty()) {
            KAFKA.produce(k.topic(KafkaSettings.BARS), bars.stream()
                    .map(b -> new String[] {b.ticker(), MarketGenerator.barJson(b)}).toList(),
                    bars.stream().map(Bar::ts).toList());
        }
        if (!recs.isEmpty()) {
            KAFKA.produce(k.topic(KafkaSettings.RECOMMENDATIONS),
                    recs.stream().map(l -> new String[] {null, l}).toList(),
                    recs.stream().map(IdleInputsITCase::ts).toList());
        }
        if (!vix.isEmpty()) {
            KAFKA.produce(k.topic(KafkaSettings.VIX), vix.stream()
                    .map(q -> new String[] {"VIX", MarketGenerator.vixJson(q)}).toList(),
                    vix.stream().map(VixQuote::ts).toList());
        }
    }

    /** The unbounded job over the topics, its outputs collected as they arrive. */
    private record Live(JobClient client, Thread reader, List<AccountOutput> outputs) {
        static Live start(TradeflowConfig cfg) throws Exception {
            Configuration conf = Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.STREAMING);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.configure(conf);
            Topology.Results results = Topology.build(Pipeline.fromKafka(env, cfg,
                    Pipeline.parseContext(cfg, LiveJobITCase.SECRET), false), cfg.engine(), false);
            TypeSerializer<AccountOutput> serializer = TypeInformation.of(AccountOutput.class)
                    .createSerializer(env.getConfig().getSerializerConfig());
            CloseableIterator<byte[]> it = PackedOutputs.of(results, serializer).collectAsync();
            JobClient client = env.executeAsync("idle inputs");
            List<AccountOutput> outputs = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (it) {
                    while (it.hasNext()) {
                        outputs.add(PackedOutputs.unpack(it.next(), serializer));
                    }
                } catch (Exception e) {
                    // the job was cancelled: the outputs so far are what the test looks at
                }
            }, "idle-inputs-collect");
            reader.setDaemon(true);
            reader.start();
            return new Live(client, reader, outputs);
        }

        void await(String what, Predicate<Collected> condition) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!condition.test(collected())) {
                if (System.nanoTime() > deadline) {
                    Collected c = collected();
                    throw new AssertionError("waited 90 s for " + what + "; have "
                            + c.decisions().size() + " decisions, " + c.orders().size()
                            + " orders, " + c.fills().size() + " fills, dead letters "
                            + c.deadLetters().stream().map(d -> d.reason() + " " + d.position())
                                    .toList());
                }
                Thread.sleep(100);
            }
        }

        void stop() throws Exception {
            client.cancel().get();
            reader.join(10_000);
        }

        Collected collected() {
            Collected.Builder b = new Collected.Builder();
            outputs.forEach(b::add);
            return b.build(0, 0, 0);
        }
    }
}
