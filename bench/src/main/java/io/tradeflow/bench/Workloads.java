package io.tradeflow.bench;

import io.tradeflow.sample.MarketGenerator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the synthetic workload of the end-to-end table: {@code tickers} synthetic minute-bar
 * series over {@code days} trading days from the demo's market generator ({@code bars.csv}), and
 * {@code accounts} backtest accounts trading disjoint slices of the tickers, parallelism 2
 * ({@code accounts.yaml}). Used by {@code bench/run}:
 * {@code java -cp <bench classpath> io.tradeflow.bench.Workloads tickers days accounts dir}.
 */
public final class Workloads {
    private Workloads() {}

    public static void main(String[] args) throws Exception {
        int tickers = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        int accounts = Integer.parseInt(args[2]);
        Path dir = Files.createDirectories(Path.of(args[3]));
        List<String> names = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        for (int i = 0; i < tickers; i++) {
            names.add(String.format("S%03d", i));
            prices.add(20.0 + (i * 37) % 400);
        }
        MarketGenerator.generate(new MarketGenerator.Spec(11, names, prices,
                MarketGenerator.tradingDays(LocalDate.of(2025, 3, 3), days, Set.of()), 0, 0.0,
                List.of(), "bench".getBytes(StandardCharsets.UTF_8)))
                .writeBarsCsv(dir.resolve("bars.csv"));
        StringBuilder yaml = new StringBuilder("parallelism: 2\naccounts:\n");
        int per = tickers / accounts;
        for (int a = 0; a < accounts; a++) {
            yaml.append("  - { id: bench-").append(a)
                    .append(", profile: intraday, mode: backtest, cash: 100000, universe: [")
                    .append(String.join(", ", names.subList(a * per, (a + 1) * per)))
                    .append("] }\n");
        }
        Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }
}
