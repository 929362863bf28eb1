package io.tradeflow.engine;

import io.tradeflow.cep.StopOutClusterPattern;
import io.tradeflow.cep.StopOutClusters;
import io.tradeflow.cep.TrailingStopArmPattern;
import io.tradeflow.cep.TrailingStopArms;
import io.tradeflow.engine.AccountBook.Portfolio;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.Decision;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import io.tradeflow.ordering.PatternRunner;
import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.breakers.CircuitBreakers;
import io.tradeflow.rules.calendar.ForceExit;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.micro.MicroTrades;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.rebalance.Rebalancer;
import io.tradeflow.rules.stops.ExitTrigger;
import io.tradeflow.rules.stops.Levels;
import io.tradeflow.rules.stops.StopLevels;
import io.tradeflow.rules.stops.StopPolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Manages an account's open positions, Flink-free: the exits at the levels (R-STOP-3) and on a
 * position's loss (R-CB-2), the trailing stop (R-STOP-4) and the stop-out cluster (R-CB-3)
 * through their CEP patterns, re-evaluation (R-STOP-5, R-STOP-6, R-MOVE-1), heat tightening
 * (R-STOP-7), stale prices (R-STOP-8), micro trades' hold (R-MICRO-1), the force exit (R-WIN-2)
 * and the Monday rebalance (R-REB-1). Every exit is a market order, never gated (R-ORD-4).
 */
final class ExitManager implements AutoCloseable {
    static final String FORCE_EXIT = "force-exit";
    static final String MICRO_CLOSE = "micro-close";
    static final String TRAILING_PREFIX = "cep.trailing.";
    static final String STOP_OUTS_PREFIX = "cep.stop-outs.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccountBook book;
    private final AccountRisk risk;
    private final TrancheScheduler tranches;
    private final EngineContext ctx;
    private final TradingCalendar calendar;
    private final AccountStore store;
    /** The trailing-arm runners by state prefix: one per arm fraction an account uses. */
    private final Map<String, PatternRunner<PositionSignal, TrailingArm>> trailing =
            new HashMap<>();
    /** The stop-out runners by state prefix: one per count, window and pause. */
    private final Map<String, PatternRunner<PositionSignal, StopOutCluster>> stopOuts =
            new HashMap<>();

    ExitManager(AccountStore store, AccountBook book, AccountRisk risk, TrancheScheduler tranches,
            EngineContext ctx, TradingCalendar calendar) throws Exception {
        this.book = book;
        this.risk = risk;
        this.tranches = tranches;
        this.ctx = ctx;
        this.calendar = calendar;
        this.store = store;
    }

    /** R-WIN-2: schedules the day's force exit at the account's first entry of the day. */
    void scheduleForceExit(RuleParams rules) {
        Long exitAt = ForceExit.after(ctx.now(), rules);
        if (exitAt != null && book.ledger().forceExitAt() == null) {
            ctx.schedule(exitAt, FORCE_EXIT, "");
            book.ledger.set(book.ledger().withForceExitAt(exitAt));
        }
    }

    /** Handles a pattern runner's timeout: clean-up, and any matches it releases. */
    void onPatternTimeout(String prefix) throws Exception {
        if (prefix.startsWith(TRAILING_PREFIX)) {
            onTrailingArms(trailing(prefix).advanceTime(ctx.now()));
        } else {
            onStopOutClusters(stopOuts(prefix).advanceTime(ctx.now()));
        }
    }

    /**
     * Returns the runner of the account's trailing-arm fraction (R-STOP-4). The pattern's numbers
     * are per account: each set has its own state prefix, the defaults the plain one, so a
     * {@code set} applies to positions opened after it.
     */
    private PatternRunner<PositionSignal, TrailingArm> trailing() throws Exception {
        double pct = risk.rules().exits().trailingArmPct();
        return trailing(pct == ExitParams.DEFAULTS.trailingArmPct() ? TRAILING_PREFIX
                : TRAILING_PREFIX + pct + ".");
    }

    private PatternRunner<PositionSignal, TrailingArm> trailing(String prefix) throws Exception {
        PatternRunner<PositionSignal, TrailingArm> r = trailing.get(prefix);
        if (r == null) {
            double pct = prefix.equals(TRAILING_PREFIX) ? ExitParams.DEFAULTS.trailingArmPct()
                    : Double.parseDouble(prefix.substring(TRAILING_PREFIX.length(),
                            prefix.length() - 1));
            r = new PatternRunner<>(store.patternStore(prefix), TrailingStopArmPattern.of(pct),
                    store.serializer(PositionSignal.class), TrailingStopArms::arm,
                    at -> ctx.schedule(at, PatternRunner.DEADLINE_KIND, prefix));
            trailing.put(prefix, r);
        }
        return r;
    }

