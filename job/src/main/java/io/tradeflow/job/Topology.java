package io.tradeflow.job;

import io.tradeflow.engine.AccountEngine;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.MarketTick;
import io.tradeflow.io.Ingested;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.io.out.OutputSpec;
import io.tradeflow.job.edges.EdgeTypes;
import io.tradeflow.market.BarRun;
import io.tradeflow.market.MarketAnalytics;
import io.tradeflow.market.MarketEvents;
import io.tradeflow.ordering.CachedStateOperator;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the one job graph every entry point runs (live, backtest, demo, notebooks): parsed inputs
 * → ticker stage → routing → account engine → typed outputs. Only the sources and sinks differ
 * between entry points; the operators and their uids do not.
 */
public final class Topology {
    private Topology() {}

    /**
     * Holds the job's output streams, one per {@link OutputKind}, and the engine's own output
     * stream. The stream of one kind of the engine's outputs is made when a sink first asks for
     * it: an operator nobody reads from still runs for every output (a local backtest reads the
     * engine's stream whole, and thirteen filters and maps ran beside it for nothing).
     */
    public static final class Results {
        private final Map<OutputKind, DataStream<?>> streams;
        private final DataStream<AccountOutput> engine;

        Results(Map<OutputKind, DataStream<?>> streams, DataStream<AccountOutput> engine) {
            this.streams = streams;
            this.engine = engine;
        }

        /** Returns the engine's outputs, every kind in one stream. */
        public DataStream<AccountOutput> engine() {
            return engine;
        }

        /** Returns the stream of one kind's payloads. */
        @SuppressWarnings("unchecked")
        public <T> DataStream<T> get(OutputKind kind) {
            return (DataStream<T>) streams.computeIfAbsent(kind, k -> payloads(engine, k));
        }

        /**
         * Returns the outputs that do not come from the engine (dead letters, data gaps) as
         * outputs, for a client that takes every output as one: one stream for each operator that
         * makes some, each at its maker's parallelism, so that what follows runs chained to it.
         * One sink on their union is a stage of its own, and in BATCH a stage starts when all
         * its inputs have ended: two more stages after the account engine's.
         */
        List<DataStream<AccountOutput>> nonEngineOutputs() {
            List<DataStream<AccountOutput>> parts = new ArrayList<>();
            for (DataStream<DeadLetter> d : StreamParts.of(this.<DeadLetter>get(
                    OutputKind.DEAD_LETTER))) {
                parts.add(asOutputs(d, AccountOutput::of, "dead-letters"));
            }
            for (DataStream<DataGap> g : StreamParts.of(this.<DataGap>get(OutputKind.DATA_GAP))) {
                parts.add(asOutputs(g, AccountOutput::of, "data-gaps"));
            }
            return parts;
        }

        private static <T> DataStream<AccountOutput> asOutputs(DataStream<T> s,
                MapFunction<T, AccountOutput> of, String name) {
            SingleOutputStreamOperator<AccountOutput> out = s.map(of)
                    .returns(TypeInformation.of(AccountOutput.class)).name(name);
            StreamParts.followParallelism(s, out.getTransformation());
            return out;
        }
    }

    /**
     * Returns the watermark strategy for parsed inputs: bounded out-of-orderness, with idleness
     * unless {@code idleness} is {@code null}.
     */
    public static WatermarkStrategy<Ingested> watermarks(Duration outOfOrderness,
            Duration idleness) {
        WatermarkStrategy<Ingested> s = WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(
                outOfOrderness).withTimestampAssigner((e, recordTs) -> e.ts());
        return idleness == null ? s : s.withIdleness(idleness);
    }

    /**
     * Returns the watermark strategy for an unbounded input that announces dates ahead (the
     * calendar: a holiday next month, tomorrow's FOMC): its records keep their event times, but
     * it never moves event time. Its readers are always idle, so they neither hold the watermark
     * back nor, when every other input is idle (overnight, a quiet market), carry it to the date
     * an entry announces, which would fire that day's closes and force exits at once and turn
     * every bar until then into a late dead letter. The account engine applies an entry that
     * arrives behind its watermark at once ({@code AccountEngine#handlesLate}).
     */
    public static WatermarkStrategy<Ingested> announcements() {
        return WatermarkStrategy.<Ingested>forGenerator(c -> new AlwaysIdle())
                .withTimestampAssigner((e, recordTs) -> e.ts());
    }

