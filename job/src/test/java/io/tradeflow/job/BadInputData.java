package io.tradeflow.job;

import io.tradeflow.event.Bar;
import io.tradeflow.io.Signatures;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.sample.MarketGenerator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The bad-input data set: 2 accounts, 3 tickers, 2 trading days of 1-minute bars, 40 signed
 * recommendations and a VIX series, written to files as generated or with bad lines inserted at
 * given line numbers; and the builders of each kind of bad line, made from the good line above.
 */
final class BadInputData {
    static final byte[] SECRET = "test-webhook-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final String BARS = "bars.csv";
    static final String RECS = "recommendations.jsonl";
    static final String VIX = "vix.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    final MarketGenerator.Generated generated;
    final TradeflowConfig config;

    BadInputData(long seed) {
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 1, 16), 2, Set.of());
        generated = MarketGenerator.generate(new MarketGenerator.Spec(seed,
                List.of("AAPL", "MSFT", "NVDA"), List.of(235.5, 396.2, 115.8), days, 20, 0.0,
                List.of("intraday-1", "swing-1"), SECRET));
        // both accounts trade every ticker, so the good input yields no dead letter at all
        config = ConfigLoader.parse("""
                accounts:
                  - id: intraday-1
                    profile: intraday
                    mode: paper
                    cash: 100000
                    universe: [AAPL, MSFT, NVDA]
                  - id: swing-1
                    profile: swing
                    mode: backtest
                    cash: 250000
                    tier: aggressive
                    universe: [AAPL, MSFT, NVDA]
                parallelism: 2
                """, List.of());
    }

    /** One bad line: which file, the 1-based line number it gets, how it is made from the line above. */
    record Injection(String file, int line, UnaryOperator<String> fromLineAbove) {}

    /** Writes the generated files into {@code dir}, with the injections inserted. */
    Pipeline.Files write(Path dir, List<Injection> injections) throws IOException {
        Files.createDirectories(dir);
        Path bars = dir.resolve(BARS);
        Path recs = dir.resolve(RECS);
        Path vix = dir.resolve(VIX);
        generated.writeBarsCsv(bars);
        generated.writeRecommendations(recs);
        generated.writeVixJson(vix);
        for (Path file : List.of(bars, recs)) {
            List<Injection> here = injections.stream()
                    .filter(i -> i.file().equals(file.getFileName().toString()))
                    .sorted(Comparator.comparingInt(Injection::line)).toList();
            if (here.isEmpty()) {
                continue;
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            for (Injection i : here) {
                if (i.line() < 2 || i.line() > lines.size()) {
                    throw new IllegalArgumentException("not in the middle of " + file + ": " + i);
                }
                // ascending order: lines before this one already hold their final numbers
                lines.add(i.line() - 1, i.fromLineAbove().apply(lines.get(i.line() - 2)));
            }
            Files.write(file, lines);
        }
        return new Pipeline.Files(List.of(bars), BarParser.Format.CSV, null, List.of(recs),
                List.of(vix), List.of());
    }

    // ------------------------------------------------------------------ bars (CSV)

    /** Returns the bar line with one cell replaced. */
    static UnaryOperator<String> barCell(int index, String value) {
        return line -> {
            String[] c = line.split(",", -1);
            c[index] = value;
            return String.join(",", c);
        };
    }

    static UnaryOperator<String> highBelowLow() {
        return line -> {
            String[] c = line.split(",", -1);
            return barCell(3, plain(Double.parseDouble(c[4]) - 1.0)).apply(line);
        };
    }

    /** A bar of the same ticker 10 minutes before the bar above: far beyond the lateness bound. */
    static UnaryOperator<String> tenMinutesBefore() {
        return line -> {
            String[] c = line.split(",", -1);
            long ts = OffsetDateTime.parse(c[1]).toInstant().toEpochMilli();
            return barCell(1, MarketGenerator.isoTime(ts - Duration.ofMinutes(10).toMillis()))
                    .apply(line);
        };
    }

    /**
     * A second bar for the ticker and time of the bar above, with volume + 1: it sorts after the
     * original in content order ({@link Bar#CONTENT_ORDER}), so the original stays the one used.
     */
    static UnaryOperator<String> duplicateSortingAfter() {
        return line -> {
            String dup = barCell(6, Long.toString(Long.parseLong(line.split(",")[6]) + 1))
                    .apply(line);
            if (Bar.CONTENT_ORDER.compare(bar(dup), bar(line)) <= 0) {
                throw new IllegalStateException("duplicate sorts before its original: " + line);
            }
            return dup;
        };
    }

    static Bar bar(String csv) {
        String[] c = csv.split(",");
        return new Bar(c[0], OffsetDateTime.parse(c[1]).toInstant().toEpochMilli(),
                Double.parseDouble(c[2]), Double.parseDouble(c[3]), Double.parseDouble(c[4]),
                Double.parseDouble(c[5]), Long.parseLong(c[6]));
    }

    private static String plain(double price) {
        return java.math.BigDecimal.valueOf(price)
                .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    // ------------------------------------------------------------------ recommendations (JSON)

    /**
     * Returns the recommendation above under a new id, edited, then signed again: the signature
     * holds, so the edit is what the parser rejects.
     */
    static UnaryOperator<String> resigned(String id, UnaryOperator<ObjectNode> edit) {
        return line -> {
            ObjectNode o = object(line);
            o.remove(Signatures.FIELD);
            o.put("id", id);
            return write(Signatures.signed(SECRET, edit.apply(o)));
        };
    }

    /** Returns the recommendation above with its id changed and the old signature kept. */
    static UnaryOperator<String> tampered(String id) {
        return line -> write(object(line).put("id", id));
    }

    /** Returns the recommendation above under a new id, without a signature. */
    static UnaryOperator<String> unsigned(String id) {
        return line -> {
            ObjectNode o = object(line).put("id", id);
            o.remove(Signatures.FIELD);
            return write(o);
        };
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
