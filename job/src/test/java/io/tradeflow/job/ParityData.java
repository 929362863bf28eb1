package io.tradeflow.job;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.KafkaBrokerExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The parity input set: 3 accounts trading shares and one trading options (priced by the model
 * from VIX, issue 15), 5 tickers, 3 trading days of 1-minute bars around a holiday
 * (2025-01-20, Martin Luther King Jr. Day), 300 signed recommendations with duplicates, a VIX
 * series and the holiday as a calendar entry; written to files (in order and shuffled within the
 * out-of-orderness bound) and to Kafka.
 */
final class ParityData {
    static final byte[] SECRET = "test-webhook-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final Duration BOUND = Duration.ofMinutes(2);
    static final LocalDate HOLIDAY = LocalDate.of(2025, 1, 20);
    static final List<String> TICKERS = List.of("AAPL", "MSFT", "NVDA", "AMD", "SPY");

    final MarketGenerator.Generated generated;
    final TradeflowConfig config;

    ParityData(long seed) {
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 1, 16), 3,
                Set.of(HOLIDAY));
        generated = MarketGenerator.generate(new MarketGenerator.Spec(seed, TICKERS,
                List.of(235.5, 396.2, 115.8, 104.4, 575.9), days, 100, 0.1,
                List.of("intraday-1", "swing-1", "aggro-1"), SECRET));
        config = ConfigLoader.parse("""
                accounts:
                  - id: intraday-1
                    profile: intraday
                    mode: paper
                    cash: 100000
                    universe: [AAPL, MSFT, NVDA, AMD, SPY]
                  - id: swing-1
                    profile: swing
                    mode: paper
                    cash: 250000
                    tier: conservative
                    universe: [AAPL, MSFT, SPY]
                  - id: aggro-1
                    profile: intraday
                    mode: backtest
                    cash: 50000
                    tier: aggressive
                    universe: [NVDA, AMD, SPY]
                    rules: { tranches: 1 }
                  - id: options-1
                    profile: intraday
                    mode: backtest
                    cash: 100000
                    instrument: options
                    universe: [SPY, NVDA]
                # 64 KB chunks: BATCH reads the bar file (370 KB) with two readers
                input: { out-of-orderness: PT2M, idleness: PT1S, read-chunk-bytes: 65536 }
                parallelism: 2
                """, List.of());
    }

    TradeflowConfig kafkaConfig(String bootstrap, String prefix) {
        return ConfigLoader.parse(ConfigLoader.toJson(config), List.of(
                "kafka.bootstrap-servers=" + bootstrap,
                "kafka.group-id=" + prefix,
                "kafka.topics.bars=" + prefix + "-bars",
                "kafka.topics.recommendations=" + prefix + "-recs",
                "kafka.topics.vix=" + prefix + "-vix",
                "kafka.topics.calendar=" + prefix + "-calendar",
                "kafka.topics.control=" + prefix + "-control",
                "kafka.topics.fills=" + prefix + "-fills",
                "kafka.topics.broker-positions=" + prefix + "-positions",
                "kafka.topics.option-quotes=" + prefix + "-option-quotes"));
    }

    /** Writes the files; {@code shuffle} reorders lines within the out-of-orderness bound. */
    Pipeline.Files write(Path dir, boolean shuffle, long seed) throws IOException {
        Files.createDirectories(dir);
        Path bars = dir.resolve("bars.csv");
        Path recs = dir.resolve("recommendations.jsonl");
        Path vix = dir.resolve("vix.jsonl");
        Path cal = dir.resolve("calendar.jsonl");
        generated.writeBarsCsv(bars);
        generated.writeRecommendations(recs);
        generated.writeVixJson(vix);
        Files.writeString(cal, "{\"date\":\"" + HOLIDAY + "\",\"kind\":\"holiday\"}\n");
        if (shuffle) {
            Random r = new Random(seed);
            shuffleWithin(bars, true, barTimes(), r);
            shuffleWithin(recs, false, generated.recommendationEmittedAt(), r);
            shuffleWithin(vix, false, generated.vix().stream().map(VixQuote::ts).toList(), r);
        }
        return new Pipeline.Files(List.of(bars), BarParser.Format.CSV, null, List.of(recs),
                List.of(vix), List.of(cal));
    }

    private List<Long> barTimes() {
        return generated.bars().stream().map(Bar::ts).toList();
    }

    /** Reorders data lines by time + a random delay in [0, bound): disorder stays within it. */
    static void shuffleWithin(Path file, boolean header, List<Long> times, Random r)
            throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> data = header ? lines.subList(1, lines.size()) : lines;
        if (data.size() != times.size()) {
            throw new IllegalStateException(file + ": " + data.size() + " lines, " + times.size()
                    + " times");
        }
        List<long[]> keys = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            keys.add(new long[] {times.get(i) + (long) (r.nextDouble() * BOUND.toMillis()), i});
        }
        keys.sort(Comparator.comparingLong(k -> k[0]));
        List<String> out = new ArrayList<>();
        if (header) {
            out.add(lines.get(0));
        }
        keys.forEach(k -> out.add(data.get((int) k[1])));
        Files.write(file, out);
    }

    /** Produces every input to Kafka, keyed by ticker, with record timestamps = event times. */
    void produce(KafkaBrokerExtension kafka, TradeflowConfig cfg) throws Exception {
        TestClusters.createInputTopics(kafka, cfg.kafka());
        produce(kafka, cfg, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Produces the inputs with event times in {@code [from, to)} to existing topics, as {@link
     * #produce(KafkaBrokerExtension, TradeflowConfig)} does; the calendar entry goes with the
     * window that starts at {@link Long#MIN_VALUE}.
     */
    void produce(KafkaBrokerExtension kafka, TradeflowConfig cfg, long from, long to) {
        KafkaSettings k = cfg.kafka();
        Window bars = new Window(from, to);
        for (Bar b : generated.bars()) {
            bars.add(b.ticker(), MarketGenerator.barJson(b), b.ts());
        }
        bars.produce(kafka, k.topic(KafkaSettings.BARS));
        Window recs = new Window(from, to);
        for (int i = 0; i < generated.recommendationJsonLines().size(); i++) {
            recs.add(null, generated.recommendationJsonLines().get(i),
                    generated.recommendationEmittedAt().get(i));
        }
        recs.produce(kafka, k.topic(KafkaSettings.RECOMMENDATIONS));
        Window vix = new Window(from, to);
        for (VixQuote q : generated.vix()) {
            vix.add("VIX", MarketGenerator.vixJson(q), q.ts());
        }
        vix.produce(kafka, k.topic(KafkaSettings.VIX));
        if (from == Long.MIN_VALUE) {
            kafka.produce(k.topic(KafkaSettings.CALENDAR), List.<String[]>of(new String[] {null,
                    "{\"date\":\"" + HOLIDAY + "\",\"kind\":\"holiday\"}"}));
        }
    }

    /** The records of one topic whose timestamps fall in {@code [from, to)}. */
    private static final class Window {
        final long from;
        final long to;
        final List<String[]> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();

        Window(long from, long to) {
            this.from = from;
            this.to = to;
        }

        void add(String key, String value, long ts) {
            if (ts >= from && ts < to) {
                records.add(new String[] {key, value});
                timestamps.add(ts);
            }
        }

        void produce(KafkaBrokerExtension kafka, String topic) {
            if (!records.isEmpty()) {
                kafka.produce(topic, records, timestamps);
            }
        }
    }
}
