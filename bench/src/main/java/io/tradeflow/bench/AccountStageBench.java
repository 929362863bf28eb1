package io.tradeflow.bench;

import io.tradeflow.engine.PlainRunner;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Signal;
import io.tradeflow.io.BarFiles;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.Topology;
import io.tradeflow.market.TickerAnalytics;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measures the job's work without Flink, on the job's own workload, warm, as bars per second of
 * the file: the baseline the job's throughput is measured against ({@code bench/run}'s "plain"
 * rows).
 * <ul>
 *   <li><b>The account stage alone</b> ("plain runner"): a BATCH job computes the account inputs
 *       of the bar file (ticks, the ticker stage's signals, market events: what the account
 *       engine receives), then the plain runner processes them. The limit of the job's slowest
 *       stage.</li>
 *   <li><b>The pipeline</b> ("plain pipeline"): the same classes as the whole job, one after the
 *       other in one thread: the file read and parsed line by line ({@link BarParser}), each
 *       ticker's bars through {@link TickerAnalytics} (indicators, signals, rapid-move screen,
 *       gaps), then the account stage as above. Before it is timed, its ticks and signals are
 *       checked against the job's: the same ATR at every tick, a signal at every
 *       recommendation.</li>
 * </ul>
 *
 * <p>{@code java -cp <bench classpath> io.tradeflow.bench.AccountStageBench BARS.csv [CONFIG.yaml|-]
 * [rounds]}: without a configuration, the backtest command's default (one account trading every
 * ticker of the file).
 */
public final class AccountStageBench {
    private AccountStageBench() {}

