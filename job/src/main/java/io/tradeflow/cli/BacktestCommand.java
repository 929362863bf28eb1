package io.tradeflow.cli;

import io.tradeflow.io.BarFiles;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestReport;
import io.tradeflow.backtest.BacktestResult;
import io.tradeflow.job.Collected;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.job.ResultFiles;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Replays bounded files through the job: BATCH by default, the same operators as live. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay bar, recommendation, VIX and calendar files through the job and "
                + "write decisions.csv, orders.csv, fills.csv, positions.csv, dead_letters.csv, "
                + "breakers.csv, tier_changes.csv, reserve_ledger.csv, config_audit.csv, "
                + "notifications.csv and summary.json (and PostgreSQL with --jdbc-url).")
final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--bars", required = true, paramLabel = "FILE",
            description = "Bar file(s); .gz is read directly.")
    List<Path> bars;

    @Option(names = "--bars-format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "csv (ticker,ts,open,high,low,close,volume), ninjatrader "
                    + "(YYYYMMDD HHMMSS;o;h;l;c;v, UTC end times, needs --ticker), daily "
                    + "(date,open,high,low,close,volume,Name) or json. Default: ${DEFAULT-VALUE}.")
    String barsFormat;

    @Option(names = "--ticker", description = "The ticker of a ninjatrader file.")
    String ticker;

    @Option(names = "--recommendations", paramLabel = "FILE",
            description = "Signed recommendations: JSON lines, or CSV (.csv).")
    List<Path> recommendations = new ArrayList<>();

    @Option(names = "--calendar", paramLabel = "FILE", description = "Event calendar "
            + "(repeatable): JSON lines {date, kind: fomc|cpi|earnings|holiday|macro, ticker?} "
            + "or the FOMC/CPI CSV schedules (as in shared/data).")
    List<Path> calendar = new ArrayList<>();

    @Option(names = "--earnings", paramLabel = "FILE", description = "Earnings dates "
            + "(repeatable): CSV ticker,date or JSON lines {date, kind: earnings, ticker}.")
    List<Path> earnings = new ArrayList<>();

    @Option(names = "--sectors", paramLabel = "FILE", description = "Sector of each ticker: "
            + "CSV ticker,<sector>,… (first two columns). Overrides sectors: of --config.")
    Path sectors;

    @Option(names = "--vix", paramLabel = "FILE", description = "VIX: JSON lines or the daily CSV.")
    List<Path> vix = new ArrayList<>();

    @Option(names = "--option-quotes", paramLabel = "FILE", description = "Option quotes: JSON "
            + "lines or CSV underlying,expiry,strike,right,bid,ask,last,iv,ts (R-OPT-4).")
    List<Path> optionQuotes = new ArrayList<>();

    @Option(names = "--broker-positions", paramLabel = "FILE", description = "Broker position "
            + "snapshots, JSON lines as on the broker-positions topic: each compared with its "
            + "account's book at its time (R-REC-2).")
    List<Path> brokerPositions = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "Read the records of this "
            + "market date (YYYY-MM-DD) and later only; indicators warm up from it.")
    java.time.LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Read the records of this "
            + "market date (YYYY-MM-DD) and earlier only.")
    java.time.LocalDate to;

    @Option(names = "--runtime-mode", defaultValue = "BATCH", paramLabel = "MODE",
            description = "BATCH or STREAMING (same decisions). Default: ${DEFAULT-VALUE}.")
    RuntimeExecutionMode runtimeMode;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Default: out/<run-id>.")
    Path out;

    @Option(names = "--run-id", description = "Run id. Default: bt-<local date-time>.")
    String runId;

    @Mixin
    Options.Config config = new Options.Config();

    @Mixin
    Options.Jdbc jdbc = new Options.Jdbc();

    @Spec
    CommandSpec spec;

    /** The directory relative paths are read from: the daemon's client's, or this process's. */
    private final Path workingDirectory;

    BacktestCommand() {
        this(Path.of(""));
    }

    BacktestCommand(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        BarParser.Format format = format(barsFormat);
        Backtest.startCluster();
        if (format == BarParser.Format.NINJATRADER && (ticker == null || ticker.isBlank())) {
            throw new IllegalArgumentException("--bars-format ninjatrader needs --ticker");
        }
        bars.forEach(p -> Options.requireFile(p, "--bars"));
        recommendations.forEach(p -> Options.requireFile(p, "--recommendations"));
        calendar.forEach(p -> Options.requireFile(p, "--calendar"));
        earnings.forEach(p -> Options.requireFile(p, "--earnings"));
        if (sectors != null) {
            Options.requireFile(sectors, "--sectors");
        }
        vix.forEach(p -> Options.requireFile(p, "--vix"));
        optionQuotes.forEach(p -> Options.requireFile(p, "--option-quotes"));
        brokerPositions.forEach(p -> Options.requireFile(p, "--broker-positions"));
        TradeflowConfig cfg;
        if (config.file == null) {
            Set<String> tickers = BarFiles.tickers(bars, format, ticker);
            if (tickers.isEmpty()) {
                throw new IllegalArgumentException("no tickers found in " + bars);
            }
            cfg = ConfigLoader.parse(ConfigLoader.toJson(ConfigLoader.defaultBacktest(tickers)),
                    config.sets);
        } else {
            cfg = config.load();
        }
        if (sectors != null) {
            cfg = cfg.withSectors(io.tradeflow.io.config.SectorMap.read(sectors));
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
        String id = runId != null ? runId : cfg.runId() != null ? cfg.runId()
                : "bt-" + LocalDateTime.now().format(label); // wall clock: the run's label only
        Path outDir = out != null ? out : workingDirectory.resolve("out").resolve(id);
        JdbcSettings pg = jdbc.settings(config.file == null ? null : cfg);
        if (!recommendations.isEmpty()
                && io.tradeflow.io.Secrets.read(io.tradeflow.io.Secrets.WEBHOOK_SECRET) == null) {
            stderr.println("warning: TRADEFLOW_WEBHOOK_SECRET is not set: every recommendation "
                    + "will be rejected as unsigned (R-SIG-6)");
        }
        stderr.printf("backtest %s: %s, %d account(s), %d sector(s), %s%n", id, runtimeMode,
                cfg.engine().accounts().size(), cfg.engine().sectors().size(),
                pg == null ? "no database" : pg.url());
        Backtest.Builder backtest = Backtest.builder().accounts(cfg).runId(id)
                .runtimeMode(Backtest.Mode.valueOf(runtimeMode.name()));
        if (from != null) {
            backtest.from(from);
        }
        if (to != null) {
            backtest.to(to);
        }
        bars.forEach(p -> backtest.bars(p, barsFormat, ticker));
        recommendations.forEach(backtest::recommendations);
        calendar.forEach(backtest::calendar);
        earnings.forEach(backtest::calendar);
        vix.forEach(backtest::vix);
        optionQuotes.forEach(backtest::optionQuotes);
        brokerPositions.forEach(backtest::brokerPositions);
        if (pg != null) {
            backtest.postgres(pg);
        }
        BacktestResult result;
        try (Progress progress = new Progress()) {
            result = backtest.progress(progress).run();
        }
        long ran = System.nanoTime(); // wall clock: the command's own timing, printed only
        Backtest.closeCluster(); // its shutdown runs beside the writing of the results
        Collected c = result.collected();
        // the result files and the report on two cores at once: both only read the results
        CompletableFuture<Long> report = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime(); // wall clock: the report's own timing, printed only
            try {
                BacktestReport.write(outDir, result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return System.nanoTime() - t0;
        }, runnable -> new Thread(runnable, "tradeflow-report").start());
        long written = System.nanoTime(); // wall clock: the files' own timing, printed only
        ResultFiles.write(outDir, id, runtimeMode.name(), c);
        long files = System.nanoTime() - written;
        long reportNanos;
        try {
            reportNanos = report.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : e;
        }
        stderr.printf("result files in %d ms, report (trades, equity, metrics, html) in %d "
                + "ms, side by side%n", files / 1_000_000, reportNanos / 1_000_000);
        long late = c.deadLettersByReason().getOrDefault("late", 0L);
        if (late > 0) {
            stderr.printf("warning: %d record(s) arrived later than input.out-of-orderness "
                    + "allows (see %s); sort the file by time or raise the bound%n", late,
                    outDir.resolve(OutputKind.DEAD_LETTER.file()));
        }
        stdout.print(ResultFiles.summary(id, runtimeMode.name(), c));
        stdout.flush();
        // the run's own figure (summary.json's wall_ms) leaves out the files and the report
        long whole = c.wallMillis() + (System.nanoTime() - ran) / 1_000_000; // wall clock: printed
        stderr.printf("wrote %s (%d decisions, %d orders, %d fills, %d dead letters) in %d ms:"
                        + " %d bars, %.0f bars/s (%d ms, %.0f bars/s with the files and report)%n",
                outDir, c.decisions().size(), c.orders().size(), c.fills().size(),
                c.deadLetters().size(), c.wallMillis(), c.barsHandled(),
                c.wallMillis() == 0 ? 0.0 : c.barsHandled() * 1000.0 / c.wallMillis(), whole,
                whole == 0 ? 0.0 : c.barsHandled() * 1000.0 / whole);
        return 0;
    }

    static BarParser.Format format(String name) {
        try {
            return BarParser.Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bars-format: unknown format '" + name
                    + "' (expected csv, ninjatrader, daily or json)");
        }
    }

    /** Shows decisions as they arrive, on a terminal only. */
    static final class Progress implements Consumer<Backtest.Progress>, AutoCloseable {
        private final ProgressBar bar = System.console() == null ? null
                : new ProgressBarBuilder().setTaskName("decisions").setInitialMax(-1)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .continuousUpdate().build();

        @Override
        public void accept(Backtest.Progress p) {
            if (bar != null) {
                bar.stepTo(p.decisions());
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
