package io.tradeflow.backtest;

import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.io.BarFiles;
import io.tradeflow.io.Secrets;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.BacktestRuns;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.job.Collected;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.Runs;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;

import tech.tablesaw.api.Table;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a backtest from files in this JVM — the job graph of {@code tradeflow backtest}, on a local
 * MiniCluster — and returns its results as Tablesaw tables; the entry point of the notebooks.
 *
 * <pre>{@code
 * BacktestResult r = Backtest.builder()
 *         .bars(Path.of("spy.csv"), "ninjatrader", "SPY")
 *         .recommendations(Path.of("recs.jsonl"))
 *         .accounts(Path.of("accounts.yaml"))
 *         .runtimeMode(Backtest.Mode.BATCH)
 *         .progress(p -> System.out.println(p))
 *         .run();
 * r.metrics();
 * }</pre>
 *
 * <p>Without accounts it trades one account {@code default} (intraday, backtest, cash 100 000)
 * over every ticker in the bars, as the command does. Recommendations must be signed with the
 * webhook secret: {@link Builder#webhookSecret}, else {@code TRADEFLOW_WEBHOOK_SECRET}.
 */
public final class Backtest {
    private Backtest() {}

    /** Flink's runtime mode, without Flink's type: both give the same decisions. */
    public enum Mode {
        BATCH,
        STREAMING;

        RuntimeExecutionMode flink() {
            return this == BATCH ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING;
        }
    }

    /**
     * Reports how far a running backtest is: outputs collected so far and the latest market time
     * among them. Sent at most every {@link Builder#progressInterval} while outputs arrive, and
     * once more with {@code done} when the job has finished.
     *
     * @param marketTime the latest decision or fill time seen, {@code null} before the first
     * @param elapsed wall time since {@code run()} started
     */
    public record Progress(
            String runId,
            long decisions,
            long orders,
            long fills,
            long positions,
            long deadLetters,
            Instant marketTime,
            Duration elapsed,
            boolean done) {}

    /**
     * Starts this JVM's local cluster in the background, for a program that is about to run a
     * backtest and has work to do first (reading its inputs); the calling thread keeps it up.
     */
    public static void startCluster() {
        SharedMiniCluster.startInBackground();
    }

    /**
     * Closes this JVM's local cluster in the background, for a program whose last backtest has
     * ended and that has work left (writing its results), unless other threads use it too; a
     * later backtest starts it again.
     */
    public static void closeCluster() {
        SharedMiniCluster.closeInBackground();
    }

    /** Returns an empty builder: BATCH, the default account, no database. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one backtest per combination of the grid's values on the shared cluster, as many at
     * once as its slots allow at the configured parallelism, and returns one row per combination
     * and account: the run id, the parameter columns (numeric when every
     * value of a key is a number), the account and the metrics of {@link BacktestResult#metrics()}.
     *
     * @param base the backtest to vary (not changed)
     * @param grid configuration keys, as for {@code --set key=value} (e.g. {@code
     *     tiers.moderate.min-confidence}, {@code accounts.0.cash}), each with the values to try;
     *     combinations follow the map's iteration order, the last key varying fastest
     */
    public static Table sweep(Builder base, Map<String, List<?>> grid) throws Exception {
        return Sweeps.run(base, base.runId != null ? base.runId : newRunId("sweep"), grid);
    }

    static String newRunId(String prefix) {
        return prefix + "-" + LocalDateTime.now() // wall clock: a run label, never a decision input
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    }

    /** Collects the inputs and settings of one backtest; {@link #run()} may be called again. */
    public static final class Builder {
        private final List<Path> bars = new ArrayList<>();
        private BarParser.Format barsFormat;
        private String barsTicker;
        private final List<Path> recommendations = new ArrayList<>();
        private final List<Path> calendar = new ArrayList<>();
        private final List<Path> vix = new ArrayList<>();
        private final List<Path> optionQuotes = new ArrayList<>();
        private final List<Path> brokerPositions = new ArrayList<>();
        private Path configFile;
        private TradeflowConfig config;
        private final List<String> sets = new ArrayList<>();
        private Mode mode = Mode.BATCH;
        private Consumer<Progress> progress;
        private Duration progressInterval = Duration.ofMillis(250);
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPasswordEnv;
        private JdbcSettings jdbc;
        private String runId;
        private byte[] webhookSecret;
        private Configuration flink = new Configuration();

        private Builder() {}

        /** Returns an independent copy of this builder. */
        public Builder copy() {
            Builder b = new Builder();
            b.bars.addAll(bars);
            b.barsFormat = barsFormat;
            b.barsTicker = barsTicker;
            b.recommendations.addAll(recommendations);
            b.calendar.addAll(calendar);
            b.vix.addAll(vix);
            b.optionQuotes.addAll(optionQuotes);
            b.brokerPositions.addAll(brokerPositions);
            b.configFile = configFile;
            b.config = config;
            b.sets.addAll(sets);
            b.mode = mode;
            b.progress = progress;
            b.progressInterval = progressInterval;
            b.jdbcUrl = jdbcUrl;
            b.jdbcUser = jdbcUser;
            b.jdbcPasswordEnv = jdbcPasswordEnv;
            b.jdbc = jdbc;
            b.runId = runId;
            b.webhookSecret = webhookSecret == null ? null : webhookSecret.clone();
            b.flink = new Configuration(flink);
            return b;
        }

        /**
         * Adds a bar file ({@code .gz} read directly); every bar file of a run has one format.
         *
         * @param format {@code csv}, {@code daily} or {@code json} (for {@code ninjatrader} use
         *     {@link #bars(Path, String, String)})
         */
        public Builder bars(Path path, String format) {
            return bars(path, format, null);
        }

        /** Adds a bar file of one ticker whose lines name none ({@code ninjatrader}). */
        public Builder bars(Path path, String format, String ticker) {
            BarParser.Format f = format(format);
            if (barsFormat != null && barsFormat != f) {
                throw new IllegalArgumentException("bars: every bar file of a run has one format ("
                        + barsFormat.name().toLowerCase(Locale.ROOT) + "), not " + format);
            }
            if (f == BarParser.Format.NINJATRADER && (ticker == null || ticker.isBlank())) {
                throw new IllegalArgumentException("bars: the ninjatrader format needs a ticker");
            }
            barsFormat = f;
            barsTicker = ticker;
            bars.add(path);
            return this;
        }

        /** Adds a file of signed recommendations: JSON lines, or CSV ({@code .csv}). */
        public Builder recommendations(Path path) {
            recommendations.add(path);
            return this;
        }

        /** Adds a calendar file (FOMC/CPI/holidays): JSON lines or CSV. */
        public Builder calendar(Path path) {
            calendar.add(path);
            return this;
        }

        /** Adds a VIX file: JSON lines or the daily CSV. */
        public Builder vix(Path path) {
            vix.add(path);
            return this;
        }

        /**
         * Adds an option quotes file (JSON lines or CSV {@code underlying,expiry,strike,right,bid,
         * ask,last,iv,ts}): accounts trading options price their contracts from it (R-OPT-4).
         */
        public Builder optionQuotes(Path path) {
            optionQuotes.add(path);
            return this;
        }

        /**
         * Adds a file of broker position snapshots (JSON lines as on the {@code broker-positions}
         * topic): each is compared with its account's book at its time (R-REC-2).
         */
        public Builder brokerPositions(Path path) {
            brokerPositions.add(path);
            return this;
        }

        /** Takes the accounts and every other setting from a YAML configuration file. */
        public Builder accounts(Path yamlConfig) {
            configFile = yamlConfig;
            config = null;
            return this;
        }

        /** Takes the accounts and every other setting from a loaded configuration. */
        public Builder accounts(TradeflowConfig cfg) {
            config = cfg;
            configFile = null;
            return this;
        }

        /** Takes the engine settings (accounts, tiers, broker, indicators, signals) given. */
        public Builder accounts(EngineSettings engine) {
            TradeflowConfig d = ConfigLoader.defaultBacktest(List.of("SPY"));
            return accounts(new TradeflowConfig(null, engine, d.kafka(), d.jdbc(), d.input(),
                    d.checkpointIntervalMs(), d.parallelism(), d.notifications()));
        }

        /** Overrides one configuration key, as {@code --set key=value} does. */
        public Builder set(String key, Object value) {
            sets.add(key + "=" + value);
            return this;
        }

        /** Reads the records of this market date and later only (R-BT-1's date range). */
        public Builder from(java.time.LocalDate date) {
            return set("input.from", date);
        }

        /** Reads the records of this market date and earlier only (R-BT-1's date range). */
        public Builder to(java.time.LocalDate date) {
            return set("input.to", date);
        }

        /** Overrides configuration keys given as {@code key=value}. */
        public Builder sets(List<String> keyValues) {
            sets.addAll(keyValues);
            return this;
        }

        public Builder runtimeMode(Mode m) {
            mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** Sends progress reports to {@code listener} (on the calling thread). */
        public Builder progress(Consumer<Progress> listener) {
            progress = listener;
            return this;
        }

        /** Sets the least wall time between two progress reports (default 250 ms). */
        public Builder progressInterval(Duration interval) {
            progressInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Writes every output to PostgreSQL too, under the run id: the migrations are applied
         * first; the password is read from the environment variable {@code passwordEnv} (or the
         * file named by {@code passwordEnv_FILE}), never passed in.
         *
         * @param passwordEnv {@code null} for {@code TRADEFLOW_JDBC_PASSWORD}
         */
        public Builder postgres(String jdbcUrl, String user, String passwordEnv) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.jdbcUser = user;
            this.jdbcPasswordEnv = passwordEnv;
            this.jdbc = null;
            return this;
        }

        /** As {@link #postgres(String, String, String)}, with the run id of the rows. */
        public Builder postgres(String jdbcUrl, String user, String passwordEnv, String runId) {
            return postgres(jdbcUrl, user, passwordEnv).runId(runId);
        }

        /** Writes every output to PostgreSQL too, with settings already resolved. */
        public Builder postgres(JdbcSettings settings) {
            this.jdbc = settings;
            this.jdbcUrl = null;
            return this;
        }

        /** Sets the run id. Default: the configuration's {@code run-id}, else bt-date-time. */
        public Builder runId(String id) {
            runId = id;
            return this;
        }

        /** Sets the key recommendations are signed with (default: TRADEFLOW_WEBHOOK_SECRET). */
        public Builder webhookSecret(String secret) {
            webhookSecret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Adds Flink settings (checkpoints, state backend) for this run: tests, benchmarks. */
        Builder flink(Configuration c) {
            flink.addAll(c);
            return this;
        }

        /** Returns the configuration this builder runs with, overrides applied. */
        public TradeflowConfig resolveConfig() throws java.io.IOException {
            if (configFile != null) {
                requireFile(configFile, "accounts");
                return ConfigLoader.load(configFile, sets);
            }
            TradeflowConfig base = config;
            if (base == null) {
                Set<String> tickers = BarFiles.tickers(bars, barsFormat, barsTicker);
                if (tickers.isEmpty()) {
                    throw new IllegalArgumentException("no tickers found in " + bars);
                }
                base = ConfigLoader.defaultBacktest(tickers);
            }
            return sets.isEmpty() ? base : ConfigLoader.parse(ConfigLoader.toJson(base), sets);
        }

        /** Runs the backtest to the end and collects its results. */
        public BacktestResult run() throws Exception {
            if (bars.isEmpty()) {
                throw new IllegalArgumentException("bars: at least one bar file is needed");
            }
            bars.forEach(p -> requireFile(p, "bars"));
            recommendations.forEach(p -> requireFile(p, "recommendations"));
            calendar.forEach(p -> requireFile(p, "calendar"));
            vix.forEach(p -> requireFile(p, "vix"));
            optionQuotes.forEach(p -> requireFile(p, "option quotes"));
            brokerPositions.forEach(p -> requireFile(p, "broker positions"));
            long t0 = System.nanoTime();
            TradeflowConfig cfg = resolveConfig();
            String id = runId != null ? runId : cfg.runId() != null ? cfg.runId()
                    : newRunId("bt");
            JdbcSettings pg = jdbc;
            if (pg == null && jdbcUrl != null) {
                pg = new JdbcSettings(jdbcUrl, jdbcUser == null ? "tradeflow" : jdbcUser,
                        Secrets.read(jdbcPasswordEnv == null ? Secrets.JDBC_PASSWORD
                                : jdbcPasswordEnv));
            }
            Pipeline.Files files = new Pipeline.Files(List.copyOf(bars), barsFormat, barsTicker,
                    List.copyOf(recommendations), List.copyOf(vix), List.copyOf(calendar),
                    List.copyOf(optionQuotes), List.copyOf(brokerPositions));
            ProgressTracker tracker = new ProgressTracker(id, progress, progressInterval, t0);
            if (pg != null) {
                Migrations.migrate(pg);
                BacktestRuns.start(pg, id, mode.name(), ConfigLoader.toJson(cfg),
                        cfg.input().from(), cfg.input().to());
            }
            Collected c;
            try {
                c = Runs.run(cfg, Runs.Inputs.files(files, cfg), mode.flink(), flink, pg, id,
                        "backtest", progress == null ? null : tracker,
                        SharedMiniCluster::environment, webhookSecret);
            } catch (Exception e) {
                if (pg != null) {
                    BacktestRuns.failed(pg, id, e);
                }
                throw e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (progress != null) {
                tracker.finish(elapsed);
            }
            BacktestResult result = new BacktestResult(id, mode, cfg, files, c, elapsed);
            if (pg != null) {
                List<PortfolioSnapshot> snapshots = c.snapshots();
                BacktestRuns.done(pg, id, new BacktestRuns.Finished(
                        snapshots.isEmpty() ? null : MarketTime.date(snapshots.get(0).ts()),
                        snapshots.isEmpty() ? null
                                : MarketTime.date(snapshots.get(snapshots.size() - 1).ts()),
                        c.barsHandled(), c.decisions().size(), c.dataGaps().size(),
                        BacktestReport.metrics(result).toString(), result.tradeRecords()));
            }
            return result;
        }

        private static BarParser.Format format(String name) {
            try {
                return BarParser.Format.valueOf(Objects.requireNonNull(name, "format")
                        .toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bars: unknown format '" + name
                        + "' (expected csv, ninjatrader, daily or json)");
            }
        }

        private static void requireFile(Path p, String what) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(what + ": no such file: " + p);
            }
        }
    }
}
