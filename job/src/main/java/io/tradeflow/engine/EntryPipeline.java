package io.tradeflow.engine;

import io.tradeflow.engine.AccountBook.Portfolio;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Recommendation;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.EntryWindow;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.correlation.DailyCloses;
import io.tradeflow.rules.correlation.ReturnCorrelation;
import io.tradeflow.rules.gates.EntryGates;
import io.tradeflow.rules.gates.GateResult;
import io.tradeflow.rules.micro.MicroTrades;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.options.OptionEntries;
import io.tradeflow.rules.options.OptionOrders;
import io.tradeflow.rules.options.OptionPrice;
import io.tradeflow.rules.options.OptionSelector;
import io.tradeflow.rules.orders.Tranches;
import io.tradeflow.rules.signals.LiveSignalGate;
import io.tradeflow.rules.signals.RecommendationEligibility;
import io.tradeflow.rules.signals.SignalTypes;
import io.tradeflow.rules.sizing.Holding;
import io.tradeflow.rules.sizing.PositionSizer;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingRequest;
import io.tradeflow.rules.stops.Levels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates an account's recommendations, Flink-free: an ordered list of named gates, each passing
 * or denying with its rule id, then sizing (R-SIZE-1..8) and levels (R-STOP-1/2); writes the
 * decision with its trace (R-REC-1) and hands an accepted entry to the tranche scheduler.
 */
final class EntryPipeline {
    static final String DEDUPE_SWEEP = "dedupe-sweep";
    static final String POSITION_RULE = "R-POS-2";

    /** One named check of an entry: passes, denies with its rule id, or (null) does not apply. */
    @FunctionalInterface
    interface Gate {
        GateResult check(Candidate c) throws Exception;
    }

    /**
     * Holds what the gates see: the entry's ticker, its plan when it is a later tranche (null for
     * a first entry), and the account at this moment.
     */
    record Candidate(String ticker, TranchePlan plan, int index, RuleParams rules,
            Portfolio portfolio, List<Position> open, RiskState risk) {
        boolean tranche() {
            return plan != null;
        }
    }

    private final AccountBook book;
    private final AccountRisk risk;
    private final TrancheScheduler tranches;
    private final ExitManager exits;
    private final EngineContext ctx;
    private final TradingCalendar calendar = TradingCalendar.nyse();
    private final DecisionTrace.Repeats traceRepeats = new DecisionTrace.Repeats();
    /**
     * The entry gates in RULES order, the same list for a first entry and for every later
     * tranche (R-ORD-2); the first that denies decides.
     */
    private final List<Gate> gates;

    EntryPipeline(AccountBook book, AccountRisk risk, TrancheScheduler tranches, ExitManager exits,
            EngineContext ctx) {
        this.book = book;
        this.risk = risk;
        this.tranches = tranches;
        this.exits = exits;
        this.ctx = ctx;
        this.gates = List.of(this::onePerTicker, this::entryWindow, this::eventDay, this::vix,
                c -> risk.manualPause(), c -> risk.dailyLoss(), c -> risk.stopOutPause(),
                c -> risk.cooldown(c.ticker()),
                c -> EntryGates.decliningPositions(book.unrealizedReturns(c.open()),
                        c.rules().risk()),
                this::maxOpenPositions, this::dailyTrades,
                c -> EntryGates.activePool(c.portfolio().activePool(),
                        c.rules().risk().minActivePool()),
                this::trancheHeat);
    }