    /** Emits no watermark and reports its split idle at every periodic emit. */
    private static final class AlwaysIdle implements WatermarkGenerator<Ingested> {
        @Override
        public void onEvent(Ingested event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    /**
     * Builds the graph up to the account engine's input: parsing's dead letters, the ticker stage,
     * the market events and every input routed to its accounts.
     */
    static Routed route(List<DataStream<Ingested>> inputs, EngineSettings settings,
            boolean batch) {
        SplitByKind.Split split = SplitByKind.of(inputs, batch);
        DataStream<DeadLetter> parseErrors = split.deadLetters();

        MarketAnalytics market = new MarketAnalytics(batch, settings.indicators(),
                settings.signals(), TradingCalendar.nyse());
        // the operator keyBy(..).process(market) would make, but never idle (see its comment)
        SingleOutputStreamOperator<MarketTick> ticks = split.bars().keyBy(BarRun::ticker)
                .transform("market-analytics", TypeInformation.of(MarketTick.class),
                        new TickerStageOperator<>(market))
                .uid("market-analytics");
        // BATCH sends each account its ticks in runs (TickRuns), STREAMING one by one
        SingleOutputStreamOperator<AccountInput> tickInputs = batch
                ? ticks.transform("route-ticks", EdgeTypes.ACCOUNT_INPUT, new TickRuns(settings))
                        .uid("route-ticks")
                : ticks.process(new AccountRouter.Ticks(settings)).returns(EdgeTypes.ACCOUNT_INPUT)
                        .name("route-ticks").uid("route-ticks");
        SingleOutputStreamOperator<AccountInput> otherInputs = split.inputs()
                .process(new AccountRouter.Inputs(settings)).returns(EdgeTypes.ACCOUNT_INPUT)
                .name("route-inputs")
                .uid("route-inputs");

        DataStream<AccountInput> signalInputs = ticks.getSideOutput(MarketAnalytics.SIGNALS)
                .process(new AccountRouter.Signals(settings)).returns(EdgeTypes.ACCOUNT_INPUT)
                .name("route-signals")
                .uid("route-signals");
        DataStream<io.tradeflow.event.VixQuote> vix = split.vix();
        DataStream<AccountInput> marketEvents = AccountRouter.marketEvents(
                MarketEvents.build(ticks.getSideOutput(MarketAnalytics.RAPID_MOVE_BARS), vix),
                settings);
        return new Routed(parseErrors, market, ticks, otherInputs,
                tickInputs.union(otherInputs, marketEvents, signalInputs));
    }

    /** Returns every input of the account engine, routed to its accounts (for the plain runner). */
    public static DataStream<AccountInput> accountInputs(List<DataStream<Ingested>> inputs,
            EngineSettings settings, boolean batch) {
        return route(inputs, settings, batch).accountInputs();
    }

    /** Holds the graph up to the engine, and what the dead letters need of it. */
    record Routed(DataStream<DeadLetter> parseErrors, MarketAnalytics market,
            SingleOutputStreamOperator<MarketTick> ticks,
            SingleOutputStreamOperator<AccountInput> otherInputs,
            DataStream<AccountInput> accountInputs) {}

    /**
     * Builds the graph over already timestamped inputs (see {@link #watermarks}).
     *
     * @param batch whether the job runs in BATCH mode (the ordered operators drive themselves
     *     differently, to the same result)
     */
    public static Results build(List<DataStream<Ingested>> inputs, EngineSettings settings,
            boolean batch) {
        return build(inputs, settings, batch, null);
    }

    /**
     * Builds the graph, with the live watchdog when {@code stallAlertAfter} is given (live jobs
     * only: it runs on the wall clock).
     */
    public static Results build(List<DataStream<Ingested>> inputs, EngineSettings settings,
            boolean batch, Duration stallAlertAfter) {
        Routed routed = route(inputs, settings, batch);
        DataStream<DeadLetter> parseErrors = routed.parseErrors();
        SingleOutputStreamOperator<MarketTick> ticks = routed.ticks();
        MarketAnalytics market = routed.market();
        SingleOutputStreamOperator<AccountInput> otherInputs = routed.otherInputs();

        AccountEngine engine = new AccountEngine(settings, batch, stallAlertAfter);
        // the operator keyBy(..).process(engine) would make, with its state cached in STREAMING
        SingleOutputStreamOperator<AccountOutput> out = routed.accountInputs()
                .keyBy(AccountInput::account)
                .transform("account-engine", TypeInformation.of(AccountOutput.class),
                        new CachedStateOperator<>(engine))
                .uid("account-engine");

        DataStream<DeadLetter> deadLetters = parseErrors.union(
                ticks.getSideOutput(market.lateEvents())
                        .map(b -> DeadLetters.of("bars", b.ticker() + "@" + MarketTime.iso(b.ts()),
                                "late", "behind the watermark: older than the allowed "
                                        + "out-of-orderness", b))
                        .name("late-bars").uid("late-bars"),
                ticks.getSideOutput(MarketAnalytics.DUPLICATES)
                        .map(b -> DeadLetters.of("bars", b.ticker() + "@" + MarketTime.iso(b.ts()),
                                "duplicate", "a bar for this ticker and time was already used", b))
                        .name("duplicate-bars").uid("duplicate-bars"),
                otherInputs.getSideOutput(AccountRouter.UNROUTED),
                out.getSideOutput(engine.lateEvents())
                        .map(in -> DeadLetters.of(in.kind(), in.account() + "@"
                                + MarketTime.iso(in.ts()), "late", "behind the watermark: older "
                                + "than the allowed out-of-orderness", in))
                        .name("late-inputs").uid("late-inputs"),
                // the uid of the map that wrote unknown orders only, which savepoints know
                out.getSideOutput(AccountEngine.REJECTED_FILLS)
                        .map(r -> DeadLetters.of("fills", r.fill().clientOrderId(), r.reason(),
                                r.detail(), r.fill()))
                        .name("rejected-fills").uid("unknown-fills"));

        Map<OutputKind, DataStream<?>> streams = new EnumMap<>(OutputKind.class);
        streams.put(OutputKind.DEAD_LETTER, deadLetters);
        streams.put(OutputKind.DATA_GAP, ticks.getSideOutput(MarketAnalytics.DATA_GAPS));
        return new Results(streams, out);
    }

    /** Returns the payloads of one kind of the engine's outputs. */
    private static <T> DataStream<T> payloads(DataStream<AccountOutput> out, OutputKind kind) {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        OutputSpec<T> spec = kind.spec();
        return out.filter(o -> o.kind().equals(kind.spec().kind())).name(name + "s").uid(name + "s")
                .map(o -> kind.<T>payload(o)).returns(TypeInformation.of(spec.type()))
                .name(name).uid(name);
    }
}