    /** Returns the runner of the account's stop-out count, window and pause (R-CB-3). */
    private PatternRunner<PositionSignal, StopOutCluster> stopOuts() throws Exception {
        RiskParams r = risk.params();
        RiskParams d = RiskParams.INTRADAY;
        boolean defaults = r.stopOutCount() == d.stopOutCount()
                && r.stopOutWindow().equals(d.stopOutWindow())
                && r.stopOutPause().equals(d.stopOutPause());
        return stopOuts(defaults ? STOP_OUTS_PREFIX : STOP_OUTS_PREFIX + r.stopOutCount() + "-"
                + r.stopOutWindow().toMillis() + "-" + r.stopOutPause().toMillis() + ".");
    }

    private PatternRunner<PositionSignal, StopOutCluster> stopOuts(String prefix)
            throws Exception {
        PatternRunner<PositionSignal, StopOutCluster> r = stopOuts.get(prefix);
        if (r == null) {
            RiskParams d = RiskParams.INTRADAY;
            int count = d.stopOutCount();
            long window = d.stopOutWindow().toMillis();
            long pause = d.stopOutPause().toMillis();
            if (!prefix.equals(STOP_OUTS_PREFIX)) {
                String[] p = prefix.substring(STOP_OUTS_PREFIX.length(), prefix.length() - 1)
                        .split("-");
                count = Integer.parseInt(p[0]);
                window = Long.parseLong(p[1]);
                pause = Long.parseLong(p[2]);
            }
            long pauseMillis = pause;
            r = new PatternRunner<>(store.patternStore(prefix),
                    StopOutClusterPattern.of(count, Duration.ofMillis(window)),
                    store.serializer(PositionSignal.class),
                    m -> StopOutClusters.cluster(m, pauseMillis),
                    at -> ctx.schedule(at, PatternRunner.DEADLINE_KIND, prefix));
            stopOuts.put(prefix, r);
        }
        return r;
    }

    /** Feeds a closed position to the patterns: it ends its trailing arm, a stop-out counts. */
    void onClosed(Position p, double price, boolean stopOut) throws Exception {
        if (!p.option()) { // an option position has no trailing stop (R-OPT-3)
            onTrailingArms(trailing().process(PositionSignal.closed(p.id(), p.ticker(),
                    p.isLong(), price, ctx.now()), ctx.now()));
        }
        if (stopOut) {
            onStopOutClusters(stopOuts().process(PositionSignal.stopOut(p.id(), p.ticker(),
                    p.isLong(), price, ctx.now()), ctx.now()));
        }
    }

    @Override
    public void close() throws Exception {
        for (PatternRunner<?, ?> r : trailing.values()) {
            r.close();
        }
        for (PatternRunner<?, ?> r : stopOuts.values()) {
            r.close();
        }
    }

    /**
     * R-STOP-8: closes positions whose ticker has had no price for the stale period of market
     * time while others' prices arrive. Checked on ticks, not by a deadline, so the end of a
     * bounded input never reads as a silent ticker.
     */
    void checkStale() {
        ExitParams e = risk.rules().exits();
        Long next = null;
        for (Position p : book.openPositions()) {
            if (p.exitOrderId() != null || !p.intraday()) {
                continue;
            }
            MarketTick last = book.prices.get(p.ticker());
            long lastTs = Math.max(last == null ? p.openedTs() : last.ts(), p.openedTs());
            long at = StopPolicy.staleAt(lastTs, calendar, e.stalePriceAfter());
            if (at <= ctx.now()) {
                placeExit(p, StopPolicy.STALE_RULE, "no price since " + MarketTime.iso(lastTs));
            } else {
                next = next == null ? at : Math.min(next, at);
            }
        }
        book.staleCheck.set(next);
    }