    /**
     * Evaluates a recommendation (R-REC-1): exactly one decision, unless it is a repeat (R-SIG-5).
     * First what the recommendation itself must be (R-SIG-4, R-SIG-1), then the entry gates,
     * then the price (R-ORD-1), the micro-trade limits (R-MICRO-1), sizing and levels.
     */
    void evaluate(Recommendation rec) throws Exception {
        AccountConfig account = book.account();
        RuleParams rules = risk.rules();
        RiskParams rp = rules.risk();
        Long seenAt = book.seen.get(rec.id());
        if (seenAt != null && ctx.now() - seenAt < rules.dedupeWindow().toMillis()) {
            return; // R-SIG-5: a repeat makes no decision and no order
        }
        book.seen.put(rec.id(), ctx.now());
        ensureSweep(rules);
        if (rec.sector() != null) {
            book.sectors.put(rec.ticker(), rec.sector());
        }

        Ledger l = book.ledger();
        TierParams tier = risk.tier();
        String decisionId = OrderIds.decisionId(account.id(), rec.id(), ctx.now());
        Portfolio pf = book.portfolio(l);
        DecisionTrace trace = new DecisionTrace(rec, account, l, pf, risk.state(), book.vix.get(),
                ctx.now(), traceRepeats);
        trace.market(book.rapidMoves.get(rec.ticker()), book.volatility.get(), ctx.now());
        trace.breakers(risk.openBreakers());
        trace.gate("R-SIG-5", true, "first evaluation of this id within " + rules.dedupeWindow());
        if (gateFails(eligibility(rec, account), trace, decisionId, rec, tier)
                || gateFails(signalType(rec, account, rules), trace, decisionId, rec, tier)) {
            return;
        }
        List<Position> open = book.openPositions();
        RiskState rs = risk.state();
        Candidate candidate = new Candidate(rec.ticker(), null, 0, rules, pf, open, rs);
        for (Gate g : gates) {
            GateResult r = g.check(candidate);
            if (r != null && gateFails(r, trace, decisionId, rec, tier)) {
                return;
            }
        }
        MarketTick last = book.prices.get(rec.ticker());
        Double price = rec.price() != null ? rec.price() : last == null ? null : last.bar().close();
        trace.gate("R-ORD-1", price != null, price == null ? "no signal price and no last price"
                : (rec.price() != null ? "limit at the signal price " : "limit at the last price ")
                        + price);
        if (price == null) {
            skip(decisionId, rec, "R-ORD-1", trace, tier);
            return;
        }
        ExitParams ep = rules.exits();
        // R-MICRO-1: with micro trading on, the ticker stage's intraday signals are micro trades
        boolean micro = ep.microEnabled() && SignalTypes.known(rec.signalType());
        trace.micro(micro);
        if (micro && gateFails(MicroTrades.allows(true, rs.microToday(), ep), trace, decisionId,
                rec, tier)) {
            return;
        }
        boolean isLong = RecommendationEligibility.BUY.equals(rec.action());
        Double atr = last == null ? null : last.atr();
        Levels levels = exits.initialLevels(isLong, price, atr, tier, rec.ticker(), micro);
        Integer earningsDays = book.earningsDays(rec.ticker());
        trace.earnings(earningsDays, rp);
        if (account.tradesOptions()) {
            evaluateOption(rec, decisionId, trace, tier, isLong, price, levels, atr,
                    sizingRequest(rec, tier, rules, pf, open, price, levels, earningsDays));
            return;
        }
        Sizing sizing = PositionSizer.size(sizingRequest(rec, tier, rules, pf, open, price,
                levels, earningsDays));
        trace.sizing(sizing.steps());
        if (!sizing.accepted()) {
            skip(decisionId, rec, sizing.rejectedBy(), trace, tier);
            return;
        }
        long quantity = sizing.quantity();
        if (micro) {
            quantity = MicroTrades.capQuantity(quantity, price, pf.activePool(), ep);
            trace.gate(MicroTrades.RULE, quantity > 0, "micro trade: at most "
                    + MicroTrades.maxDollars(pf.activePool(), ep) + " -> " + quantity
                    + " shares");
            if (quantity <= 0) {
                skip(decisionId, rec, MicroTrades.RULE, trace, tier);
                return;
            }
        }
        trace.levels(levels, atr, tier);
        boolean gradual = !micro && Tranches.gradual(quantity * price, pf.activePool(), ep);
        long[] parts = gradual ? Tranches.split(quantity, ep.tranches()) : new long[] {quantity};
        trace.tranches(parts, ep);

        Decision d = new Decision(decisionId, account.id(), rec.id(), rec.ticker(), ctx.now(),
                rec.action(), Decision.ACT, null, quantity, price, levels.stop(),
                levels.target(), tier.name(), trace.finish(Decision.ACT, null, quantity));
        ctx.decided();
        ctx.emit(AccountOutput.of(d));
        risk.onEntry();
        if (micro) {
            risk.onMicroEntry();
        }
        tranches.start(new TranchePlan(decisionId, rec.ticker(), isLong, price, parts, atr,
                tier.name(), rec.confidence(), micro, ctx.now(), levels.stop()));
        exits.scheduleForceExit(rules);
    }

