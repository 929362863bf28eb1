package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Fill;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.ordering.Deadline;
import io.tradeflow.ordering.PatternRunner;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.broker.SimulatedBroker;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.stops.ExitTrigger;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one account, Flink-free: takes its inputs and deadlines in event-time order and dispatches
 * them to the book, the risk controls, the entry pipeline, the exit manager and the tranche
 * scheduler; all effects (outputs, deadlines) go through the {@link EngineContext}. The Flink
 * operator ({@link AccountEngine}) and the plain runner ({@link PlainRunner}) drive the same
 * class, so they decide identically.
 */
public final class Account implements AutoCloseable {
    /**
     * The order of inputs at one time: by kind priority, then by content, never by arrival (see
     * {@link AccountInput#priority()}). Ticks, the bulk of every timestamp, compare by ticker
     * without building strings — the same order as their text ({@code "…ticker=T, ts=…"}: a
     * ticker's characters all sort after the comma that ends it), recommendations by id (the
     * first field of theirs), option quotes by series (underlying, expiry, right, strike);
     * anything else, and two of one ticker, id or series, by the whole text.
     */
    public static final Comparator<AccountInput> TIE_ORDER = Account::compareTies;

    private final EngineSettings settings;
    private final EngineContext ctx;
    private final AccountBook book;
    private final AccountRisk risk;
    private final TrancheScheduler tranches;
    private final ExitManager exits;
    private final OptionTrades options;
    private final EntryPipeline pipeline;
    private final BrokerFills brokerFills;
    private final Snapshots snapshots;
    private final ControlCommands controls;
    private final Reconciler reconciler;
    private final TradingCalendar calendar;
    private final Watchdog watchdog;

