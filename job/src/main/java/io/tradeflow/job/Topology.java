package io.tradeflow.job;

import io.tradeflow.engine.AccountEngine;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;
import io.tradeflow.io.Ingested;
import io.tradeflow.market.MarketAnalytics;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;
import java.util.List;

/**
 * Builds the one job graph every entry point runs (live, backtest, demo, notebooks): parsed inputs
 * → ticker stage → routing → account engine → typed outputs. Only the sources and sinks differ
 * between entry points; the operators and their uids do not.
 */
public final class Topology {
    private Topology() {}

    /** Holds the job's output streams. */
    public record Results(
            DataStream<Decision> decisions,
            DataStream<Order> orders,
            DataStream<Fill> fills,
            DataStream<PositionEvent> positions,
            DataStream<DeadLetter> deadLetters,
            DataStream<BreakerEvent> breakers,
            DataStream<TierChange> tierChanges,
            DataStream<ReserveEntry> reserveLedger,
            DataStream<ConfigAudit> configAudit,
            DataStream<Notification> notifications,
            DataStream<StopLevelChange> stopLevels) {

        /** Returns every output in one stream, for collecting to the client. */
        public DataStream<JobOutput> all() {
            TypeInformation<JobOutput> type = TypeInformation.of(JobOutput.class);
            return decisions.map(JobOutput::of).returns(type).name("all-decisions")
                    .union(orders.map(JobOutput::of).returns(type).name("all-orders"),
                            fills.map(JobOutput::of).returns(type).name("all-fills"),
                            positions.map(JobOutput::of).returns(type).name("all-positions"),
                            deadLetters.map(JobOutput::of).returns(type).name("all-dead-letters"),
                            breakers.map(JobOutput::of).returns(type).name("all-breakers"),
                            tierChanges.map(JobOutput::of).returns(type)
                                    .name("all-tier-changes"),
                            reserveLedger.map(JobOutput::of).returns(type)
                                    .name("all-reserve-ledger"),
                            configAudit.map(JobOutput::of).returns(type).name("all-config-audit"),
                            notifications.map(JobOutput::of).returns(type)
                                    .name("all-notifications"),
                            stopLevels.map(JobOutput::of).returns(type).name("all-stop-levels"));
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
     * Builds the graph up to the account engine's input: parsing's dead letters, the ticker stage,
     * the market events and every input routed to its accounts.
     */
    static Routed route(List<DataStream<Ingested>> inputs, EngineSettings settings,
            boolean batch) {
        DataStream<Ingested> all = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            all = all.union(inputs.get(i));
        }
        DataStream<DeadLetter> parseErrors = all.filter(Ingested::isDeadLetter)
                .name("parse-errors").map(Ingested::deadLetter).name("parse-dead-letters");
        DataStream<Bar> bars = all.filter(e -> Ingested.BAR.equals(e.kind())).name("bars")
                .map(Ingested::bar).name("bar");

        MarketAnalytics market = new MarketAnalytics(batch, settings.indicators(),
                settings.signals(), TradingCalendar.nyse());
        SingleOutputStreamOperator<MarketTick> ticks = bars.keyBy(Bar::ticker)
                .process(market).name("market-analytics").uid("market-analytics");
        SingleOutputStreamOperator<AccountInput> tickInputs = ticks
                .process(new AccountRouter.Ticks(settings)).name("route-ticks").uid("route-ticks");
        SingleOutputStreamOperator<AccountInput> otherInputs = all
                .filter(e -> !e.isDeadLetter() && !Ingested.BAR.equals(e.kind())).name("inputs")
                .process(new AccountRouter.Inputs(settings)).name("route-inputs")
                .uid("route-inputs");

        DataStream<AccountInput> signalInputs = ticks.getSideOutput(MarketAnalytics.SIGNALS)
                .process(new AccountRouter.Signals(settings)).name("route-signals")
                .uid("route-signals");
        DataStream<io.tradeflow.event.VixQuote> vix = all
                .filter(e -> Ingested.VIX.equals(e.kind())).name("vix").map(Ingested::vix)
                .name("vix-quote");
        DataStream<AccountInput> marketEvents = MarketEvents.build(bars, vix, settings);
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
        Routed routed = route(inputs, settings, batch);
        DataStream<DeadLetter> parseErrors = routed.parseErrors();
        SingleOutputStreamOperator<MarketTick> ticks = routed.ticks();
        MarketAnalytics market = routed.market();
        SingleOutputStreamOperator<AccountInput> otherInputs = routed.otherInputs();

        AccountEngine engine = new AccountEngine(settings, batch);
        SingleOutputStreamOperator<AccountOutput> out = routed.accountInputs()
                .keyBy(AccountInput::account)
                .process(engine).name("account-engine").uid("account-engine");

        DataStream<DeadLetter> deadLetters = parseErrors.union(
                ticks.getSideOutput(market.lateEvents())
                        .map(b -> DeadLetters.of("bars", b.ticker() + "@" + MarketTime.iso(b.ts()),
                                "late", "behind the watermark: older than the allowed "
                                        + "out-of-orderness", b)).name("late-bars"),
                ticks.getSideOutput(MarketAnalytics.DUPLICATES)
                        .map(b -> DeadLetters.of("bars", b.ticker() + "@" + MarketTime.iso(b.ts()),
                                "duplicate", "a bar for this ticker and time was already used", b))
                        .name("duplicate-bars"),
                otherInputs.getSideOutput(AccountRouter.UNROUTED),
                out.getSideOutput(engine.lateEvents())
                        .map(in -> DeadLetters.of(in.kind(), in.account() + "@"
                                + MarketTime.iso(in.ts()), "late", "behind the watermark: older "
                                + "than the allowed out-of-orderness", in)).name("late-inputs"),
                out.getSideOutput(AccountEngine.UNKNOWN_FILLS)
                        .map(f -> DeadLetters.of("fills", f.clientOrderId(), "unknown_order",
                                "no working order has this client order id", f))
                        .name("unknown-fills"));

        return new Results(
                out.filter(o -> AccountOutput.DECISION.equals(o.kind())).name("decisions")
                        .map(AccountOutput::decision).name("decision"),
                out.filter(o -> AccountOutput.ORDER.equals(o.kind())).name("orders")
                        .map(AccountOutput::order).name("order"),
                out.filter(o -> AccountOutput.FILL.equals(o.kind())).name("fills")
                        .map(AccountOutput::fill).name("fill"),
                out.filter(o -> AccountOutput.POSITION.equals(o.kind())).name("positions")
                        .map(AccountOutput::position).name("position"),
                deadLetters,
                out.filter(o -> AccountOutput.BREAKER.equals(o.kind())).name("breakers")
                        .map(AccountOutput::breaker).name("breaker"),
                out.filter(o -> AccountOutput.TIER_CHANGE.equals(o.kind())).name("tier-changes")
                        .map(AccountOutput::tierChange).name("tier-change"),
                out.filter(o -> AccountOutput.RESERVE.equals(o.kind())).name("reserve-ledger")
                        .map(AccountOutput::reserve).name("reserve-entry"),
                out.filter(o -> AccountOutput.AUDIT.equals(o.kind())).name("config-audit")
                        .map(AccountOutput::audit).name("audit"),
                out.filter(o -> AccountOutput.NOTIFICATION.equals(o.kind())).name("notifications")
                        .map(AccountOutput::notification).name("notification"),
                out.filter(o -> AccountOutput.STOP_LEVEL.equals(o.kind())).name("stop-levels")
                        .map(AccountOutput::stopLevel).name("stop-level"));
    }
}
