package io.tradeflow.cli;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestReport;
import io.tradeflow.backtest.BacktestResult;
import io.tradeflow.job.ResultFiles;
import io.tradeflow.sample.MarketGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The backtest daemon's warm-up: backtests of a generated market (ten tickers, three days, signed
 * recommendations), BATCH and STREAMING in turn, until the JIT has settled ({@link Settling}) or
 * its time is spent, so that the JIT has compiled the job's code before the first command comes.
 * Each also writes its result files and report, as the command does, into a directory dropped at
 * the end: without, the first command's files and report took 490-515 ms of a 50-ticker month
 * instead of 240-280 ms (three pairs of fresh daemons). A larger market (40 or 50 tickers) made
 * the first command no faster.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final List<String> TICKERS = List.of("SPY", "QQQ", "IWM", "DIA", "XLF",
            "XLK", "XLE", "XLV", "XLI", "XLP");
    /** Signs the generated recommendations only: nothing outside this JVM sees it. */
    private static final String SECRET = "daemon-warm-up-key-of-at-least-32-bytes";

    private WarmUp() {}

    /**
     * Runs warm-up backtests until the JIT has settled or {@code budget} is spent, counting each
     * that ends in {@code done}.
     *
     * @throws InterruptedException when the thread is interrupted (a command came)
     */
    static void run(Duration budget, AtomicInteger done) throws Exception {
        long start = System.nanoTime(); // wall clock: the warm-up's budget
        long end = start + budget.toNanos();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        Settling settling = jit != null && jit.isCompilationTimeMonitoringSupported()
                ? new Settling() : null;
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
            LOG.info("warm-up: backtests of {} generated bars until the JIT settles, for {} at "
                    + "most", g.bars().size(), budget);
            boolean settled = false;
            while (!settled && System.nanoTime() < end) { // wall clock: the warm-up's budget
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
                settled = settling != null && settling.settled(System.nanoTime(), // wall clock
                        jit.getTotalCompilationTime());
            }
            LOG.info("warm-up: {} backtest(s) in {} s, done ({})", rounds,
                    (System.nanoTime() - start) / 1_000_000_000L, // wall clock: the log only
                    settled ? "the JIT settled" : "its time spent");
        } finally {
            delete(dir);
        }
    }

    /**
     * Tells when the JIT has settled: its compilers took under {@link #SHARE} of the wall clock
     * over the last {@link #WINDOW}. A JIT compiles the job's code through the first minute or
     * two of backtests (this 2-core machine: 10-14 s of compilation in each of the first 40
     * seconds' tens, 1-2 s from the 80th on); a warm-up of a fixed 30 s ended half-way, and the
     * first ten commands then paid the rest.
     */
    static final class Settling {
        static final long WINDOW = Duration.ofSeconds(10).toNanos();
        static final double SHARE = 0.2;
        /** Each {wall nanos, compilation millis}, oldest first, back to one older than WINDOW. */
        private final ArrayDeque<long[]> seen = new ArrayDeque<>();

        /**
         * Records a reading (the wall clock in nanoseconds, the compilers' total time in
         * milliseconds) and returns whether the compilers took under {@link #SHARE} of the time
         * since the latest reading at least {@link #WINDOW} before it (false until there is one).
         */
        boolean settled(long wallNanos, long compilationMillis) {
            seen.addLast(new long[] {wallNanos, compilationMillis});
            while (seen.size() > 1 && wallNanos - second()[0] >= WINDOW) {
                seen.removeFirst();
            }
            long[] from = seen.getFirst();
            long wall = wallNanos - from[0];
            return wall >= WINDOW && (compilationMillis - from[1]) * 1_000_000L < SHARE * wall;
        }

        private long[] second() {
            Iterator<long[]> it = seen.iterator();
            it.next();
            return it.next();
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