    public static void main(String[] args) throws Exception {
        Path bars = Path.of(args[0]);
        TradeflowConfig cfg = args.length > 1 && !"-".equals(args[1])
                ? ConfigLoader.load(Path.of(args[1]), List.of())
                : ConfigLoader.defaultBacktest(BarFiles.tickers(List.of(bars),
                        BarParser.Format.CSV, null));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        List<AccountInput> inputs = accountInputs(cfg, bars);
        long ticks = inputs.stream().filter(i -> AccountInput.TICK.equals(i.kind())).count();
        tickerStage(cfg, parse(cfg, bars), true).sameAsTheJobs(inputs);
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            List<Bar> parsed = parse(cfg, bars);
            long t1 = System.nanoTime();
            TickerStage ticker = tickerStage(cfg, parsed, false);
            long t2 = System.nanoTime();
            PlainRunner.Result res = new PlainRunner(cfg.engine()).run(inputs);
            long t3 = System.nanoTime();
            double s = (t3 - t2) / 1e9;
            double all = (t3 - t0) / 1e9;
            System.out.printf("plain pipeline: %d bars, parse %.2f s, ticker stage %.2f s (%d "
                    + "ticks, %d signals), account stage %.2f s, %.2f s, %.0f bars/s%n",
                    parsed.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, ticker.ticks,
                    ticker.signals.size(), s, all, parsed.size() / all);
            System.out.printf("plain runner: %d inputs (%d ticks), %d outputs, %.2f s, %.0f "
                    + "ticks/s%n", inputs.size(), ticks, res.all().size(), s, ticks / s);
        }
    }

    /** Reads and parses the bar file as the job's source does, line by line. */
    static List<Bar> parse(TradeflowConfig cfg, Path file) throws Exception {
        BarParser parser = new BarParser(Pipeline.parseContext(cfg), BarParser.Format.CSV);
        String source = file.getFileName().toString();
        List<Bar> bars = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            String line;
            long lineNo = 0;
            while ((line = lines.readLine()) != null) {
                Parsed<Bar> p = parser.parse(new RawRecord(source, Long.toString(++lineNo),
                        Long.MIN_VALUE, line));
                if (p.isOk()) {
                    bars.add(p.value());
                } else if (p.isBad()) {
                    throw new IllegalStateException("line " + lineNo + ": " + p.deadLetter());
                }
            }
        }
        return bars;
    }

    /** What the plain ticker stage made: ticks (counted, and their ATRs), signals, the rest. */
    static final class TickerStage implements TickerAnalytics.Out {
        private final Map<String, Double> atrs;
        final List<Signal> signals = new ArrayList<>();
        long ticks;
        long others;

        TickerStage(boolean keepAtrs) {
            atrs = keepAtrs ? new HashMap<>() : null;
        }

        @Override
        public void tick(MarketTick tick) {
            ticks++;
            if (atrs != null) {
                atrs.put(key(tick.bar().ticker(), tick.ts()), tick.atr());
            }
        }

        @Override
        public void duplicate(Bar bar) {
            others++;
        }

        @Override
        public void signal(Signal signal) {
            signals.add(signal);
        }

        @Override
        public void rapidMove(Bar start, Bar end) {
            others++;
        }

        @Override
        public void gap(DataGap gap) {
            others++;
        }

        /**
         * Throws unless each of the job's ticks has this stage's ATR, each recommendation a
         * signal.
         */
        void sameAsTheJobs(List<AccountInput> inputs) {
            Set<String> signalled = new HashSet<>();
            signals.forEach(s -> signalled.add(key(s.ticker(), s.ts())));
            long checked = 0;
            for (AccountInput in : inputs) {
                if (AccountInput.TICK.equals(in.kind())) {
                    String k = key(in.tick().bar().ticker(), in.ts());
                    if (!atrs.containsKey(k) || !Objects.equals(atrs.get(k), in.tick().atr())) {
                        throw new IllegalStateException("the job's tick " + k + " has ATR "
                                + in.tick().atr() + ", the plain ticker stage's " + atrs.get(k));
                    }
                    checked++;
                } else if (AccountInput.RECOMMENDATION.equals(in.kind())
                        && !signalled.contains(key(in.recommendation().ticker(), in.ts()))) {
                    throw new IllegalStateException("the job's recommendation "
                            + in.recommendation().id() + " has no signal in the plain stage");
                }
            }
            if (checked == 0) {
                throw new IllegalStateException("the job sent the accounts no tick");
            }
        }

        private static String key(String ticker, long ts) {
            return ticker + "@" + ts;
        }
    }

    /**
     * Runs each ticker's bars, in time order (ties in content order), through the ticker stage,
     * keeping each tick's ATR when asked to (for the check).
     */
    static TickerStage tickerStage(TradeflowConfig cfg, List<Bar> bars, boolean keepAtrs) {
        TickerStage out = new TickerStage(keepAtrs);
        Map<String, List<Bar>> byTicker = new HashMap<>();
        for (Bar b : bars) {
            byTicker.computeIfAbsent(b.ticker(), t -> new ArrayList<>()).add(b);
        }
        TickerAnalytics analytics = new TickerAnalytics(cfg.engine().indicators(),
                cfg.engine().signals(), TradingCalendar.nyse());
        Comparator<Bar> order = Comparator.comparingLong(Bar::ts).thenComparing(Bar.CONTENT_ORDER);
        for (List<Bar> ticker : byTicker.values()) {
            ticker.sort(order);
            TickerAnalytics.State state = TickerAnalytics.State.plain();
            for (Bar b : ticker) {
                analytics.onBar(b, state, out);
            }
        }
        return out;
    }

    /** Returns what the account engine receives from a BATCH job over {@code bars}. */
    static List<AccountInput> accountInputs(TradeflowConfig cfg, Path bars) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.BATCH));
        Pipeline.Files files = new Pipeline.Files(List.of(bars), BarParser.Format.CSV, null,
                List.of(), List.of(), List.of());
        List<AccountInput> inputs = new ArrayList<>();
        try (CloseableIterator<AccountInput> it = Topology.accountInputs(Pipeline.fromFiles(env,
                files, Pipeline.parseContext(cfg), cfg.input()), cfg.engine(), true)
                .executeAndCollect()) {
            // a BATCH job sends ticks in runs: taken apart here, so that the runner's time is
            // the account logic's alone
            it.forEachRemaining(in -> inputs.addAll(in.parts()));
        }
        return inputs;
    }
}
