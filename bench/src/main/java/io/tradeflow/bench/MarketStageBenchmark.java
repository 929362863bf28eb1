package io.tradeflow.bench;

import io.tradeflow.cep.RapidMovePattern;
import io.tradeflow.cep.RapidMoveScreen;
import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.signals.SignalDetector;
import io.tradeflow.rules.signals.SignalParams;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the ticker stage's per-bar work, in nanoseconds per bar over the SPY January
 * 2011 minute bars (the {@value #BARS} first): the bar parsers (CSV with ISO times, NinjaTrader),
 * the indicator update with its snapshot, the strategy signals and the rapid-move screen. Run on demand:
 * {@code java -cp <bench classpath> org.openjdk.jmh.Main MarketStageBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MarketStageBenchmark {
    /** Bars per invocation: every benchmark's result is per bar. */
    static final int BARS = 14_000;
    private static final long WINDOW = RapidMovePattern.DEFAULT_WINDOW.toMillis();

    private List<Bar> bars;
    private List<Indicators> snapshots;
    private List<RawRecord> csvLines;
    private List<RawRecord> ninjaLines;
    private BarParser csv;
    private BarParser ninja;

    @Setup
    public void setUp() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("bench.spy",
                "../shared/data/spy-minute-2011-01.csv"))).subList(0, BARS);
        ParseContext ctx = new ParseContext(null, null, (byte[]) null,
                Duration.ofDays(7).toMillis());
        ninja = new BarParser(ctx, BarParser.Format.NINJATRADER, "SPY");
        csv = new BarParser(ctx, BarParser.Format.CSV);
        bars = new ArrayList<>();
        ninjaLines = new ArrayList<>();
        csvLines = new ArrayList<>();
        for (String line : lines) {
            RawRecord raw = RawRecord.ofLine("spy.txt", ninjaLines.size() + 1, line);
            Bar b = ninja.parse(raw).value();
            ninjaLines.add(raw);
            bars.add(b);
            csvLines.add(RawRecord.ofLine("spy.csv", csvLines.size() + 1, String.join(",",
                    b.ticker(), Instant.ofEpochMilli(b.ts()).toString(), Double.toString(b.open()),
                    Double.toString(b.high()), Double.toString(b.low()),
                    Double.toString(b.close()), Long.toString(b.volume()))));
        }
        snapshots = new ArrayList<>();
        TradingCalendar calendar = TradingCalendar.nyse();
        TickerIndicators s = TickerIndicators.start(IndicatorParams.DEFAULTS);
        for (Bar b : bars) {
            s = s.update(b, calendar);
            snapshots.add(s.snapshot());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public void parseCsv(Blackhole bh) {
        for (RawRecord r : csvLines) {
            bh.consume(csv.parse(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public void parseNinjaTrader(Blackhole bh) {
        for (RawRecord r : ninjaLines) {
            bh.consume(ninja.parse(r));
        }
    }

    /** Every indicator and the snapshot the ticker stage emits, per bar. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public void indicators(Blackhole bh) {
        TradingCalendar calendar = TradingCalendar.nyse();
        TickerIndicators s = TickerIndicators.start(IndicatorParams.DEFAULTS);
        for (Bar b : bars) {
            s = s.update(b, calendar);
            bh.consume(s.snapshot());
        }
    }

    /** The strategy signals (confluence score, ORB, EMA cross, VWAP reversion), per bar. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public void signals(Blackhole bh) {
        SignalDetector d = SignalDetector.initial(SignalParams.DEFAULTS);
        for (int i = 0; i < BARS; i++) {
            SignalDetector.Step step = d.update(bars.get(i), snapshots.get(i));
            bh.consume(step.signals());
            d = step.next();
        }
    }

    /** The rapid-move screen, per bar: what replaced a CEP partial match per bar. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public void rapidMoveScreen(Blackhole bh) {
        RapidMoveScreen screen = new RapidMoveScreen();
        for (Bar b : bars) {
            bh.consume(screen.offer(b, RapidMovePattern.DEFAULT_THRESHOLD, WINDOW));
        }
    }
}
