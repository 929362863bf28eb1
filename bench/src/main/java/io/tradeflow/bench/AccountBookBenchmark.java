package io.tradeflow.bench;

import io.tradeflow.engine.PlainRunner;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the hot classes: the account book per tick (the plain runner over the SPY
 * January 2011 minute bars under N tickers, one intraday account, a recommendation per ticker
 * and day: the result is time per bar) and the indicator update per bar. Run on demand:
 * {@code java -cp <bench classpath> org.openjdk.jmh.Main AccountBookBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class AccountBookBenchmark {
    @Param({"1", "10", "50"})
    int tickers;

    private List<AccountInput> inputs;
    private List<Bar> bars;
    private EngineSettings settings;
    private long barCount;

    @Setup
    public void setUp() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("bench.spy",
                "../shared/data/spy-minute-2011-01.csv")));
        inputs = PlainEngineBench.inputs(lines, tickers);
        settings = PlainEngineBench.settings(tickers);
        bars = new ArrayList<>();
        for (AccountInput in : inputs) {
            if (in.tick() != null) {
                bars.add(in.tick().bar());
            }
        }
        barCount = bars.size();
    }

    /** The account stage, per bar: the whole month divided by its bars. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void accountBookMonth(Blackhole bh) throws Exception {
        bh.consume(new PlainRunner(settings).run(inputs).outputs().size());
    }

    /** The ticker stage's indicators, per bar. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void indicatorsMonth(Blackhole bh) {
        TradingCalendar calendar = TradingCalendar.nyse();
        java.util.Map<String, TickerIndicators> state = new java.util.HashMap<>();
        for (Bar b : bars) {
            TickerIndicators s = state.get(b.ticker());
            s = (s == null ? TickerIndicators.start(IndicatorParams.DEFAULTS) : s)
                    .update(b, calendar);
            state.put(b.ticker(), s);
            bh.consume(MarketTick.withAtr(b, s.snapshot().atr()));
        }
    }

    /** Returns the bars of one run, to turn a month's time into time per bar. */
    public long bars() {
        return barCount;
    }
}
