package io.tradeflow.cli;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestReport;
import io.tradeflow.backtest.BacktestResult;
import io.tradeflow.job.ResultFiles;
import io.tradeflow.sample.MarketGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The backtest daemon's warm-up: backtests of a generated market (ten tickers, three days, signed
 * recommendations), BATCH and STREAMING in turn, until its time is spent, so that the JIT has
 * compiled the job's code before the first command comes. Each also writes its result files and
 * report, as the command does, into a directory dropped at the end: without, the first command's
 * files and report took 490-515 ms of a 50-ticker month instead of 240-280 ms (three pairs of
 * fresh daemons). A larger market (40 tickers) made the first command no faster.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final List<String> TICKERS = List.of("SPY", "QQQ", "IWM", "DIA", "XLF",
            "XLK", "XLE", "XLV", "XLI", "XLP");
    /** Signs the generated recommendations only: nothing outside this JVM sees it. */
    private static final String SECRET = "daemon-warm-up-key-of-at-least-32-bytes";

    private WarmUp() {}

    /**
     * Runs warm-up backtests for {@code budget}, counting each that ends in {@code done}.
     *
     * @throws InterruptedException when the thread is interrupted (a command came)
     */
    static void run(Duration budget, AtomicInteger done) throws Exception {
        long end = System.nanoTime() + budget.toNanos(); // wall clock: the warm-up's budget
        Path dir = Files.createTempDirectory("tradeflow-warm-up");
        try {
            MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(7,
                    TICKERS, List.of(500.0, 440.0, 200.0, 380.0, 40.0, 180.0, 90.0, 140.0, 110.0,
                            80.0), MarketGenerator.tradingDays(LocalDate.of(2025, 2, 3), 3,
                            Set.of()), 20, 0.1, List.of(),
                    SECRET.getBytes(StandardCharsets.UTF_8)));
            g.writeBarsCsv(dir.resolve("bars.csv"));
            g.writeRecommendations(dir.resolve("recs.jsonl"));
            int rounds = 0;
            LOG.info("warm-up: backtests of {} generated bars for {}", g.bars().size(), budget);
            while (System.nanoTime() < end) { // wall clock: the warm-up's budget
                Backtest.Mode mode = rounds % 2 == 0 ? Backtest.Mode.BATCH
                        : Backtest.Mode.STREAMING;
                try {
                    BacktestResult r = Backtest.builder().bars(dir.resolve("bars.csv"), "csv")
                            .recommendations(dir.resolve("recs.jsonl")).webhookSecret(SECRET)
                            .runtimeMode(mode).runId("warm-up").run();
                    // and what the command does after it, written over the last round's
                    ResultFiles.write(dir.resolve("out"), "warm-up", mode.name(),
                            r.collected());
                    BacktestReport.write(dir.resolve("out"), r);
                } catch (Exception e) {
                    if (interrupted(e)) {
                        throw new InterruptedException("a command came");
                    }
                    throw e;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("a command came");
                }
                rounds++;
                done.incrementAndGet();
            }
            LOG.info("warm-up: {} backtest(s), done", rounds);
        } finally {
            delete(dir);
        }
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