    /**
     * Decides an entry of an account trading options (R-OPT-1..4): the series of the direction,
     * its price from the latest quote or, in a backtest, the model, and the contracts; a skip
     * with R-OPT-4 (no price), R-OPT-2 (zero contracts) or the sizing rule that rejects. An
     * accepted entry acts: one limit buy of the contracts at the plan's limit (R-OPT-3 under
     * R-ORD-1), never in tranches; its levels are the underlying's, or with no ATR the premium
     * stop, and the day's force exit is scheduled as for shares (R-WIN-2).
     */
    private void evaluateOption(Recommendation rec, String decisionId, DecisionTrace trace,
            TierParams tier, boolean isLong, double price, Levels levels, Double atr,
            SizingRequest request) {
        RuleParams rules = risk.rules();
        var vix = book.vix.get();
        OptionEntries.Plan plan = OptionEntries.plan(rec.ticker(), isLong, price, ctx.now(),
                rules.options(), rules.stopLossPercent(),
                c -> book.optionQuote(c.underlying(), c.expiry().toString(), c.right().name(),
                        c.strikeThousandths()),
                AccountConfig.BACKTEST.equals(book.account().mode()),
                vix == null ? null : vix.value(), request, calendar);
        trace.gate(OptionSelector.RULE, true, (isLong ? "buy: CALL " : "sell: PUT ")
                + plan.contract().occSymbol());
        if (plan.sizing() != null) {
            trace.sizing(plan.sizing().steps());
        }
        trace.gate(OptionPrice.RULE, plan.price() != null, plan.detail());
        String occ = plan.contract().occSymbol();
        if (!plan.act()) {
            skip(decisionId, rec, plan.skipReason(), trace, tier, occ);
            return;
        }
        trace.levels(levels, atr, tier);
        long contracts = plan.sizing().quantity();
        trace.gate(OptionOrders.RULE, true, "buy " + contracts + " " + occ + " at a limit of "
                + plan.limit() + " (" + rules.options().limit() + ")");
        boolean atrLevels = atr != null && atr > 0 && Double.isFinite(atr);
        Double stop = atrLevels ? levels.stop() : plan.premiumStop();
        Decision d = new Decision(decisionId, ctx.account(), rec.id(), rec.ticker(), ctx.now(),
                rec.action(), Decision.ACT, null, contracts, plan.limit(), stop,
                atrLevels ? levels.target() : null, tier.name(),
                trace.finish(Decision.ACT, null, contracts), occ);
        ctx.decided();
        ctx.emit(AccountOutput.of(d));
        risk.onEntry();
        tranches.start(new TranchePlan(decisionId, rec.ticker(), true, plan.limit(),
                new long[] {contracts}, atr, tier.name(), rec.confidence(), false, ctx.now(),
                stop, occ));
        exits.scheduleForceExit(rules);
    }

