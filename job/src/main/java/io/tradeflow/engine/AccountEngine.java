package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.CalendarEvent;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import io.tradeflow.event.Recommendation;
import io.tradeflow.event.VixQuote;
import io.tradeflow.cep.StopOutClusterPattern;
import io.tradeflow.cep.StopOutClusters;
import io.tradeflow.cep.TrailingStopArmPattern;
import io.tradeflow.cep.TrailingStopArms;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.broker.SimulatedBroker;
import io.tradeflow.rules.calendar.EntryWindow;
import io.tradeflow.rules.calendar.ForceExit;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.correlation.DailyCloses;
import io.tradeflow.rules.correlation.ReturnCorrelation;
import io.tradeflow.rules.gates.EntryGates;
import io.tradeflow.rules.gates.GateResult;
import io.tradeflow.rules.breakers.CircuitBreakers;
import io.tradeflow.rules.pool.ReservePool;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.sizing.Holding;
import io.tradeflow.rules.sizing.SizingRequest;
import io.tradeflow.rules.micro.MicroTrades;
import io.tradeflow.rules.orders.Tranches;
import io.tradeflow.rules.rebalance.Rebalancer;
import io.tradeflow.rules.signals.SignalTypes;
import io.tradeflow.rules.stops.StopPolicy;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.signals.LiveSignalGate;
import io.tradeflow.rules.signals.RecommendationEligibility;
import io.tradeflow.rules.sizing.PositionSizer;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingStep;
import io.tradeflow.rules.stops.ExitTrigger;
import io.tradeflow.rules.stops.Levels;
import io.tradeflow.rules.stops.StopLevels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.OutputTag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Owns an account: evaluates its recommendations through the rules, places and tracks its orders,
 * fills them with the simulated broker (paper, backtest) or from broker fills (live), manages its
 * positions' exits, and emits every decision, order, fill and position change — all in event-time
 * order (see {@link EventTimeOrderedFunction}), so BATCH and STREAMING decide identically.
 *
 * <p>Rules applied: R-SIG-1, R-SIG-4, R-SIG-5, R-WIN-1, R-WIN-2, R-CAL-1, R-CAL-2, R-VIX-1,
 * R-CB-1, R-CB-2, R-CB-4, R-CB-5, R-HALT-1, R-POS-1, R-DAY-1, R-POOL-1..5, R-RISK-1,
 * R-SIZE-1..8, R-ORD-1, R-ORD-3, R-STOP-1, R-STOP-2, R-STOP-3, R-REC-1 (the risk controls live in
 * {@link AccountRisk}). Rapid moves and volatility clusters are recorded for the exit rules
 * (R-MOVE-1, R-STOP-6).
 */
