package io.tradeflow.notebooks;

import io.tradeflow.notebooks.DailyUniverse.DailyBar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A simple daily momentum rule that writes (unsigned) buy recommendations for a swing account.
 *
 * <p>On the close of day {@code d}, a ticker qualifies when its {@code lookback}-day return
 * crosses above {@code minReturn} (it was below on {@code d - 1}) while its close is above its
 * {@code trendDays}-day average. The recommendation is sent the next trading day of that ticker
 * at {@code at} New York time (inside the swing entry window, so only data up to {@code d}'s close
 * is used), priced at {@code d}'s close (the entry limit), with a confidence that grows with the
 * excess return: {@code 0.7 + 5 × (return − minReturn)}, capped at 0.95.
 */
public record Momentum(int lookback, int trendDays, double minReturn, LocalTime at) {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 20-day return above 5 % over a rising 50-day average, sent at 15:30. */
    public static Momentum standard() {
        return new Momentum(20, 50, 0.05, LocalTime.of(15, 30));
    }

    /** One recommendation of the rule. */
    public record Signal(String id, String ticker, java.time.LocalDate signalDate,
            java.time.ZonedDateTime sentAt, double price, double confidence, double momentum) {

        /** Returns the recommendation JSON, without its signature. */
        public ObjectNode json() {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", id);
            n.put("ticker", ticker);
            n.put("action", "buy");
            n.put("confidence", confidence);
            n.put("signal_type", "momentum");
            n.put("mode", "live_eligible");
            n.put("generated_at", sentAt.toOffsetDateTime().toString());
            n.put("price", price);
            return n;
        }
    }

    /** Returns the rule's recommendations over the universe, in the order they are sent. */
    public List<Signal> signals(DailyUniverse universe) {
        List<Signal> out = new ArrayList<>();
        for (Map.Entry<String, List<DailyBar>> e : universe.byTicker().entrySet()) {
            List<DailyBar> bars = e.getValue();
            for (int i = Math.max(lookback + 1, trendDays); i + 1 < bars.size(); i++) {
                double r = bars.get(i).close() / bars.get(i - lookback).close() - 1;
                double before = bars.get(i - 1).close() / bars.get(i - 1 - lookback).close() - 1;
                double sma = 0;
                for (int k = i - trendDays + 1; k <= i; k++) {
                    sma += bars.get(k).close();
                }
                sma /= trendDays;
                if (r >= minReturn && before < minReturn && bars.get(i).close() > sma) {
                    DailyBar next = bars.get(i + 1);
                    double confidence = Math.min(0.95, 0.7 + 5 * (r - minReturn));
                    out.add(new Signal("mom-" + e.getKey() + "-" + next.date(), e.getKey(),
                            bars.get(i).date(), next.date().atTime(at).atZone(NEW_YORK),
                            bars.get(i).close(), Math.round(confidence * 1000) / 1000.0,
                            r));
                }
            }
        }
        out.sort(Comparator.comparing(Signal::sentAt).thenComparing(Signal::id));
        return out;
    }

    /** Writes the signals as unsigned recommendation JSON lines; sign them before a backtest. */
    public static Path write(List<Signal> signals, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Signal s : signals) {
                w.write(JSON.writeValueAsString(s.json()));
                w.write('\n');
            }
        }
        return file;
    }
}