    /**
     * Re-runs the entry gates for a later tranche of a gradual entry (R-ORD-2); returns the
     * first that denies, or null.
     */
    GateResult recheck(TranchePlan plan, int index) throws Exception {
        Candidate c = new Candidate(plan.ticker(), plan, index, risk.rules(),
                book.portfolio(book.ledger()), book.openPositions(), risk.state());
        for (Gate g : gates) {
            GateResult r = g.check(c);
            if (r != null && !r.pass()) {
                return r;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ the recommendation

    /** R-SIG-4: buy or sell, a mode eligible for the account; swing accounts go long only. */
    private static GateResult eligibility(Recommendation rec, AccountConfig account) {
        boolean actionOk = RecommendationEligibility.actionAllowed(rec.action());
        boolean modeOk = RecommendationEligibility.modeAllowed(rec.mode(), account.mode());
        boolean longOnly = AccountConfig.SWING.equals(account.profile())
                && RecommendationEligibility.SELL.equals(rec.action());
        return new GateResult(RecommendationEligibility.RULE, actionOk && modeOk && !longOnly,
                !actionOk ? "action '" + rec.action() + "' is not buy or sell"
                        : !modeOk ? "mode '" + rec.mode() + "' not eligible for a "
                                + account.mode() + " account"
                        : longOnly ? "the swing profile opens long positions only"
                        : "action " + rec.action() + ", mode " + rec.mode());
    }

    /** R-SIG-1: the signal types that may open positions live; intraday accounts only. */
    private static GateResult signalType(Recommendation rec, AccountConfig account,
            RuleParams rules) {
        if (!AccountConfig.INTRADAY.equals(account.profile())) {
            return GateResult.pass(LiveSignalGate.SKIP_REASON, "signal type '"
                    + rec.signalType() + "': the live signal gate applies to intraday accounts");
        }
        boolean allowed = LiveSignalGate.allows(rec.signalType(), account.mode(),
                rules.allowedLiveSignalTypes(), rules.backtestAllowsAllSignals());
        return new GateResult(LiveSignalGate.SKIP_REASON, allowed, "signal type '"
                + rec.signalType() + "' " + (allowed ? "may" : "may not")
                + " open positions in a " + account.mode() + " account");
    }

    // ------------------------------------------------------------------ the entry gates

    /**
     * R-POS-2: one position per ticker: none held, none being entered (a working entry or
     * tranches to come) — other than the tranche's own entry.
     */
    private GateResult onePerTicker(Candidate c) {
        String own = c.tranche() ? OrderIds.entryOrderId(c.plan().decisionId()) : null;
        String holder = book.holder(c.ticker(), own);
        if (holder == null) {
            return GateResult.pass(POSITION_RULE, c.tranche()
                    ? "no other position or entry in " + c.ticker()
                    : "no position in " + c.ticker());
        }
        return GateResult.fail(POSITION_RULE, c.tranche()
                ? c.ticker() + " is held by " + holder
                : "a position or entry in " + c.ticker() + " is already open");
    }

    private GateResult entryWindow(Candidate c) {
        boolean inWindow = EntryWindow.allows(ctx.now(), c.rules());
        return new GateResult(EntryWindow.RULE, inWindow, MarketTime.time(ctx.now()) + " within "
                + c.rules().entryStart() + "-" + c.rules().entryEnd() + " ET: " + inWindow);
    }

    private GateResult eventDay(Candidate c) {
        String kinds = book.eventDays.get(MarketTime.date(ctx.now()).toString());
        GateResult g = EntryGates.eventDay(ctx.now(),
                kinds == null ? Set.of() : Set.of(MarketTime.date(ctx.now())),
                c.rules().risk().eventDayCutoff());
        return kinds == null ? g : new GateResult(g.rule(), g.pass(),
                g.detail() + " (" + kinds + ")");
    }

    private GateResult vix(Candidate c) {
        String block = book.vixBlock(c.rules());
        return new GateResult("R-VIX-1", block == null,
                block == null ? book.vixDetail(c.rules()) : block);
    }

    /** R-POS-1: positions and working entries; a tranche does not count its own entry. */
    private GateResult maxOpenPositions(Candidate c) {
        int count = c.open().size() + book.workingEntries();
        if (c.tranche()) {
            count -= book.entriesOf(OrderIds.entryOrderId(c.plan().decisionId()));
        }
        return EntryGates.maxOpenPositions(count, c.rules().risk().maxOpenPositions());
    }

    /** R-DAY-1: a tranche belongs to an entry already counted today. */
    private GateResult dailyTrades(Candidate c) {
        int entries = c.risk().entriesToday() - (c.tranche() ? 1 : 0);
        return EntryGates.dailyTrades(Math.max(0, entries), c.risk().consecutiveLosses(),
                c.rules().risk());
    }

    /**
     * R-SIZE-6 for a tranche (a first entry's heat is a sizing step): the heat after adding the
     * tranche at its limit and stop must stay within the tier's max.
     */
    private GateResult trancheHeat(Candidate c) {
        if (!c.tranche()) {
            return null; // a first entry's heat is a sizing step
        }
        TranchePlan plan = c.plan();
        double heat = 0;
        for (Holding h : holdings(c.open())) {
            heat += h.heat();
        }
        long quantity = plan.parts()[c.index()];
        double stop = plan.stop() == null ? plan.price() : plan.stop();
        heat += quantity * Math.abs(plan.price() - stop);
        return EntryGates.heat(heat, c.portfolio().value(), risk.tier().maxHeatPct());
    }

    // ------------------------------------------------------------------ sizing

    private SizingRequest sizingRequest(Recommendation rec, TierParams tier, RuleParams rules,
            Portfolio pf, List<Position> open, double price, Levels levels,
            Integer earningsDays) {
        RiskParams rp = rules.risk();
        Map<String, Double> correlations = new LinkedHashMap<>();
        DailyCloses candidate = book.series(rec.ticker(), rp);
        for (Position p : open) {
            correlations.put(p.ticker(), ReturnCorrelation.pearson(candidate,
                    book.series(p.ticker(), rp), ReturnCorrelation.MIN_OVERLAP));
        }
        boolean confluence = "confluence".equals(rec.signalType()) && rec.score() != null;
        return new SizingRequest(rec.confidence(), tier, rules, pf.value(), pf.activePool(),
                pf.cashAvailable(), price, levels.stop(), rec.ticker(),
                book.sectorOf(rec.ticker()), holdings(open), correlations, earningsDays,
                confluence ? (int) Math.round(rec.score()) : null,
                confluence ? rec.relVol() : null);
    }

    private List<Holding> holdings(List<Position> open) {
        List<Holding> holdings = new ArrayList<>();
        for (Position p : open) {
            holdings.add(new Holding(p.ticker(), book.sectorOf(p.ticker()),
                    p.quantity() * p.multiplier() * book.mark(p), p.entryPrice(),
                    p.option() ? Double.NaN : p.stop())); // a premium is wholly at risk
        }
        return holdings;
    }

    /** Records a gate in the trace; on failure records the skip and returns true. */
    private boolean gateFails(GateResult g, DecisionTrace trace, String decisionId,
            Recommendation rec, TierParams tier) {
        trace.gate(g.rule(), g.pass(), g.detail());
        if (!g.pass()) {
            skip(decisionId, rec, g.rule(), trace, tier);
        }
        return !g.pass();
    }

    private void skip(String decisionId, Recommendation rec, String reason, DecisionTrace trace,
            TierParams tier) {
        skip(decisionId, rec, reason, trace, tier, null);
    }

    /** Records a skip; {@code instrument} is the option series it would have bought, or null. */
    private void skip(String decisionId, Recommendation rec, String reason, DecisionTrace trace,
            TierParams tier, String instrument) {
        ctx.decided();
        ctx.emit(AccountOutput.of(new Decision(decisionId, ctx.account(), rec.id(), rec.ticker(),
                ctx.now(), rec.action(), Decision.SKIP, reason, 0, null, null, null, tier.name(),
                trace.finish(Decision.SKIP, reason, 0), instrument)));
    }

    private void ensureSweep(RuleParams rules) {
        Ledger l = book.ledger();
        if (l.sweepAt() == null) {
            long at = ctx.now() + rules.dedupeWindow().toMillis();
            ctx.schedule(at, DEDUPE_SWEEP, "");
            book.ledger.set(l.withSweepAt(at));
        }
    }

    /** R-SIG-5: forgets the recommendation ids older than the dedupe window. */
    void sweepSeen() {
        long window = book.account().rules().dedupeWindow().toMillis();
        boolean left = book.seen.removeIf(seenAt -> ctx.now() - seenAt >= window);
        book.ledger.set(book.ledger().withSweepAt(null));
        if (left) {
            ensureSweep(book.account().rules());
        }
    }
}