    /**
     * Manages an open position at a bar: R-STOP-3 exits at the current levels, R-CB-2, then the
     * new favourable extreme for the trailing stop (R-STOP-4) and the 5-minute re-evaluation
     * (R-STOP-5, R-STOP-6).
     */
    void manage(Position p, MarketTick tick) throws Exception {
        Bar bar = tick.bar();
        String crossed = ExitTrigger.crossed(p.isLong(), p.stop(), p.target(), bar.low(),
                bar.high());
        if (crossed != null) {
            placeExit(p, ExitTrigger.RULE, crossed);
            return;
        }
        double loss = CircuitBreakers.positionLoss(p.isLong(), p.entryPrice(), bar.close());
        if (CircuitBreakers.positionLossTrips(p.isLong(), p.entryPrice(), bar.close(),
                risk.params().positionLossPct())) {
            placeExit(p, "R-CB-2", null);
            risk.positionLoss(p.ticker(), loss);
            return;
        }
        double extreme = p.isLong() ? bar.high() : bar.low();
        if (p.isLong() ? extreme > p.extreme() : extreme < p.extreme()) {
            p = p.withExtreme(extreme);
            book.positions.put(p.ticker(), p);
            onTrailingArms(trailing().process(
                    PositionSignal.extreme(p.id(), p.ticker(), p.isLong(), extreme, ctx.now()), ctx.now()));
            p = book.positions.get(p.ticker());
        }
        ExitParams e = risk.rules().exits();
        if (ctx.now() - p.checkedTs() >= e.reevaluateEvery().toMillis()) {
            reevaluate(p, tick.atr(), false, "R-STOP-5");
        }
    }

    /** R-STOP-5, R-STOP-6, R-MOVE-1: recomputes a position's levels; a stop only tightens. */
    private void reevaluate(Position p, Double atrNow, boolean force, String rule)
            {
        ExitParams e = risk.rules().exits();
        TierParams tier = book.tier(p.tier());
        double multiplier = p.micro() ? e.microStopAtr()
                : StopPolicy.multiplier(tier, book.earningsSoon(p.ticker()), book.highSeverity(), e);
        double rewardRisk = p.micro() ? e.microRewardRisk() : tier.rewardRisk();
        StopPolicy.LevelChange c = p.atr() == null && atrNow == null ? null
                : StopPolicy.reevaluate(p.isLong(), p.entryPrice(), p.stop(), p.target(),
                        p.atr() == null ? atrNow : p.atr(), atrNow, multiplier, rewardRisk, e,
                        force, rule);
        if (c == null) {
            book.positions.put(p.ticker(), p.withChecked(ctx.now()));
            return;
        }
        Double atr = atrNow != null ? atrNow : p.atr();
        book.positions.put(p.ticker(), p.withLevels(c.stop(), c.target(), atr, ctx.now()));
        emitLevels(p, c.stop(), c.target(), c.rule(), c.reason(), atr);
    }

    private void onTrailingArms(List<TrailingArm> arms) throws Exception {
        for (TrailingArm arm : arms) {
            Position p = book.positions.get(arm.ticker());
            if (p == null || !p.id().equals(arm.positionId())) {
                continue; // closed in the meantime
            }
            ExitParams e = risk.rules().exits();
            StopPolicy.LevelChange c = StopPolicy.trail(p.isLong(), p.entryPrice(), p.stop(),
                    p.target(), arm.extreme(), e);
            if (c != null) {
                book.positions.put(p.ticker(), p.withLevels(c.stop(), c.target(), p.atr(),
                        p.checkedTs()));
                emitLevels(p, c.stop(), c.target(), c.rule(), c.reason(), p.atr());
            }
        }
    }

    private void onStopOutClusters(List<StopOutCluster> clusters) throws Exception {
        for (StopOutCluster c : clusters) {
            risk.stopOutCluster(c);
        }
    }

    private void emitLevels(Position before, double stop, double target, String rule,
            String reason, Double atr) {
        ctx.emit(AccountOutput.of(new StopLevelChange(
                OrderIds.hash(before.id(), rule, Long.toString(ctx.now()), Double.toString(stop)),
                ctx.account(), before.id(), before.ticker(), stop, target, before.stop(),
                before.target(), rule, reason, atr, ctx.now())));
    }