public final class AccountEngine
        extends EventTimeOrderedFunction<String, AccountInput, AccountOutput> {
    public static final String POSITION_EXISTS = "position_exists";
    public static final String ENTRY_CANCELLED = "ENTRY_CANCELLED";
    /** Fills that match no working order: the topology turns them into dead letters. */
    public static final OutputTag<Fill> UNKNOWN_FILLS =
            new OutputTag<>("unknown-fills", TypeInformation.of(Fill.class));

    static final String ENTRY_TIMEOUT = "entry-timeout";
    static final String FORCE_EXIT = "force-exit";
    static final String DEDUPE_SWEEP = "dedupe-sweep";
    static final String TRANCHE = "tranche";
    static final String MICRO_CLOSE = "micro-close";
    static final String TRAILING_PREFIX = "cep.trailing.";
    static final String STOP_OUTS_PREFIX = "cep.stop-outs.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MONEY_SCALE = 4;

    private final EngineSettings settings;
    private transient Map<String, AccountConfig> accounts;
    private transient TradingCalendar calendar;
    private transient AccountRisk risk;
    private transient MapState<String, String> eventDays;
    private transient MapState<String, String> earnings;
    private transient MapState<String, DailyCloses> closes;
    private transient MapState<String, String> sectors;
    private transient MapState<String, TranchePlan> tranches;
    /** The earliest time an open position's price may be stale (R-STOP-8), or null. */
    private transient ValueState<Long> staleCheck;
    private transient PatternRunner<PositionSignal, TrailingArm> trailing;
    private transient PatternRunner<PositionSignal, StopOutCluster> stopOuts;
    private transient ValueState<Ledger> ledger;
    private transient MapState<String, Position> positions;
    private transient MapState<String, WorkingOrder> orders;
    private transient MapState<String, MarketTick> prices;
    private transient MapState<String, Long> seen;
    private transient ValueState<VixQuote> vix;
    private transient ValueState<MarketEvent> vixHalt;
    private transient ValueState<MarketEvent> volatility;
    private transient MapState<String, RapidMove> rapidMoves;
    private transient Histogram decisionLatency;

    public AccountEngine(EngineSettings settings, boolean batch) {
        super("engine", batch, TypeInformation.of(AccountInput.class));
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        accounts = new HashMap<>();
        settings.accounts().forEach(a -> accounts.put(a.id(), a));
        calendar = TradingCalendar.nyse();
        var rc = getRuntimeContext();
        risk = new AccountRisk(new EngineContext() {
            @Override
            public long now() {
                return AccountEngine.this.now();
            }

            @Override
            public String account() {
                return currentKey();
            }

            @Override
            public void emit(AccountOutput out) {
                AccountEngine.this.emit(out);
            }

            @Override
            public void schedule(long at, String kind, String ref) throws Exception {
                AccountEngine.this.schedule(at, kind, ref);
            }
        }, settings, accounts, calendar, rc);
        eventDays = rc.getMapState(new MapStateDescriptor<>("event-days", Types.STRING,
                Types.STRING));
        earnings = rc.getMapState(new MapStateDescriptor<>("earnings", Types.STRING,
                Types.STRING));
        closes = rc.getMapState(new MapStateDescriptor<>("daily-closes", Types.STRING,
                TypeInformation.of(DailyCloses.class)));
        sectors = rc.getMapState(new MapStateDescriptor<>("sectors", Types.STRING, Types.STRING));
        staleCheck = rc.getState(new ValueStateDescriptor<>("stale-check", Types.LONG));
        tranches = rc.getMapState(new MapStateDescriptor<>("tranches", Types.STRING,
                TypeInformation.of(TranchePlan.class)));
        // the patterns' numbers are the job's defaults: one pattern per operator, not per account
        trailing = new PatternRunner<>(rc, TRAILING_PREFIX,
                TrailingStopArmPattern.of(ExitParams.DEFAULTS.trailingArmPct()),
                TypeInformation.of(PositionSignal.class), TrailingStopArms::arm,
                at -> schedule(at, PatternRunner.DEADLINE_KIND, TRAILING_PREFIX));
        RiskParams defaults = RiskParams.INTRADAY;
        stopOuts = new PatternRunner<>(rc, STOP_OUTS_PREFIX,
                StopOutClusterPattern.of(defaults.stopOutCount(), defaults.stopOutWindow()),
                TypeInformation.of(PositionSignal.class),
                m -> StopOutClusters.cluster(m, defaults.stopOutPause().toMillis()),
                at -> schedule(at, PatternRunner.DEADLINE_KIND, STOP_OUTS_PREFIX));
        ledger = rc.getState(new ValueStateDescriptor<>("ledger", TypeInformation.of(Ledger.class)));
        positions = rc.getMapState(new MapStateDescriptor<>(
                "positions", Types.STRING, TypeInformation.of(Position.class)));
        orders = rc.getMapState(new MapStateDescriptor<>(
                "orders", Types.STRING, TypeInformation.of(WorkingOrder.class)));
        prices = rc.getMapState(new MapStateDescriptor<>(
                "prices", Types.STRING, TypeInformation.of(MarketTick.class)));
        seen = rc.getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
        vix = rc.getState(new ValueStateDescriptor<>("vix", TypeInformation.of(VixQuote.class)));
        vixHalt = rc.getState(new ValueStateDescriptor<>(
                "vix-halt", TypeInformation.of(MarketEvent.class)));
        volatility = rc.getState(new ValueStateDescriptor<>(
                "volatility", TypeInformation.of(MarketEvent.class)));
        rapidMoves = rc.getMapState(new MapStateDescriptor<>(
                "rapid-moves", Types.STRING, TypeInformation.of(RapidMove.class)));
        // event time to decision, in processing time: the price of waiting for the watermark
        decisionLatency = rc.getMetricGroup().histogram("decisionLatencyMs",
                new DescriptiveStatisticsHistogram(1024));
    }

    @Override
    public void close() throws Exception {
        if (trailing != null) {
            trailing.close();
        }
        if (stopOuts != null) {
            stopOuts.close();
        }
        super.close();
    }

    @Override
    protected long timeOf(AccountInput in) {
        return in.ts();
    }

    @Override
    protected Comparator<AccountInput> eventOrder() {
        return Comparator.comparingInt(AccountInput::priority).thenComparing(AccountInput::toString);
    }

    @Override
    protected void onEvent(AccountInput in) throws Exception {
        risk.roll(this::portfolioValue);
        switch (in.kind()) {
            case AccountInput.TICK -> onTick(in.tick());
            case AccountInput.RECOMMENDATION -> evaluate(in.recommendation());
            case AccountInput.FILL -> onBrokerFill(in.fill());
            case AccountInput.VIX -> vix.update(in.vix());
            case AccountInput.MARKET -> onMarketEvent(in.market());
            case AccountInput.RAPID_MOVE -> onRapidMove(in.rapidMove());
            case AccountInput.CALENDAR -> onCalendar(in.calendar());
            case AccountInput.CONTROL -> risk.onControl(in.control(), this::portfolioValue);
            default -> throw new IllegalStateException("unknown input kind " + in.kind());
        }
    }

    @Override
    protected void onDeadline(Deadline d) throws Exception {
        switch (d.kind()) {
            case ENTRY_TIMEOUT -> cancelEntry(d.ref());
            case FORCE_EXIT -> forceExit();
            case DEDUPE_SWEEP -> sweepSeen();
            case AccountRisk.BREAKER_END, AccountRisk.MARKET_CLOSE ->
                    risk.onDeadline(d, this::portfolioValue);
            case TRANCHE -> nextTranche(d.ref());
            case MICRO_CLOSE -> microClose(d.ref());
            case PatternRunner.DEADLINE_KIND -> {
                if (TRAILING_PREFIX.equals(d.ref())) {
                    onTrailingArms(trailing.advanceTime(now()));
                } else {
                    onStopOutClusters(stopOuts.advanceTime(now()));
                }
            }
            default -> throw new IllegalStateException("unknown deadline " + d);
        }
    }

    // ------------------------------------------------------------------ market data and fills

    private void onTick(MarketTick tick) throws Exception {
        MarketTick previous = prices.get(tick.ticker());
        if (previous != null && !MarketTime.date(previous.ts()).equals(MarketTime.date(tick.ts()))) {
            // a new market date: the previous tick's close is its day's close (R-SIZE-3)
            DailyCloses c = closes.get(tick.ticker());
            closes.put(tick.ticker(), (c == null ? DailyCloses.empty() : c).with(
                    MarketTime.date(previous.ts()), previous.bar().close(),
                    risk.params().correlationDays()));
        }
        prices.put(tick.ticker(), tick);
        AccountConfig account = account();
        if (!positions.isEmpty()) {
            rebalanceIfDue();
        }
        if (account.simulated()) {
            for (WorkingOrder wo : workingOrders(tick.ticker())) {
                Double price = SimulatedBroker.fillPrice(wo.order(), tick.bar(), settings.broker());
                if (price != null) {
                    long qty = wo.order().quantity() - wo.filled();
                    applyFill(new Fill(wo.order().clientOrderId(), account.id(), tick.ticker(),
                            wo.order().side(), qty, price,
                            SimulatedBroker.commission(qty, settings.broker()), now()));
                }
            }
        }
        Position p = positions.get(tick.ticker());
        if (p != null && !p.intraday() && previous != null
                && MarketTime.date(previous.ts()).equals(MarketTime.date(tick.ts()))) {
            p = p.withIntraday();
            positions.put(p.ticker(), p);
        }
        if (p != null && p.exitOrderId() == null && p.openedTs() < tick.ts()) {
            manage(p, tick);
        }
        if (p != null) {
            risk.onValue(portfolioValue());
        }
        Long due = staleCheck.value();
        if (due != null && now() >= due) {
            checkStale();
        }
    }

    /**
     * R-STOP-8: closes positions whose ticker has had no price for the stale period of market
     * time while others' prices arrive. Checked on ticks, not by a deadline, so the end of a
     * bounded input never reads as a silent ticker.
     */
    private void checkStale() throws Exception {
        ExitParams e = risk.rules().exits();
        Long next = null;
        for (Position p : openPositions()) {
            if (p.exitOrderId() != null || !p.intraday()) {
                continue;
            }
            MarketTick last = prices.get(p.ticker());
            long lastTs = Math.max(last == null ? p.openedTs() : last.ts(), p.openedTs());
            long at = StopPolicy.staleAt(lastTs, calendar, e.stalePriceAfter());
            if (at <= now()) {
                placeExit(p, StopPolicy.STALE_RULE, "no price since " + MarketTime.iso(lastTs));
            } else {
                next = next == null ? at : Math.min(next, at);
            }
        }
        staleCheck.update(next);
    }

    /**
     * Manages an open position at a bar: R-STOP-3 exits at the current levels, R-CB-2, then the
     * new favourable extreme for the trailing stop (R-STOP-4) and the 5-minute re-evaluation
     * (R-STOP-5, R-STOP-6).
     */
    private void manage(Position p, MarketTick tick) throws Exception {
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
            positions.put(p.ticker(), p);
            onTrailingArms(trailing.process(
                    PositionSignal.extreme(p.id(), p.ticker(), p.isLong(), extreme, now()), now()));
            p = positions.get(p.ticker());
        }
        ExitParams e = risk.rules().exits();
        if (now() - p.checkedTs() >= e.reevaluateEvery().toMillis()) {
            reevaluate(p, tick.atr(), false, "R-STOP-5");
        }
    }

    /** R-STOP-5, R-STOP-6, R-MOVE-1: recomputes a position's levels; a stop only tightens. */
    private void reevaluate(Position p, Double atrNow, boolean force, String rule)
            throws Exception {
        ExitParams e = risk.rules().exits();
        TierParams tier = tier(p.tier());
        double multiplier = p.micro() ? e.microStopAtr()
                : StopPolicy.multiplier(tier, earningsSoon(p.ticker()), highSeverity(), e);
        double rewardRisk = p.micro() ? e.microRewardRisk() : tier.rewardRisk();
        StopPolicy.LevelChange c = p.atr() == null && atrNow == null ? null
                : StopPolicy.reevaluate(p.isLong(), p.entryPrice(), p.stop(), p.target(),
                        p.atr() == null ? atrNow : p.atr(), atrNow, multiplier, rewardRisk, e,
                        force, rule);
        if (c == null) {
            positions.put(p.ticker(), p.withChecked(now()));
            return;
        }
        Double atr = atrNow != null ? atrNow : p.atr();
        positions.put(p.ticker(), p.withLevels(c.stop(), c.target(), atr, now()));
        emitLevels(p, c.stop(), c.target(), c.rule(), c.reason(), atr);
    }

    private void onTrailingArms(List<TrailingArm> arms) throws Exception {
        for (TrailingArm arm : arms) {
            Position p = positions.get(arm.ticker());
            if (p == null || !p.id().equals(arm.positionId())) {
                continue; // closed in the meantime
            }
            ExitParams e = risk.rules().exits();
            StopPolicy.LevelChange c = StopPolicy.trail(p.isLong(), p.entryPrice(), p.stop(),
                    p.target(), arm.extreme(), e);
            if (c != null) {
                positions.put(p.ticker(), p.withLevels(c.stop(), c.target(), p.atr(),
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
        emit(AccountOutput.of(new StopLevelChange(
                OrderIds.hash(before.id(), rule, Long.toString(now()), Double.toString(stop)),
                currentKey(), before.id(), before.ticker(), stop, target, before.stop(),
                before.target(), rule, reason, atr, now())));
    }

    /** R-MOVE-1: a rapid move re-evaluates the position in its ticker at once, and alerts. */
    private void onRapidMove(RapidMove move) throws Exception {
        rapidMoves.put(move.ticker(), move);
        Position p = positions.get(move.ticker());
        if (p == null || p.exitOrderId() != null) {
            return;
        }
        risk.alert("rapid_move", move.ticker(), String.format("%s moved %.2f%% %s within the"
                + " window (R-MOVE-1): levels re-evaluated", move.ticker(), move.changePct(),
                move.direction()));
        MarketTick t = prices.get(move.ticker());
        reevaluate(p, t == null ? null : t.atr(), true, "R-MOVE-1");
    }

    /** R-STOP-7: tightens the lowest-confidence positions' stops while heat is above its mark. */
    private void tightenForHeat() throws Exception {
        List<StopPolicy.PositionRisk> risks = new ArrayList<>();
        for (Position p : openPositions()) {
            if (p.exitOrderId() == null) {
                risks.add(new StopPolicy.PositionRisk(p.ticker(), p.isLong(), p.confidence(),
                        p.quantity() * mark(p), p.entryPrice(), p.stop(), mark(p)));
            }
        }
        for (StopPolicy.StopTightening t : StopPolicy.tightenForHeat(risks, portfolioValue(),
                risk.tier().maxHeatPct(), risk.rules().exits())) {
            Position p = positions.get(t.ticker());
            positions.put(p.ticker(), p.withLevels(t.stop(), p.target(), p.atr(), p.checkedTs()));
            emitLevels(p, t.stop(), p.target(), t.rule(), "heat above "
                    + Math.round(risk.rules().exits().heatTightenAt() * 100) + "% of the tier's max",
                    p.atr());
        }
    }

    /** R-MICRO-1: a micro trade is closed after its maximum hold. */
    private void microClose(String ref) throws Exception {
        String[] parts = ref.split("\\|", 2);
        Position p = positions.get(parts[0]);
        if (p != null && p.id().equals(parts[1]) && p.exitOrderId() == null) {
            placeExit(p, MicroTrades.RULE, "max hold");
        }
    }

    /** R-REB-1: at the week's first regular bar, trims what is above the tier's limits. */
    private void rebalanceIfDue() throws Exception {
        LocalDate today = MarketTime.date(now());
        if (!today.equals(Rebalancer.firstTradingDayOfWeek(today, calendar))) {
            return; // the other days of the week cost no state read
        }
        RuleParams rules = risk.rules();
        RiskState rs = risk.state();
        if (!rules.exits().rebalance()
                || !Rebalancer.isRebalanceBar(now(), rs.lastRebalanceTs(), calendar)) {
            return;
        }
        risk.rebalanced();
        List<Rebalancer.Held> held = new ArrayList<>();
        for (Position p : openPositions()) {
            if (p.exitOrderId() == null && p.isLong()) {
                held.add(new Rebalancer.Held(p.ticker(), sectorOf(p.ticker()), p.confidence(),
                        p.quantity(), mark(p)));
            }
        }
        Portfolio pf = portfolio(ledger());
        TierParams tier = risk.tier();
        for (Rebalancer.Trim trim : Rebalancer.plan(held, pf.activePool(), pf.value(), tier,
                rules.risk().maxOpenPositions())) {
            Position p = positions.get(trim.ticker());
            if (p == null || p.exitOrderId() != null) {
                continue; // one trim per position per rebalance: the rest waits a week
            }
            String decisionId = OrderIds.decisionId(currentKey(), "rebalance:" + trim.ticker()
                    + ":" + trim.reason(), now());
            emit(AccountOutput.of(new Decision(decisionId, currentKey(), null, trim.ticker(),
                    now(), "sell", Decision.ACT, trim.reason(), trim.quantity(), null, null, null,
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

    /** Keeps the event calendar (R-CAL-1) and the earnings dates (R-CAL-2). */
    private void onCalendar(CalendarEvent e) throws Exception {
        switch (e.kind()) {
            case "fomc", "cpi" -> {
                String kinds = eventDays.get(e.date());
                if (kinds == null || !List.of(kinds.split(",")).contains(e.kind())) {
                    eventDays.put(e.date(), kinds == null ? e.kind() : kinds + "," + e.kind());
                }
            }
            case "earnings" -> {
                if (e.ticker() != null) {
                    String dates = earnings.get(e.ticker());
                    TreeSet<String> set = new TreeSet<>();
                    if (dates != null) {
                        set.addAll(List.of(dates.split(",")));
                    }
                    set.add(e.date());
                    earnings.put(e.ticker(), String.join(",", set));
                }
            }
            default -> { } // holidays come from the exchange calendar; macro events inform nothing yet
        }
    }

    private void onMarketEvent(MarketEvent e) throws Exception {
        if ("vix".equals(e.kind())) {
            vixHalt.update("open".equals(e.state()) ? e : null);
        } else if ("open".equals(e.state())) {
            volatility.update(e);
        }
    }

    private void onBrokerFill(Fill fill) throws Exception {
        if (!orders.contains(fill.clientOrderId())) {
            sideOutput(UNKNOWN_FILLS, fill);
            return;
        }
        applyFill(fill);
    }

    private void applyFill(Fill fill) throws Exception {
        WorkingOrder wo = orders.get(fill.clientOrderId());
        Order order = wo.order();
        emit(AccountOutput.of(fill));
        Ledger l = ledger();
        BigDecimal notional = money(fill.price()).multiply(BigDecimal.valueOf(fill.quantity()));
        BigDecimal commission = money(fill.commission());
        BigDecimal cash = "buy".equals(fill.side())
                ? l.cash().subtract(notional).subtract(commission)
                : l.cash().add(notional).subtract(commission);
        long filled = wo.filled() + fill.quantity();
        boolean done = filled >= order.quantity();
        if (done) {
            orders.remove(order.clientOrderId());
            emit(AccountOutput.of(order.withStatus(Order.FILLED, order.reason(), now())));
        } else {
            orders.put(order.clientOrderId(), wo.withFilled(filled));
        }
        boolean entry = OrderIds.isEntry(order.clientOrderId());
        Position p = positions.get(order.ticker());
        boolean opened = entry && p == null;
        BigDecimal realized = l.realizedPnl();
        if (entry) {
            p = openOrAdd(p, wo, fill, commission);
        } else if (p != null) {
            BigDecimal direction = BigDecimal.valueOf(p.isLong() ? 1 : -1);
            BigDecimal result = money(fill.price()).subtract(money(p.entryPrice()))
                    .multiply(direction).multiply(BigDecimal.valueOf(fill.quantity()))
                    .subtract(commission);
            realized = realized.add(result);
            p = p.withFill(p.quantity() - fill.quantity(), p.entryPrice(), p.realized().add(result));
        }
        ledger.update(l.withCash(cash.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN),
                realized.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN)));
        if (p == null) {
            return;
        }
        if (p.quantity() <= 0) {
            positions.remove(p.ticker());
            emit(AccountOutput.of(positionEvent(p, PositionEvent.CLOSED, fill.price(), order.reason())));
            risk.onClosed(p.id(), p.realized(), portfolioValue());
            boolean stopOut = (ExitTrigger.RULE + ":" + ExitTrigger.STOP).equals(order.reason());
            onTrailingArms(trailing.process(PositionSignal.closed(p.id(), p.ticker(), p.isLong(),
                    fill.price(), now()), now()));
            if (stopOut) {
                onStopOutClusters(stopOuts.process(PositionSignal.stopOut(p.id(), p.ticker(),
                        p.isLong(), fill.price(), now()), now()));
            }
        } else {
            if (!entry && done && order.clientOrderId().equals(p.exitOrderId())) {
                p = p.withExitOrder(null); // a trim filled: the rest is managed as before
            }
            positions.put(p.ticker(), p);
            emit(AccountOutput.of(positionEvent(p, PositionEvent.OPEN, null, order.reason())));
            if (opened) {
                onOpened(p);
            }
        }
        risk.onValue(portfolioValue());
    }

    /** Starts managing a new position: its levels row, the trailing runner, its deadlines. */
    private void onOpened(Position p) throws Exception {
        emit(AccountOutput.of(new StopLevelChange(
                OrderIds.hash(p.id(), "initial", Long.toString(now())), currentKey(), p.id(),
                p.ticker(), p.stop(), p.target(), null, null,
                p.micro() ? MicroTrades.RULE : p.atr() == null ? StopLevels.FALLBACK_RULE
                        : StopLevels.ATR_RULE, "initial levels at the fill", p.atr(), now())));
        onTrailingArms(trailing.process(PositionSignal.opened(p.id(), p.ticker(), p.isLong(),
                p.entryPrice(), p.target(), now()), now()));
        ExitParams e = risk.rules().exits();
        String ref = p.ticker() + "|" + p.id();
        long stale = StopPolicy.staleAt(now(), calendar, e.stalePriceAfter());
        Long due = staleCheck.value();
        staleCheck.update(due == null ? stale : Math.min(due, stale));
        if (p.micro()) {
            schedule(MicroTrades.closeAt(now(), e), MICRO_CLOSE, ref);
        }
        tightenForHeat();
    }

    private Position openOrAdd(Position p, WorkingOrder wo, Fill fill, BigDecimal commission)
            throws Exception {
        if (p == null) {
            boolean isLong = "buy".equals(fill.side());
            Levels levels = initialLevels(isLong, fill.price(), wo.atr(), tier(wo.tier()),
                    fill.ticker(), wo.micro());
            return new Position(wo.order().positionId(), fill.ticker(),
                    isLong ? Position.LONG : Position.SHORT, fill.quantity(), fill.price(),
                    levels.stop(), levels.target(), now(), wo.order().decisionId(),
                    wo.confidence(), null, commission.negate(), wo.tier(), wo.atr(), now(),
                    fill.price(), wo.micro(), false);
        }
        long qty = p.quantity() + fill.quantity();
        double entry = (p.entryPrice() * p.quantity() + fill.price() * fill.quantity()) / qty;
        return p.withFill(qty, entry, p.realized().subtract(commission));
    }

    /**
     * Returns a new position's levels: R-STOP-1/2 with the R-STOP-6 multipliers (earnings within
     * the window, a high-severity market event), or the micro levels (R-MICRO-1).
     */
    private Levels initialLevels(boolean isLong, double price, Double atr, TierParams tier,
            String ticker, boolean micro) throws Exception {
        RuleParams rules = risk.rules();
        ExitParams e = rules.exits();
        if (micro) {
            return MicroTrades.levels(isLong, price, atr, e, rules);
        }
        double multiplier = StopPolicy.multiplier(tier, earningsSoon(ticker), highSeverity(), e);
        TierParams adjusted = new TierParams(tier.name(), tier.minConfidence(),
                tier.maxPositionPct(), multiplier, tier.rewardRisk(), tier.maxSectorPct(),
                tier.maxHeatPct());
        return StopLevels.initial(isLong, price, atr, adjusted, rules);
    }

    private boolean earningsSoon(String ticker) throws Exception {
        Integer days = earningsDays(ticker);
        return days != null && days <= risk.params().earningsReduceDays();
    }

    private boolean highSeverity() throws Exception {
        MarketEvent cluster = volatility.value();
        return cluster != null && now() < cluster.untilTs();
    }

    // ------------------------------------------------------------------ evaluation (R-REC-1)

    private void evaluate(Recommendation rec) throws Exception {
        AccountConfig account = account();
        RuleParams rules = risk.rules();
        RiskParams rp = rules.risk();
        Long seenAt = seen.get(rec.id());
        if (seenAt != null && now() - seenAt < rules.dedupeWindow().toMillis()) {
            return; // R-SIG-5: a repeat makes no decision and no order
        }
        seen.put(rec.id(), now());
        ensureSweep(rules);
        if (rec.sector() != null) {
            sectors.put(rec.ticker(), rec.sector());
        }

        Ledger l = ledger();
        TierParams tier = risk.tier();
        String decisionId = OrderIds.decisionId(account.id(), rec.id(), now());
        Portfolio pf = portfolio(l);
        Trace trace = new Trace(rec, account, l, pf, risk.state(), vix.value(), now());
        trace.market(rapidMoves.get(rec.ticker()), volatility.value(), now());
        trace.breakers(risk.openBreakers());
        trace.gate("R-SIG-5", true, "first evaluation of this id within " + rules.dedupeWindow());

        boolean actionOk = RecommendationEligibility.actionAllowed(rec.action());
        boolean modeOk = RecommendationEligibility.modeAllowed(rec.mode(), account.mode());
        boolean longOnly = AccountConfig.SWING.equals(account.profile())
                && RecommendationEligibility.SELL.equals(rec.action());
        trace.gate(RecommendationEligibility.RULE, actionOk && modeOk && !longOnly,
                !actionOk ? "action '" + rec.action() + "' is not buy or sell"
                        : !modeOk ? "mode '" + rec.mode() + "' not eligible for a "
                                + account.mode() + " account"
                        : longOnly ? "the swing profile opens long positions only"
                        : "action " + rec.action() + ", mode " + rec.mode());
        if (!actionOk || !modeOk || longOnly) {
            skip(decisionId, rec, RecommendationEligibility.RULE, trace, tier);
            return;
        }
        boolean typeAllowed = LiveSignalGate.allows(rec.signalType(), account.mode(),
                rules.allowedLiveSignalTypes(), rules.backtestAllowsAllSignals());
        trace.gate(LiveSignalGate.SKIP_REASON, typeAllowed, "signal type '" + rec.signalType()
                + "' " + (typeAllowed ? "may" : "may not") + " open positions in a "
                + account.mode() + " account");
        if (!typeAllowed) {
            skip(decisionId, rec, LiveSignalGate.SKIP_REASON, trace, tier);
            return;
        }
        boolean held = positions.contains(rec.ticker()) || hasWorkingEntry(rec.ticker());
        trace.gate(POSITION_EXISTS, !held, held ? "a position or entry in " + rec.ticker()
                + " is already open" : "no position in " + rec.ticker());
        if (held) {
            skip(decisionId, rec, POSITION_EXISTS, trace, tier);
            return;
        }
        boolean inWindow = EntryWindow.allows(now(), rules);
        trace.gate(EntryWindow.RULE, inWindow, MarketTime.time(now()) + " within "
                + rules.entryStart() + "-" + rules.entryEnd() + " ET: " + inWindow);
        if (!inWindow) {
            skip(decisionId, rec, EntryWindow.RULE, trace, tier);
            return;
        }
        String today = MarketTime.date(now()).toString();
        String eventKinds = eventDays.get(today);
        GateResult eventDay = EntryGates.eventDay(now(),
                eventKinds == null ? Set.of() : Set.of(MarketTime.date(now())), rp.eventDayCutoff());
        if (gateFails(eventDay, eventKinds == null ? "" : " (" + eventKinds + ")", trace,
                decisionId, rec, tier)) {
            return;
        }
        String vixBlock = vixBlock(rules);
        trace.gate("R-VIX-1", vixBlock == null, vixBlock == null ? vixDetail(rules) : vixBlock);
        if (vixBlock != null) {
            skip(decisionId, rec, "R-VIX-1", trace, tier);
            return;
        }
        List<Position> open = openPositions();
        List<Double> returns = unrealizedReturns(open);
        RiskState rs = risk.state();
        List<GateResult> gates = new ArrayList<>(breakerGates(rec.ticker(), returns, rp));
        gates.add(EntryGates.maxOpenPositions(open.size() + workingEntries(),
                rp.maxOpenPositions()));
        gates.add(EntryGates.dailyTrades(rs.entriesToday(), rs.consecutiveLosses(), rp));
        gates.add(EntryGates.activePool(pf.activePool(), rp.minActivePool()));
        for (GateResult g : gates) {
            if (gateFails(g, "", trace, decisionId, rec, tier)) {
                return;
            }
        }
        MarketTick last = prices.get(rec.ticker());
        Double price = rec.price() != null ? rec.price() : last == null ? null : last.bar().close();
        trace.gate("R-ORD-1", price != null, price == null ? "no signal price and no last price"
                : (rec.price() != null ? "limit at the signal price " : "limit at the last price ")
                        + price);
        if (price == null) {
            skip(decisionId, rec, "R-ORD-1", trace, tier);
            return;
        }
        ExitParams exits = rules.exits();
        // R-MICRO-1: with micro trading on, the ticker stage's intraday signals are micro trades
        boolean micro = exits.microEnabled() && SignalTypes.known(rec.signalType());
        trace.micro(micro);
        if (micro && gateFails(MicroTrades.allows(true, rs.microToday(), exits), "", trace,
                decisionId, rec, tier)) {
            return;
        }
        boolean isLong = RecommendationEligibility.BUY.equals(rec.action());
        Double atr = last == null ? null : last.atr();
        Levels levels = initialLevels(isLong, price, atr, tier, rec.ticker(), micro);

        List<Holding> holdings = new ArrayList<>();
        Map<String, Double> correlations = new LinkedHashMap<>();
        DailyCloses candidate = series(rec.ticker(), rp);
        for (Position p : open) {
            holdings.add(new Holding(p.ticker(), sectorOf(p.ticker()), p.quantity() * mark(p),
                    p.entryPrice(), p.stop()));
            correlations.put(p.ticker(), ReturnCorrelation.pearson(candidate,
                    series(p.ticker(), rp), ReturnCorrelation.MIN_OVERLAP));
        }
        boolean confluence = "confluence".equals(rec.signalType()) && rec.score() != null;
        Integer earningsDays = earningsDays(rec.ticker());
        trace.earnings(earningsDays, rp);
        Sizing sizing = PositionSizer.size(new SizingRequest(rec.confidence(), tier, rules,
                pf.value(), pf.activePool(), pf.cashAvailable(), price, levels.stop(),
                rec.ticker(), sectorOf(rec.ticker()), holdings, correlations, earningsDays,
                confluence ? (int) Math.round(rec.score()) : null,
                confluence ? rec.relVol() : null));
        trace.sizing(sizing.steps());
        if (!sizing.accepted()) {
            skip(decisionId, rec, sizing.rejectedBy(), trace, tier);
            return;
        }
        long quantity = sizing.quantity();
        if (micro) {
            quantity = MicroTrades.capQuantity(quantity, price, pf.activePool(), exits);
            trace.gate(MicroTrades.RULE, quantity > 0, "micro trade: at most "
                    + MicroTrades.maxDollars(pf.activePool(), exits) + " -> " + quantity
                    + " shares");
            if (quantity <= 0) {
                skip(decisionId, rec, MicroTrades.RULE, trace, tier);
                return;
            }
        }
        trace.levels(levels, atr, tier);
        boolean gradual = !micro && Tranches.gradual(quantity * price, pf.activePool(), exits);
        long[] parts = gradual ? Tranches.split(quantity, exits.tranches()) : new long[] {quantity};
        trace.tranches(parts, exits);

        Decision d = new Decision(decisionId, account.id(), rec.id(), rec.ticker(), now(),
                rec.action(), Decision.ACT, null, quantity, price, levels.stop(),
                levels.target(), tier.name(), trace.finish(Decision.ACT, null, quantity));
        recordLatency();
        emit(AccountOutput.of(d));
        risk.onEntry();
        if (micro) {
            risk.onMicroEntry();
        }
        TranchePlan plan = new TranchePlan(decisionId, rec.ticker(), isLong, price, parts, atr,
                tier.name(), rec.confidence(), micro, now());
        placeEntry(plan, 0);
        if (parts.length > 1) {
            tranches.put(decisionId, plan);
            for (int i = 1; i < parts.length; i++) {
                schedule(Tranches.dueAt(now(), i, exits), TRANCHE, decisionId + "|" + i);
            }
        }
        Long exitAt = ForceExit.after(now(), rules);
        if (exitAt != null && l.forceExitAt() == null) {
            schedule(exitAt, FORCE_EXIT, "");
            ledger.update(ledger().withForceExitAt(exitAt));
        }
    }

    /** Sends one entry order of a plan (R-ORD-1; a tranche of a gradual entry, R-ORD-2). */
    private void placeEntry(TranchePlan plan, int index) throws Exception {
        String positionId = OrderIds.entryOrderId(plan.decisionId());
        String orderId = plan.parts().length == 1 ? positionId
                : Tranches.trancheOrderId(plan.decisionId(), index);
        Order order = new Order(orderId, currentKey(), plan.decisionId(), positionId,
                plan.ticker(), plan.isLong() ? "buy" : "sell", Order.LIMIT, plan.parts()[index],
                plan.price(), now(), Order.NEW,
                plan.parts().length == 1 ? "R-ORD-1" : Tranches.RULE + ":" + (index + 1) + "/"
                        + plan.parts().length, now());
        orders.put(orderId, new WorkingOrder(order, plan.atr(), plan.tier(), plan.confidence(),
                0, plan.micro()));
        emit(AccountOutput.of(order));
        // one event-time minute counts as "within 60 s": a bar ending exactly 60 s later may fill
        schedule(now() + risk.rules().entryTimeout().toMillis() + 1, ENTRY_TIMEOUT, orderId);
    }

    /** R-ORD-2: re-runs the entry gates for the next tranche; a failure withdraws the rest. */
    private void nextTranche(String ref) throws Exception {
        int bar = ref.lastIndexOf('|');
        String decisionId = ref.substring(0, bar);
        int index = Integer.parseInt(ref.substring(bar + 1));
        TranchePlan plan = tranches.get(decisionId);
        if (plan == null) {
            return; // withdrawn
        }
        Position held = positions.get(plan.ticker());
        if (held != null && !held.id().equals(OrderIds.entryOrderId(decisionId))) {
            tranches.remove(decisionId);
            withdraw(plan, index, POSITION_EXISTS + ": " + held.id());
            return;
        }
        RuleParams rules = risk.rules();
        List<Double> returns = unrealizedReturns(openPositions());
        String vixBlock = vixBlock(rules);
        GateResult failed = null;
        List<GateResult> gates = new ArrayList<>(List.of(
                new GateResult(EntryWindow.RULE, EntryWindow.allows(now(), rules), "entry window"),
                new GateResult("R-VIX-1", vixBlock == null, String.valueOf(vixBlock))));
        gates.addAll(breakerGates(plan.ticker(), returns, rules.risk()));
        for (GateResult g : gates) {
            if (!g.pass()) {
                failed = g;
                break;
            }
        }
        if (failed == null) {
            placeEntry(plan, index);
        }
        if (failed != null || index == plan.parts().length - 1) {
            tranches.remove(decisionId);
        }
        if (failed != null) {
            withdraw(plan, index, failed.rule() + ": " + failed.detail());
        }
    }

    /** Records the tranches from {@code from} on as withdrawn: never sent (R-ORD-2). */
    private void withdraw(TranchePlan plan, int from, String why) {
        for (int i = from; i < plan.parts().length; i++) {
            String id = Tranches.trancheOrderId(plan.decisionId(), i);
            emit(AccountOutput.of(new Order(id, currentKey(), plan.decisionId(),
                    OrderIds.entryOrderId(plan.decisionId()), plan.ticker(),
                    plan.isLong() ? "buy" : "sell", Order.LIMIT, plan.parts()[i], plan.price(),
                    now(), Order.WITHDRAWN, Tranches.RULE + ":" + why, now())));
        }
    }

    /**
     * Ends a gradual entry whose position is being closed: its working tranches are cancelled
     * and the ones not yet due withdrawn, so no tranche reopens a closed position.
     */
    private void endEntry(Position p, String why) throws Exception {
        String decisionId = "d-" + p.id().substring(2);
        TranchePlan plan = tranches.get(decisionId);
        if (plan == null) {
            return;
        }
        tranches.remove(decisionId);
        for (WorkingOrder wo : workingOrders(p.ticker())) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId()) && p.id().equals(o.positionId())) {
                orders.remove(o.clientOrderId());
                emit(AccountOutput.of(o.withStatus(Order.CANCELLED, Tranches.RULE + ":" + why,
                        now())));
            }
        }
        int next = 1;
        while (next < plan.parts().length
                && Tranches.dueAt(plan.firstTs(), next, risk.rules().exits()) <= now()) {
            next++;
        }
        withdraw(plan, next, why);
    }

    /**
     * Returns the gates an entry and each later tranche pass alike, in order: R-CB-5, R-CB-1,
     * R-CB-3, R-CB-2 (the ticker's cooldown), R-HALT-1.
     */
    private List<GateResult> breakerGates(String ticker, List<Double> returns, RiskParams rp)
            throws Exception {
        return List.of(risk.manualPause(), risk.dailyLoss(), risk.stopOutPause(),
                risk.cooldown(ticker), EntryGates.decliningPositions(returns, rp));
    }

    /** Records a gate in the trace; on failure records the skip and returns true. */
    private boolean gateFails(GateResult g, String note, Trace trace, String decisionId,
            Recommendation rec, TierParams tier) {
        trace.gate(g.rule(), g.pass(), g.detail() + note);
        if (!g.pass()) {
            skip(decisionId, rec, g.rule(), trace, tier);
        }
        return !g.pass();
    }

    /** Returns the ticker's daily closes with today's last close appended (R-SIZE-3). */
    private DailyCloses series(String ticker, RiskParams rp) throws Exception {
        DailyCloses c = closes.get(ticker);
        MarketTick t = prices.get(ticker);
        c = c == null ? DailyCloses.empty() : c;
        return t == null ? c : c.with(MarketTime.date(t.ts()), t.bar().close(),
                rp.correlationDays());
    }

    private String sectorOf(String ticker) throws Exception {
        String s = sectors.get(ticker);
        return s != null ? s : settings.sectors().get(ticker);
    }

    /** Returns the trading days from today to the ticker's next earnings date, or null (R-CAL-2). */
    private Integer earningsDays(String ticker) throws Exception {
        String dates = earnings.get(ticker);
        if (dates == null) {
            return null;
        }
        LocalDate today = MarketTime.date(now());
        for (String d : dates.split(",")) {
            LocalDate date = LocalDate.parse(d);
            if (!date.isBefore(today)) {
                return calendar.covers(date) && calendar.covers(today)
                        ? calendar.tradingDaysBetween(today, date)
                        : (int) (date.toEpochDay() - today.toEpochDay());
            }
        }
        return null;
    }

    private void skip(String decisionId, Recommendation rec, String reason, Trace trace,
            TierParams tier) {
        recordLatency();
        emit(AccountOutput.of(new Decision(decisionId, currentKey(), rec.id(), rec.ticker(), now(),
                rec.action(), Decision.SKIP, reason, 0, null, null, null, tier.name(),
                trace.finish(Decision.SKIP, reason, 0))));
    }

    // ------------------------------------------------------------------ exits and deadlines

    /** Closes a position with a market order, never gated (R-ORD-4). */
    private void placeExit(Position p, String rule, String why) throws Exception {
        placeExit(p, rule, why, p.quantity(), p.decisionId());
    }

    private void placeExit(Position p, String rule, String why, long quantity, String decisionId)
            throws Exception {
        if (quantity >= p.quantity()) {
            endEntry(p, "exit " + rule);
        }
        String id = OrderIds.exitOrderId(p.id(), rule, now());
        String reason = why == null ? rule : rule + ":" + why;
        Order exit = new Order(id, currentKey(), decisionId, p.id(), p.ticker(),
                p.isLong() ? "sell" : "buy", Order.MARKET, quantity, null, now(), Order.NEW,
                reason, now());
        orders.put(id, new WorkingOrder(exit, null, risk.state().tier(), p.confidence(), 0,
                p.micro()));
        positions.put(p.ticker(), p.withExitOrder(id));
        emit(AccountOutput.of(exit));
    }

    private void cancelEntry(String orderId) throws Exception {
        WorkingOrder wo = orders.get(orderId);
        if (wo == null) {
            return; // filled in time
        }
        orders.remove(orderId);
        emit(AccountOutput.of(wo.order().withStatus(Order.CANCELLED, ENTRY_CANCELLED, now())));
    }

    /** R-WIN-2: close every position and cancel every working entry. */
    private void forceExit() throws Exception {
        ledger.update(ledger().withForceExitAt(null));
        for (WorkingOrder wo : workingOrders()) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId()) && wo.filled() == 0) {
                orders.remove(o.clientOrderId());
                emit(AccountOutput.of(o.withStatus(Order.CANCELLED, ForceExit.RULE, now())));
            }
        }
        for (Position p : openPositions()) {
            if (p.exitOrderId() == null) {
                placeExit(p, ForceExit.RULE, null);
            }
        }
    }

    private void ensureSweep(RuleParams rules) throws Exception {
        Ledger l = ledger();
        if (l.sweepAt() == null) {
            long at = now() + rules.dedupeWindow().toMillis();
            schedule(at, DEDUPE_SWEEP, "");
            ledger.update(l.withSweepAt(at));
        }
    }

    private void sweepSeen() throws Exception {
        long window = account().rules().dedupeWindow().toMillis();
        List<String> expired = new ArrayList<>();
        boolean left = false;
        for (Map.Entry<String, Long> e : seen.entries()) {
            if (now() - e.getValue() >= window) {
                expired.add(e.getKey());
            } else {
                left = true;
            }
        }
        for (String id : expired) {
            seen.remove(id);
        }
        ledger.update(ledger().withSweepAt(null));
        if (left) {
            ensureSweep(account().rules());
        }
    }

    /** R-VIX-1: returns why entries are blocked, or null; a stale or missing quote never blocks. */
    private String vixBlock(RuleParams rules) throws Exception {
        VixQuote q = vix.value();
        if (q == null || now() - q.ts() > rules.vixStaleAfter().toMillis()) {
            return null;
        }
        MarketEvent halt = vixHalt.value();
        if (halt == null && q.value() < rules.vixHaltLevel()) {
            return null;
        }
        return "VIX halt: latest quote " + q.value() + ", " + (now() - q.ts()) / 1000 + " s old"
                + (halt == null ? "" : ", halt open since " + MarketTime.iso(halt.ts()))
                + "; no entries at or above " + rules.vixHaltLevel();
    }

    private String vixDetail(RuleParams rules) throws Exception {
        VixQuote q = vix.value();
        if (q == null) {
            return "no VIX quote: does not block";
        }
        long age = (now() - q.ts()) / 1000;
        return now() - q.ts() > rules.vixStaleAfter().toMillis()
                ? "VIX " + q.value() + " is stale (" + age + " s old): does not block"
                : "VIX " + q.value() + " (" + age + " s old) below " + rules.vixHaltLevel();
    }

    // ------------------------------------------------------------------ helpers

    private void recordLatency() {
        if (!isBatch()) {
            decisionLatency.update(Math.max(0, processingTime() - now()));
        }
    }

    private AccountConfig account() {
        AccountConfig a = accounts.get(currentKey());
        if (a == null) {
            throw new IllegalStateException("input routed to unknown account " + currentKey());
        }
        return a;
    }

    private TierParams tier(String name) {
        TierParams t = settings.tier(name);
        if (t == null) {
            throw new IllegalStateException("unknown tier " + name);
        }
        return t;
    }

    private Ledger ledger() throws Exception {
        Ledger l = ledger.value();
        if (l == null) {
            AccountConfig a = account();
            l = new Ledger(a.cash().setScale(MONEY_SCALE, RoundingMode.HALF_EVEN),
                    BigDecimal.ZERO.setScale(MONEY_SCALE), null, null);
            ledger.update(l);
        }
        return l;
    }

    /** Returns the working orders in id order: state iteration order differs between backends. */
    private List<WorkingOrder> workingOrders() throws Exception {
        return workingOrders(null);
    }

    /** Returns the working orders of one ticker (all when null), in id order. */
    private List<WorkingOrder> workingOrders(String ticker) throws Exception {
        List<WorkingOrder> list = new ArrayList<>();
        for (WorkingOrder wo : orders.values()) {
            if (ticker == null || ticker.equals(wo.order().ticker())) {
                list.add(wo);
            }
        }
        list.sort(Comparator.comparing(wo -> wo.order().clientOrderId()));
        return list;
    }

    /** Returns the open positions by ticker: sums must not depend on state iteration order. */
    private List<Position> openPositions() throws Exception {
        List<Position> list = new ArrayList<>();
        positions.values().forEach(list::add);
        list.sort(Comparator.comparing(Position::ticker));
        return list;
    }

    /** Returns whether an entry in the ticker is working or has tranches still to come. */
    private boolean hasWorkingEntry(String ticker) throws Exception {
        for (WorkingOrder wo : orders.values()) {
            Order o = wo.order();
            if (o.ticker().equals(ticker) && OrderIds.isEntry(o.clientOrderId())) {
                return true;
            }
        }
        for (TranchePlan plan : tranches.values()) {
            if (plan.ticker().equals(ticker)) {
                return true;
            }
        }
        return false;
    }

    private Portfolio portfolio(Ledger l) throws Exception {
        double cash = l.cash().doubleValue();
        double longValue = 0;
        double shortValue = 0;
        int open = 0;
        for (Position p : openPositions()) {
            double mark = mark(p);
            if (p.isLong()) {
                longValue += p.quantity() * mark;
            } else {
                shortValue += p.quantity() * mark;
            }
            open++;
        }
        double committed = 0;
        for (WorkingOrder wo : workingOrders()) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId())) {
                committed += (o.quantity() - wo.filled()) * o.limitPrice();
            }
        }
        double value = cash + longValue - shortValue;
        double reserve = risk.reserve().doubleValue();
        // the reserve is held in cash and is not for trading (R-POOL-2)
        return new Portfolio(value, ReservePool.activePool(value, reserve),
                cash - committed - shortValue - reserve, open);
    }

    /** Returns the portfolio value at the last marks, for the risk controls. */
    private double portfolioValue() {
        try {
            return portfolio(ledger()).value();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the account state", e);
        }
    }

    private double mark(Position p) throws Exception {
        MarketTick t = prices.get(p.ticker());
        return t == null ? p.entryPrice() : t.bar().close();
    }

    /** Returns each position's unrealized return at the last marks, signed by side (R-HALT-1). */
    private List<Double> unrealizedReturns(List<Position> open) throws Exception {
        List<Double> returns = new ArrayList<>();
        for (Position p : open) {
            returns.add((mark(p) - p.entryPrice()) / p.entryPrice() * (p.isLong() ? 1 : -1));
        }
        return returns;
    }

    private int workingEntries() throws Exception {
        int n = 0;
        for (WorkingOrder wo : orders.values()) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId())) {
                n++;
            }
        }
        return n;
    }

    private PositionEvent positionEvent(Position p, String status, Double exitPrice,
            String reason) {
        return new PositionEvent(p.id(), currentKey(), p.ticker(), p.side(), p.quantity(),
                p.entryPrice(), p.stop(), p.target(), status, p.openedTs(), now(), exitPrice,
                p.realized().setScale(MONEY_SCALE, RoundingMode.HALF_EVEN), reason);
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Holds the account's marked value, its active pool and the cash it may still commit. */
    record Portfolio(double value, double activePool, double cashAvailable, int openPositions) {}

    /** Builds a decision's JSON trace: the inputs, then every gate and sizing step in order. */
    static final class Trace {
        private final ObjectNode root = JSON.createObjectNode();
        private final ArrayNode gates;

        Trace(Recommendation rec, AccountConfig account, Ledger l, Portfolio pf, RiskState rs,
                VixQuote vix, long now) {
            ObjectNode r = root.putObject("recommendation");
            r.put("id", rec.id());
            r.put("ticker", rec.ticker());
            r.put("action", rec.action());
            r.put("confidence", rec.confidence());
            r.put("signal_type", rec.signalType());
            r.put("mode", rec.mode());
            r.put("generated_at", MarketTime.iso(rec.generatedAt()));
            if (rec.price() != null) {
                r.put("price", rec.price());
            }
            ObjectNode a = root.putObject("account");
            a.put("id", account.id());
            a.put("profile", account.profile());
            a.put("mode", account.mode());
            a.put("tier", rs.tier());
            a.put("cash", l.cash());
            a.put("realized_pnl", l.realizedPnl());
            a.put("portfolio_value", pf.value());
            a.put("reserve", rs.reserve());
            a.put("active_pool", pf.activePool());
            a.put("high_water", rs.highWater());
            a.put("day_start_value", rs.dayStartValue());
            a.put("entries_today", rs.entriesToday());
            a.put("consecutive_losses", rs.consecutiveLosses());
            a.put("cash_available", pf.cashAvailable());
            a.put("open_positions", pf.openPositions());
            if (vix == null) {
                a.putNull("vix");
            } else {
                ObjectNode v = a.putObject("vix");
                v.put("value", vix.value());
                v.put("age_s", (now - vix.ts()) / 1000);
            }
            root.put("micro", false);
            gates = root.putArray("gates");
        }

        void market(RapidMove move, MarketEvent cluster, long now) {
            ObjectNode m = root.putObject("market");
            if (move == null) {
                m.putNull("last_rapid_move");
            } else {
                ObjectNode n = m.putObject("last_rapid_move");
                n.put("ts", MarketTime.iso(move.ts()));
                n.put("change_pct", move.changePct());
                n.put("direction", move.direction());
            }
            m.put("high_severity_event", cluster != null && now < cluster.untilTs());
        }

        void micro(boolean micro) {
            root.put("micro", micro);
        }

        void tranches(long[] parts, ExitParams e) {
            ArrayNode n = root.putArray("tranches");
            for (long q : parts) {
                n.add(q);
            }
            if (parts.length > 1) {
                root.put("tranche_interval", e.trancheInterval().toString());
            }
        }

        void breakers(List<BreakerEvent> open) {
            ArrayNode b = root.putArray("breakers");
            for (BreakerEvent e : open) {
                ObjectNode n = b.addObject();
                n.put("type", e.type());
                n.put("rule", e.reason());
                n.put("since", MarketTime.iso(e.trippedTs()));
                if (e.ticker() != null) {
                    n.put("ticker", e.ticker());
                }
                if (e.cooldownExpires() != null) {
                    n.put("until", MarketTime.iso(e.cooldownExpires()));
                }
            }
        }

        void earnings(Integer tradingDays, RiskParams rp) {
            ObjectNode n = root.putObject("earnings");
            if (tradingDays == null) {
                n.putNull("trading_days");
            } else {
                n.put("trading_days", tradingDays);
            }
            n.put("flag", tradingDays != null && tradingDays <= rp.earningsReduceDays());
        }

        void gate(String rule, boolean pass, String detail) {
            ObjectNode g = gates.addObject();
            g.put("rule", rule);
            g.put("result", pass ? "pass" : "fail");
            g.put("detail", detail);
        }

        void sizing(List<SizingStep> steps) {
            ArrayNode s = root.putArray("sizing");
            for (SizingStep step : steps) {
                ObjectNode n = s.addObject();
                n.put("rule", step.rule());
                n.put("step", step.step());
                n.put("in", step.in());
                n.put("out", step.out());
                n.put("note", step.note());
            }
        }

        void levels(Levels levels, Double atr, TierParams tier) {
            ObjectNode n = root.putObject("levels");
            n.put("rule", levels.rule());
            if (atr == null) {
                n.putNull("atr");
            } else {
                n.put("atr", atr);
            }
            n.put("stop_atr_multiplier", tier.stopAtrMultiplier());
            n.put("reward_risk", tier.rewardRisk());
            n.put("stop", levels.stop());
            n.put("target", levels.target());
        }

        String finish(String decision, String reason, long quantity) {
            root.put("decision", decision);
            if (reason == null) {
                root.putNull("reason");
            } else {
                root.put("reason", reason);
            }
            root.put("quantity", quantity);
            try {
                return JSON.writeValueAsString(root);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
