package io.tradeflow.demo;

import java.nio.file.Path;

/**
 * Options of the {@code demo} command.
 *
 * @param seed seeds the generated market data (same seed, same data, same decisions)
 * @param days trading days to generate: 1 or 2 keep the demo quick
 * @param recommendationsPerDay signed recommendations per day (plus ~10 % duplicates)
 * @param pgPort port of the embedded PostgreSQL, 0 for a random free port
 * @param webUiPort port of the Flink web UI; 0 for a random one; when it is busy, a random one
 * @param workDir where checkpoints and Flink's temporary files go (a fresh directory per run
 *     under it, deleted at the end)
 * @param keepRunning after the summary, keep PostgreSQL, Kafka and the web UI up until Enter or
 *     Ctrl-C
 */
public record DemoOptions(
        long seed,
        int days,
        int recommendationsPerDay,
        int pgPort,
        int webUiPort,
        Path workDir,
        boolean keepRunning) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_WEB_UI_PORT = 8081;

    public DemoOptions {
        if (days < 1 || days > 5) {
            throw new IllegalArgumentException("days must be 1 to 5, got " + days);
        }
        if (recommendationsPerDay < 1) {
            throw new IllegalArgumentException("recommendationsPerDay must be >= 1");
        }
        if (pgPort < 0 || pgPort > 65535 || webUiPort < 0 || webUiPort > 65535) {
            throw new IllegalArgumentException("ports must be 0 to 65535");
        }
        if (workDir == null) {
            throw new IllegalArgumentException("workDir is required");
        }
    }

    /** Seed 42, two days, 60 recommendations a day, random PostgreSQL port, web UI on :8081. */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_SEED, 2, 60, 0, DEFAULT_WEB_UI_PORT,
                Path.of(System.getProperty("java.io.tmpdir"), "tradeflow-demo"), false);
    }

    public DemoOptions withSeed(long s) {
        return new DemoOptions(s, days, recommendationsPerDay, pgPort, webUiPort, workDir,
                keepRunning);
    }

    public DemoOptions withDays(int d) {
        return new DemoOptions(seed, d, recommendationsPerDay, pgPort, webUiPort, workDir,
                keepRunning);
    }

    public DemoOptions withPgPort(int p) {
        return new DemoOptions(seed, days, recommendationsPerDay, p, webUiPort, workDir,
                keepRunning);
    }

    public DemoOptions withWebUiPort(int p) {
        return new DemoOptions(seed, days, recommendationsPerDay, pgPort, p, workDir,
                keepRunning);
    }

    public DemoOptions withWorkDir(Path dir) {
        return new DemoOptions(seed, days, recommendationsPerDay, pgPort, webUiPort, dir,
                keepRunning);
    }

    public DemoOptions withKeepRunning(boolean keep) {
        return new DemoOptions(seed, days, recommendationsPerDay, pgPort, webUiPort, workDir,
                keep);
    }
}