    /** R-MOVE-1: a rapid move re-evaluates the position in its ticker at once, and alerts. */
    void onRapidMove(RapidMove move) throws Exception {
        book.rapidMoves.put(move.ticker(), move);
        // the job's pattern reports moves of at least the default size; an account may ask for
        // larger ones (rapid-move-pct), never smaller (RuleKeys rejects that)
        if (Math.abs(move.changePct()) / 100 < risk.rules().exits().rapidMovePct() * (1 - 1e-9)) {
            return;
        }
        Position p = book.positions.get(move.ticker());
        if (p == null || p.exitOrderId() != null || p.option()) {
            return; // an option position keeps its levels (R-OPT-3)
        }
        risk.alert("rapid_move", move.ticker(), String.format("%s moved %.2f%% %s within the"
                + " window (R-MOVE-1): levels re-evaluated", move.ticker(), move.changePct(),
                move.direction()));
        MarketTick t = book.prices.get(move.ticker());
        reevaluate(p, t == null ? null : t.atr(), true, "R-MOVE-1");
    }

    /**
     * R-STOP-7: tightens the lowest-confidence positions' stops while heat is above its mark; run
     * at every valuation (a held ticker's bar, a new position), so a rise in heat tightens on the
     * bar that caused it.
     */
    void tightenForHeat(double portfolioValue) {
        List<StopPolicy.PositionRisk> risks = new ArrayList<>();
        for (Position p : book.openPositions()) {
            if (p.exitOrderId() == null && !p.option()) { // an option's levels: R-OPT-3
                double mark = book.mark(p);
                risks.add(new StopPolicy.PositionRisk(p.ticker(), p.isLong(), p.confidence(),
                        p.quantity() * mark, p.entryPrice(), p.stop(), mark));
            }
        }
        for (StopPolicy.StopTightening t : StopPolicy.tightenForHeat(risks, portfolioValue,
                risk.tier().maxHeatPct(), risk.rules().exits())) {
            Position p = book.positions.get(t.ticker());
            book.positions.put(p.ticker(), p.withLevels(t.stop(), p.target(), p.atr(), p.checkedTs()));
            emitLevels(p, t.stop(), p.target(), t.rule(), "heat above "
                    + Math.round(risk.rules().exits().heatTightenAt() * 100) + "% of the tier's max",
                    p.atr());
        }
    }

    /** R-MICRO-1: a micro trade is closed after its maximum hold. */
    void microClose(String ref) {
        String[] parts = ref.split("\\|", 2);
        Position p = book.positions.get(parts[0]);
        if (p != null && p.id().equals(parts[1]) && p.exitOrderId() == null) {
            placeExit(p, MicroTrades.RULE, "max hold");
        }
    }

    /** R-REB-1: at the week's first regular bar, trims what is above the tier's limits. */
    void rebalanceIfDue() {
        LocalDate today = MarketTime.date(ctx.now());
        if (!today.equals(Rebalancer.firstTradingDayOfWeek(today, calendar))) {
            return; // the other days of the week cost no state read
        }
        RuleParams rules = risk.rules();
        RiskState rs = risk.state();
        if (!rules.exits().rebalance()
                || !Rebalancer.isRebalanceBar(ctx.now(), rs.lastRebalanceTs(), calendar)) {
            return;
        }
        risk.rebalanced();
        List<Rebalancer.Held> held = new ArrayList<>();
        for (Position p : book.openPositions()) {
            if (p.exitOrderId() == null && p.isLong() && !p.option()) {
                held.add(new Rebalancer.Held(p.ticker(), book.sectorOf(p.ticker()), p.confidence(),
                        p.quantity(), book.mark(p)));
            }
        }
        Portfolio pf = book.portfolio(book.ledger());
        TierParams tier = risk.tier();
        for (Rebalancer.Trim trim : Rebalancer.plan(held, pf.activePool(), pf.value(), tier,
                rules.risk().maxOpenPositions())) {
            Position p = book.positions.get(trim.ticker());
            if (p == null || p.exitOrderId() != null) {
                continue; // one trim per position per rebalance: the rest waits a week
            }
            String decisionId = OrderIds.decisionId(ctx.account(), "rebalance:" + trim.ticker()
                    + ":" + trim.reason(), ctx.now());
            ctx.emit(AccountOutput.of(new Decision(decisionId, ctx.account(), null, trim.ticker(),
                    ctx.now(), "sell", Decision.ACT, trim.reason(), trim.quantity(), null, null, null,
                    tier.name(), rebalanceTrace(trim, pf))));
            placeExit(p, trim.reason(), null, trim.quantity(), decisionId);
        }
    }

