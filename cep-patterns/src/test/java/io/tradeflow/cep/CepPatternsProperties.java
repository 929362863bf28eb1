package io.tradeflow.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.util.MiniClusterWithClientResource;
import org.apache.flink.util.Collector;

/**
 * Each pattern equals its brute-force oracle on random series, in STREAMING (in order) and in
 * BATCH (shuffled input). jqwik runs no Jupiter extensions, so the MiniCluster starts here.
 */
class CepPatternsProperties {
    static final long MIN = 60_000L;
    static final long T0 = 1_748_872_800_000L; // 2025-06-02T14:00:00Z
    static final long DAY = 86_400_000L;
    /**
     * Tries of the properties that run Flink jobs (each try runs 2-4 jobs on the MiniCluster),
     * each over {@link #SERIES} independent series: {@code TRIES × SERIES} = 200 series per
     * property, in a quarter of the jobs one series per try would take.
     */
    static final int TRIES = 25;
    static final int SERIES = 8;

    static MiniClusterWithClientResource flink;

    @BeforeContainer
    static void startFlink() throws Exception {
        flink = new MiniClusterWithClientResource(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
        flink.before();
    }

    @AfterContainer
    static void stopFlink() {
        flink.after();
    }

    @Property(tries = TRIES, seed = "20250309")
    void rapidMoveEqualsOracleInBothModes(@ForAll("barSeries") List<List<Bar>> series,
            @ForAll long seed) throws Exception {
        var batch = SeriesBatch.of(series, CepPatternsProperties::shiftedBars,
                one -> Oracles.rapidMoves(one, 0.05, Duration.ofMinutes(15)),
                found -> matched(found.size()));
        List<Bar> bars = batch.input();
        List<RapidMove> expected = batch.expected();
        for (RuntimeExecutionMode mode : RuntimeExecutionMode.values()) {
            if (mode == RuntimeExecutionMode.AUTOMATIC) {
                continue;
            }
            assertThat(CepRuns.run(mode, bars, Bar.class, (b, r) -> b.ts(), Bar::ticker,
                    RapidMovePattern::detect, seed))
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = 2_000, seed = "20250309")
    void screenFindsEachMoveAtItsFirstCompletingBar(@ForAll("bars") List<Bar> bars) {
        List<RapidMove> screened = new ArrayList<>();
        Map<String, RapidMoveScreen> screens = new HashMap<>();
        for (Bar b : inOrder(bars)) {
            Bar start = screens.computeIfAbsent(b.ticker(), t -> new RapidMoveScreen())
                    .offer(b, 0.05, 15 * MIN);
            if (start != null) {
                screened.add(Oracles.move(start, b));
            }
        }
        List<RapidMove> expected =
                Oracles.firstCompletions(inOrder(bars), 0.05, Duration.ofMinutes(15));
        matched(expected.size());
        assertThat(screened).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The pattern over the screened bars (the market stage's input) reports what Flink CEP finds
     * over every bar, each bar paired with its first completion and the first completing bars
     * kept, and what the brute-force oracle finds, in both modes.
     */
    @Property(tries = TRIES, seed = "20250309")
    void screenedRapidMoveEqualsCepOverEveryBarAndTheOracle(
            @ForAll("barSeries") List<List<Bar>> series, @ForAll long seed) throws Exception {
        var batch = SeriesBatch.of(series, CepPatternsProperties::shiftedBars,
                one -> Oracles.firstCompletions(one, 0.05, Duration.ofMinutes(15)),
                found -> matched(found.size()));
        List<Bar> bars = batch.input();
        List<RapidMove> expected = batch.expected();
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            assertThat(CepRuns.run(mode, bars, Bar.class, (b, r) -> b.ts(), Bar::ticker,
                    keyed -> RapidMovePattern.detectScreened(keyed
                            .process(new ScreenBars(), TypeInformation.of(Bar.class))
                            .keyBy(Bar::ticker)), seed))
                    .as("screened, " + mode).containsExactlyInAnyOrderElementsOf(expected);
            List<RapidMove> everyFirst = CepRuns.run(mode, bars, Bar.class, (b, r) -> b.ts(),
                    Bar::ticker, keyed -> CEP.pattern(keyed, everyFirstCompletion(),
                            RapidMovePattern.TIE_BREAK).process(new RapidMoveAlerts()), seed);
            assertThat(Oracles.firstCompletionsOf(everyFirst))
                    .as("every bar, " + mode).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * Records whether the oracle expected any match, and fails the property unless at least a
     * third of its tries did: a generator that stopped producing matches would otherwise pass
     * every comparison with two empty lists.
     */
    static void matched(int expected) {
        Statistics.label("oracle matches").collect(expected == 0 ? "none" : "some");
        Statistics.label("oracle matches").coverage(c -> c.check("some")
                .percentage(p -> p >= 33.0));
    }

    /** Every bar starts a match completed by its first moving bar: no skipping, no waiting. */
    static Pattern<Bar, Bar> everyFirstCompletion() {
        Duration window = RapidMovePattern.DEFAULT_WINDOW;
        return Pattern.<Bar>begin(RapidMovePattern.START, AfterMatchSkipStrategy.noSkip())
                .followedBy(RapidMovePattern.MOVE)
                .where(new RapidMovePattern.MovedFromStart(0.05, window.toMillis()))
                .within(window);
    }

    static List<Bar> inOrder(List<Bar> bars) {
        List<Bar> sorted = new ArrayList<>(bars);
        // one bar per ticker and time: time, then ticker, is a total order
        sorted.sort(Comparator.comparingLong(Bar::ts).thenComparing(Bar::ticker));
        return sorted;
    }

    /** The market stage's screen in miniature: one bar per ticker and ts, arriving in order. */
    static final class ScreenBars extends KeyedProcessFunction<String, Bar, Bar> {
        private transient ValueState<RapidMoveScreen> screen;

        @Override
        public void open(OpenContext ctx) {
            screen = getRuntimeContext().getState(new ValueStateDescriptor<>(
                    "screen", TypeInformation.of(RapidMoveScreen.class)));
        }

        @Override
        public void processElement(Bar bar, Context ctx, Collector<Bar> out) throws Exception {
            RapidMoveScreen s = screen.value() == null ? new RapidMoveScreen() : screen.value();
            Bar start = s.offer(bar, 0.05, 15 * MIN);
            screen.update(s);
            if (start != null) {
                out.collect(start);
                out.collect(bar);
            }
        }
    }

    @Property(tries = TRIES, seed = "20250309")
    void vixBreakerEqualsOracleInBothModes(@ForAll("quoteSeries") List<List<VixQuote>> series,
            @ForAll long seed) throws Exception {
        var batch = SeriesBatch.of(series, (one, i) -> one.stream()
                        .map(q -> new VixQuote(q.ts() + i * DAY, q.value())).toList(),
                one -> Oracles.vixHalts(one, 28), found -> matched(found.size()));
        List<VixQuote> quotes = batch.input();
        List<MarketEvent> expected = batch.expected();
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            // keyed by series (its day): one VIX stream each, as the job's one key
            assertThat(CepRuns.run(mode, quotes, VixQuote.class, (q, r) -> q.ts(),
                    q -> seriesOf(q.ts()), VixBreakerPattern::detect, seed).stream()
                    .map(Oracles::withoutDetail).toList())
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = TRIES, seed = "20250309")
    void volatilityClusterEqualsOracleInBothModes(
            @ForAll("moveSeries") List<List<RapidMove>> series, @ForAll long seed)
            throws Exception {
        var batch = SeriesBatch.of(series, (one, i) -> one.stream().map(m -> new RapidMove(
                        m.ticker(), m.startTs() + i * DAY, m.startPrice(), m.ts() + i * DAY,
                        m.price(), m.changePct(), m.direction())).toList(),
                one -> Oracles.clusters(one, 3, Duration.ofMinutes(30), Duration.ofMinutes(60)),
                found -> matched(found.size()));
        List<RapidMove> moves = batch.input();
        List<MarketEvent> expected = batch.expected();
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            assertThat(CepRuns.run(mode, moves, RapidMove.class, (m, r) -> m.ts(),
                    m -> seriesOf(m.ts()), VolatilityClusterPattern::detect, seed)
                    .stream().map(Oracles::withoutDetail).toList())
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<List<List<Bar>>> barSeries() {
        return bars().list().ofSize(SERIES);
    }

    @Provide
    Arbitrary<List<List<VixQuote>>> quoteSeries() {
        return quotes().list().ofSize(SERIES);
    }

    @Provide
    Arbitrary<List<List<RapidMove>>> moveSeries() {
        return moves().list().ofSize(SERIES);
    }

    /**
     * Returns series {@code i} of a try moved {@code i} days later, its tickers prefixed with it:
     * the series of one job share no key and no window (a series spans at most ten hours).
     */
    static List<Bar> shiftedBars(List<Bar> bars, int i) {
        return bars.stream().map(b -> new Bar("s" + i + "." + b.ticker(), b.ts() + i * DAY,
                b.open(), b.high(), b.low(), b.close(), b.volume())).toList();
    }

    /** Returns the series (its day after {@link #T0}) of a time, as a key. */
    static String seriesOf(long ts) {
        return Long.toString(Math.floorDiv(ts - T0, DAY));
    }

    /** 1-3 tickers, each a walk of 1-40 bars 1-8 minutes apart, steps of -6..+8 % (edges hit). */
    @Provide
    Arbitrary<List<Bar>> bars() {
        Arbitrary<int[]> step = Combinators.combine(
                        Arbitraries.integers().between(1, 8), Arbitraries.integers().between(-6, 8))
                .as((min, pct) -> new int[] {min, pct});
        return step.list().ofMinSize(1).ofMaxSize(40).list().ofMinSize(1).ofMaxSize(3)
                .map(walks -> {
                    List<Bar> out = new ArrayList<>();
                    for (int t = 0; t < walks.size(); t++) {
                        long ts = T0;
                        double price = 100.0;
                        for (int[] s : walks.get(t)) {
                            ts += s[0] * MIN;
                            price = Math.round(price * (100 + s[1])) / 100.0;
                            out.add(new Bar("T" + t, ts, price, price, price, price, 100));
                        }
                    }
                    return out;
                });
    }

    /** 1-40 quotes 1-5 minutes apart, often exactly at, just under or just over 28. */
    @Provide
    Arbitrary<List<VixQuote>> quotes() {
        Arbitrary<Double> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(27.99, 28.0, 28.01)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(2000, 3500)
                        .map(c -> c / 100.0)));
        Arbitrary<int[]> gap = Arbitraries.integers().between(1, 5).map(g -> new int[] {g});
        return Combinators.combine(gap, value).as((g, v) -> new Object[] {g[0], v})
                .list().ofMinSize(1).ofMaxSize(40)
                .map(steps -> {
                    List<VixQuote> out = new ArrayList<>();
                    long ts = T0;
                    for (Object[] s : steps) {
                        ts += (int) s[0] * MIN;
                        out.add(new VixQuote(ts, (double) s[1]));
                    }
                    return out;
                });
    }

    /** 1-30 moves of tickers A-E, 0-20 minutes apart (ties and 30-minute edges hit). */
    @Provide
    Arbitrary<List<RapidMove>> moves() {
        Arbitrary<Object[]> step = Combinators.combine(
                        Arbitraries.integers().between(0, 20), Arbitraries.of("A", "B", "C", "D", "E"),
                        Arbitraries.integers().between(-9, 9).filter(p -> Math.abs(p) >= 5))
                .as((gap, ticker, pct) -> new Object[] {gap, ticker, pct});
        return step.list().ofMinSize(1).ofMaxSize(30).map(steps -> {
            List<RapidMove> out = new ArrayList<>();
            long ts = T0;
            for (Object[] s : steps) {
                ts += (int) s[0] * MIN;
                int pct = (int) s[2];
                double price = 100.0 + pct;
                out.add(new RapidMove((String) s[1], ts - 3 * MIN, 100.0, ts, price,
                        (price / 100.0 - 1.0) * 100.0, pct > 0 ? "up" : "down"));
            }
            return out;
        });
    }
}