    private static int compareTies(AccountInput a, AccountInput b) {
        int c;
        if (a.tick() != null && b.tick() != null && a.account().equals(b.account())) {
            // two ticks, nearly every comparison: of one priority
            c = a.tick().ticker().compareTo(b.tick().ticker());
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(a.priority(), b.priority());
        if (c != 0) {
            return c;
        }
        // recommendations likewise by id, the first field of their text
        if (a.recommendation() != null && b.recommendation() != null
                && a.account().equals(b.account())) {
            c = a.recommendation().id().compareTo(b.recommendation().id());
            if (c != 0) {
                return c;
            }
        }
        // option quotes, many at each bar time, by series without building their text
        if (a.optionQuote() != null && b.optionQuote() != null) {
            c = compareSeries(a.optionQuote(), b.optionQuote());
            if (c != 0) {
                return c;
            }
        }
        return a.toString().compareTo(b.toString());
    }

    private static int compareSeries(OptionQuote a, OptionQuote b) {
        int c = a.underlying().compareTo(b.underlying());
        if (c == 0) {
            c = a.expiry().compareTo(b.expiry());
        }
        if (c == 0) {
            c = a.right().compareTo(b.right());
        }
        return c != 0 ? c : Long.compare(a.strikeThousandths(), b.strikeThousandths());
    }

    public Account(EngineSettings settings, AccountStore store, EngineContext ctx)
            throws Exception {
        this.settings = settings;
        this.ctx = ctx;
        Map<String, AccountConfig> accounts = new HashMap<>();
        settings.accounts().forEach(a -> accounts.put(a.id(), a));
        calendar = TradingCalendar.nyse();
        book = new AccountBook(store, ctx, settings, accounts, calendar);
        risk = new AccountRisk(ctx, settings, accounts, calendar, store);
        book.bind(risk);
        tranches = new TrancheScheduler(book, risk, ctx);
        exits = new ExitManager(store, book, risk, tranches, ctx, calendar);
        options = new OptionTrades(book, risk, exits, ctx, calendar, settings.broker());
        book.bind(options);
        pipeline = new EntryPipeline(book, risk, tranches, exits, ctx);
        brokerFills = new BrokerFills(store, book, risk, ctx);
        snapshots = new Snapshots(store, ctx, book, risk, calendar);
        reconciler = new Reconciler(store, book, risk, exits, ctx);
        controls = new ControlCommands(ctx, settings, risk, reconciler);
        watchdog = new Watchdog(store, book, risk, exits, ctx, calendar);
    }

    @Override
    public void close() throws Exception {
        exits.close();
    }

    /** Handles one input at its time ({@link EngineContext#now()}). */
    public void onEvent(AccountInput in) throws Exception {
        risk.roll(book::portfolioValue);
        switch (in.kind()) {
            case AccountInput.TICK -> onTick(in.tick());
            case AccountInput.RECOMMENDATION -> pipeline.evaluate(in.recommendation());
            case AccountInput.FILL -> onBrokerFill(in.fill());
            case AccountInput.VIX -> book.vix.set(in.vix());
            case AccountInput.MARKET -> book.onMarketEvent(in.market());
            case AccountInput.RAPID_MOVE -> exits.onRapidMove(in.rapidMove());
            case AccountInput.CALENDAR -> book.onCalendar(in.calendar());
            case AccountInput.CONTROL -> controls.onControl(in.control(), book::portfolioValue);
            case AccountInput.BROKER_POSITIONS -> reconciler.onSnapshot(in.brokerPositions());
            case AccountInput.OPTION_QUOTE -> book.onOptionQuote(in.optionQuote());
            default -> throw new IllegalStateException("unknown input kind " + in.kind());
        }
    }

    /** Handles one of the deadlines this account scheduled, at its time. */
    public void onDeadline(Deadline d) throws Exception {
        switch (d.kind()) {
            case TrancheScheduler.ENTRY_TIMEOUT -> tranches.cancelEntry(d.ref());
            case TrancheScheduler.TRANCHE -> tranches.nextTranche(d.ref(), pipeline::recheck);
            case ExitManager.FORCE_EXIT -> exits.forceExit();
            case ExitManager.MICRO_CLOSE -> exits.microClose(d.ref());
            case EntryPipeline.DEDUPE_SWEEP -> pipeline.sweepSeen();
            case BrokerFills.SWEEP -> brokerFills.sweep();
            case AccountRisk.BREAKER_END, AccountRisk.MARKET_CLOSE ->
                    risk.onDeadline(d, book::portfolioValue);
            case PatternRunner.DEADLINE_KIND -> exits.onPatternTimeout(d.ref());
            case Snapshots.SNAPSHOT -> snapshots.onDeadline(d.ref());
            default -> throw new IllegalStateException("unknown deadline " + d);
        }
    }

    /** The live watchdog at wall-clock time {@code wall} ({@link Watchdog}): never in backtests. */
    public void onWallClock(long wall, Duration limit) {
        watchdog.onWallClock(wall, limit);
    }

    private void onTick(MarketTick tick) throws Exception {
        snapshots.onTick();
        MarketTick previous = book.onPrice(tick);
        AccountConfig account = book.account();
        if (!book.positions.isEmpty()) {
            exits.rebalanceIfDue();
        }
        if (account.simulated() && !book.orders.isEmpty()) {
            for (WorkingOrder wo : book.workingOrders(tick.ticker())) {
                if (wo.instrument() != null) {
                    Fill f = options.fill(wo, tick.bar()); // R-OPT-3 at option prices
                    if (f != null) {
                        applyFill(f);
                    }
                    continue;
                }
                Double price = SimulatedBroker.fillPrice(wo.order(), tick.bar(), settings.broker());
                if (price != null) {
                    long qty = wo.order().quantity() - wo.filled();
                    String id = wo.order().clientOrderId();
                    applyFill(Fill.of(id,
                            OrderIds.simulatedExecutionId(id, ctx.now(), wo.filled()),
                            account.id(), tick.ticker(), wo.order().side(), qty, price,
                            SimulatedBroker.commission(qty, settings.broker()), ctx.now()));
                }
            }
        }
        tranches.afterBar(tick.ticker(), tick.ts());
        Position p = book.positions.get(tick.ticker());
        if (p != null && !p.intraday() && previous != null
                && MarketTime.date(previous.ts()).equals(MarketTime.date(tick.ts()))) {
            p = p.withIntraday();
            book.positions.put(p.ticker(), p);
        }
        if (p != null && p.exitOrderId() == null && p.openedTs() < tick.ts()) {
            if (p.option()) {
                options.manage(p, tick);
            } else {
                exits.manage(p, tick);
            }
        }
        if (p != null) {
            double value = book.portfolioValue();
            risk.onValue(value);
            exits.tightenForHeat(value);
        }
        Long due = book.staleCheck.get();
        if (due != null && ctx.now() >= due) {
            exits.checkStale();
        }
    }

    private void onBrokerFill(Fill fill) throws Exception {
        Fill admitted = brokerFills.admit(fill);
        if (admitted != null) {
            WorkingOrder wo = book.orders.get(admitted.clientOrderId());
            // a broker fill of an option order is one of its contracts, at a quoted price
            applyFill(wo == null || wo.instrument() == null || admitted.instrument() != null
                    ? admitted : admitted.withInstrument(wo.instrument(), false));
        }
    }

    private void applyFill(Fill fill) throws Exception {
        WorkingOrder wo = book.orders.get(fill.clientOrderId());
        Order order = wo.order();
        ctx.emit(AccountOutput.of(fill));
        AccountBook.Settled s = book.settle(fill, wo, exits::initialLevels);
        Position p = s.position();
        if (p == null) {
            return;
        }
        if (p.quantity() <= 0) {
            ctx.emit(AccountOutput.of(book.positionEvent(p, PositionEvent.CLOSED, fill.price(),
                    order.reason())));
            risk.onClosed(p.id(), p.realized(), book.portfolioValue());
            exits.onClosed(p, fill.price(),
                    (ExitTrigger.RULE + ":" + ExitTrigger.STOP).equals(order.reason())
                            || OptionTrades.stopOut(order.reason()));
        } else {
            ctx.emit(AccountOutput.of(book.positionEvent(p, PositionEvent.OPEN, null,
                    order.reason())));
            if (s.opened()) {
                exits.onOpened(p);
            }
        }
        risk.onValue(book.portfolioValue());
    }
}