    private static String rebalanceTrace(Rebalancer.Trim trim, Portfolio pf) {
        ObjectNode n = JSON.createObjectNode();
        n.put("rule", Rebalancer.RULE);
        n.put("reason", trim.reason());
        n.put("ticker", trim.ticker());
        n.put("quantity", trim.quantity());
        n.put("portfolio_value", pf.value());
        n.put("active_pool", pf.activePool());
        return n.toString();
    }

    /** Closes a position with a market order, never gated (R-ORD-4). */
    private void placeExit(Position p, String rule, String why) {
        placeExit(p, rule, why, p.quantity(), p.decisionId());
    }

    /** Places a market exit of {@code quantity} of the position under {@code decisionId}. */
    void placeExit(Position p, String rule, String why, long quantity, String decisionId) {
        if (quantity >= p.quantity()) {
            tranches.endEntry(p, "exit " + rule);
        }
        String id = OrderIds.exitOrderId(p.id(), rule, ctx.now());
        String reason = why == null ? rule : rule + ":" + why;
        Order exit = new Order(id, ctx.account(), decisionId, p.id(), p.ticker(),
                p.isLong() ? "sell" : "buy", Order.MARKET, quantity, null, ctx.now(), Order.NEW,
                reason, ctx.now(), p.instrument());
        book.orders.put(id, new WorkingOrder(exit, null, risk.state().tier(), p.confidence(), 0,
                p.micro(), null));
        book.positions.put(p.ticker(), p.withExitOrder(id));
        ctx.emit(AccountOutput.of(exit));
    }

    /** Cancels every working entry not filled at all, for {@code reason}. */
    void cancelWorkingEntries(String reason) {
        for (WorkingOrder wo : book.workingOrders()) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId()) && wo.filled() == 0) {
                book.orders.remove(o.clientOrderId());
                ctx.emit(AccountOutput.of(o.withStatus(Order.CANCELLED, reason, ctx.now())));
            }
        }
    }

    /** R-WIN-2: close every position and cancel every working entry. */
    void forceExit() {
        book.ledger.set(book.ledger().withForceExitAt(null));
        cancelWorkingEntries(ForceExit.RULE);
        for (Position p : book.openPositions()) {
            if (p.exitOrderId() == null) {
                placeExit(p, ForceExit.RULE, null);
            }
        }
    }

    /**
     * Returns a new position's levels: R-STOP-1/2 with the R-STOP-6 multipliers (earnings within
     * the window, a high-severity market event), or the micro levels (R-MICRO-1).
     */
    Levels initialLevels(boolean isLong, double price, Double atr, TierParams tier,
            String ticker, boolean micro) {
        RuleParams rules = risk.rules();
        ExitParams e = rules.exits();
        if (micro) {
            return MicroTrades.levels(isLong, price, atr, e, rules);
        }
        double multiplier = StopPolicy.multiplier(tier, book.earningsSoon(ticker), book.highSeverity(), e);
        TierParams adjusted = new TierParams(tier.name(), tier.minConfidence(),
                tier.maxPositionPct(), multiplier, tier.rewardRisk(), tier.maxSectorPct(),
                tier.maxHeatPct());
        return StopLevels.initial(isLong, price, atr, adjusted, rules);
    }

    /** Starts managing a new position: its levels row, the trailing runner, its deadlines. */
    void onOpened(Position p) throws Exception {
        ctx.emit(AccountOutput.of(new StopLevelChange(
                OrderIds.hash(p.id(), "initial", Long.toString(ctx.now())), ctx.account(), p.id(),
                p.ticker(), p.stop(), p.target(), null, null,
                p.micro() ? MicroTrades.RULE : p.atr() == null ? StopLevels.FALLBACK_RULE
                        : StopLevels.ATR_RULE, "initial levels at the fill", p.atr(), ctx.now())));
        if (!p.option()) {
            onTrailingArms(trailing().process(PositionSignal.opened(p.id(), p.ticker(),
                    p.isLong(), p.entryPrice(), p.target(), ctx.now()), ctx.now()));
        }
        ExitParams e = risk.rules().exits();
        String ref = p.ticker() + "|" + p.id();
        long stale = StopPolicy.staleAt(ctx.now(), calendar, e.stalePriceAfter());
        Long due = book.staleCheck.get();
        book.staleCheck.set(due == null ? stale : Math.min(due, stale));
        if (p.micro()) {
            ctx.schedule(MicroTrades.closeAt(ctx.now(), e), MICRO_CLOSE, ref);
        }
        tightenForHeat(book.portfolioValue());
    }
}
