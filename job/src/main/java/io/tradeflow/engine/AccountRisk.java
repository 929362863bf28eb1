package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.Notification;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TierChange;
import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.Deadline;
import io.tradeflow.ordering.Table;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.breakers.CircuitBreakers;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.gates.GateResult;
import io.tradeflow.rules.pool.ReservePool;
import io.tradeflow.rules.tiers.RiskTierController.Metrics;
import io.tradeflow.rules.tiers.RiskTierController.TierDecision;
import io.tradeflow.rules.tiers.RiskTierController.TradeOutcome;
import io.tradeflow.rules.tiers.RiskTierController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Keeps an account's risk controls (part of {@link Account}, on its store): the tier
 * and its run-time rule overrides, the circuit breakers (R-CB-1, R-CB-2, R-CB-4, R-CB-5), the
 * reserve pool (R-POOL-1, R-POOL-4, R-POOL-5), the day's counters (R-DAY-1) and the tier controller
 * at each close (R-RISK-1); applies control commands and audits them. Every change is an output
 * row; nothing here reads the wall clock.
 */
final class AccountRisk {
    static final String BREAKER_END = "breaker-end";
    static final String MARKET_CLOSE = "market-close";
    static final String CONSERVATIVE = "conservative";
    private static final int MONEY_SCALE = 4;

    private final EngineContext ctx;
    private final EngineSettings settings;
    private final Map<String, AccountConfig> accounts;
    private final TradingCalendar calendar;
    /** R-CB-1's detail while no day loss halts entries, kept with what it was printed from. */
    private double dailyLossDayStart;
    private double dailyLossLimit;
    private String dailyLossDetail;
    private final Cell<RiskState> state;
    private final Table<BreakerEvent> breakers;
    private final Table<TradeOutcome> outcomes;
    private final Table<String> overrides;
    /** Effective rules per account: its configuration with the control overrides applied. */
    private final Map<String, RuleParams> rulesCache = new HashMap<>();

    AccountRisk(EngineContext ctx, EngineSettings settings, Map<String, AccountConfig> accounts,
            TradingCalendar calendar, AccountStore store) {
        this.ctx = ctx;
        this.settings = settings;
        this.accounts = accounts;
        this.calendar = calendar;
        state = store.cell("risk", RiskState.class);
        breakers = store.table("breakers", BreakerEvent.class);
        outcomes = store.table("outcomes", TradeOutcome.class);
        overrides = store.table("rule-overrides", String.class);
    }

    // ------------------------------------------------------------------ state

    RiskState state() {
        RiskState s = state.get();
        if (s == null) {
            AccountConfig a = account();
            s = new RiskState(a.tier(), BigDecimal.ZERO.setScale(MONEY_SCALE), a.cash().doubleValue(),
                    null, a.cash().doubleValue(), 0, 0, false, false, 0, null);
            state.set(s);
        }
        return s;
    }

    /** Returns the account's rules with the run-time overrides of control {@code set} commands. */
    RuleParams rules() {
        String id = ctx.account();
        RuleParams cached = rulesCache.get(id);
        if (cached != null) {
            return cached;
        }
        RuleParams r = account().rules();
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : overrides.entries()) {
            sorted.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            r = RuleKeys.set(r, e.getKey(), e.getValue());
        }
        rulesCache.put(id, r);
        return r;
    }

    RiskParams params() {
        return rules().risk();
    }

    TierParams tier() {
        String name = state().tier();
        TierParams t = settings.tier(name);
        if (t == null) {
            throw new IllegalStateException("unknown tier " + name);
        }
        return t;
    }

    BigDecimal reserve() {
        return state().reserve();
    }

    // ------------------------------------------------------------------ the day

    /** Starts a new market date at its first event: resets the counters, schedules the close. */
    void roll(DoubleSupplier value) {
        RiskState s = state();
        if (MarketTime.dateText(ctx.now()).equals(s.day())) {
            return;
        }
        LocalDate date = MarketTime.date(ctx.now());
        state.set(s.withDay(date.toString(), value.getAsDouble()));
        LocalTime close = calendar.covers(date) ? calendar.closeTime(date) : null;
        if (close != null) {
            // the first instant after the close, so the bar ending at the close is included
            long at = MarketTime.epochMillis(date, close) + 1;
            if (at >= ctx.now()) {
                ctx.schedule(at, MARKET_CLOSE, date.toString());
            }
        }
    }

    void onEntry() {
        RiskState s = state();
        state.set(s.withCounters(s.entriesToday() + 1, s.consecutiveLosses()));
    }

    // ------------------------------------------------------------------ value, closes, pool

    /** Updates the high-water mark and checks the daily-loss breaker and the emergency release. */
    void onValue(double value) {
        RiskState s = state();
        if (value > s.highWater()) {
            s = s.withHighWater(value);
            state.set(s);
        }
        RiskParams r = params();
        if (!breakers.contains(BreakerEvent.DAILY_LOSS)
                && CircuitBreakers.dailyLossTrips(s.dayStartValue(), value, r.dailyLossPct())) {
            trip(BreakerEvent.DAILY_LOSS, null, r.dailyLossPct(),
                    CircuitBreakers.dayLoss(s.dayStartValue(), value),
                    CircuitBreakers.dailyLossExpiry(ctx.now(), calendar), "R-CB-1");
        }
        boolean emergency = ReservePool.emergency(s.highWater(), value, r.emergencyDrawdownPct());
        if (emergency && !s.emergency()) {
            release(s, value);
        } else if (!emergency && s.emergency()) {
            state.set(state().withFlags(false, state().highWaterAlerted()));
        }
    }

    /** R-POOL-4: releases the whole reserve into the active pool and sets the tier conservative. */
    private void release(RiskState s, double value) {
        double drawdown = ReservePool.drawdown(s.highWater(), value);
        BigDecimal reserve = s.reserve();
        if (reserve.signum() > 0) {
            ctx.emit(AccountOutput.of(new ReserveEntry(id("release", ""), ctx.account(),
                    ReserveEntry.RELEASE, reserve.negate(), BigDecimal.ZERO.setScale(MONEY_SCALE),
                    null, null, "R-POOL-4", ctx.now())));
        }
        state.set(s.withReserve(BigDecimal.ZERO.setScale(MONEY_SCALE)).withFlags(true, false));
        notify("emergency_release", "", String.format(
                "drawdown %.2f%% from the high-water mark %.2f beyond %.2f%%: reserve %s released,"
                        + " tier %s", drawdown * 100, s.highWater(),
                params().emergencyDrawdownPct() * 100, reserve.toPlainString(), CONSERVATIVE));
        if (!CONSERVATIVE.equals(s.tier())) {
            changeTier(CONSERVATIVE, "R-POOL-4", metrics(value), value);
        }
    }

    /**
     * Books a closed position: its outcome for the win rate and the loss streak (R-DAY-1), the
     * reserve siphon of a profit (R-POOL-1) and the reserve high-water notification (R-POOL-5).
     */
    void onClosed(String positionId, BigDecimal realized, double value) {
        RiskState s = state();
        outcomes.put(positionId, new TradeOutcome(ctx.now(), realized.signum() > 0));
        int losses = realized.signum() < 0 ? s.consecutiveLosses() + 1
                : realized.signum() > 0 ? 0 : s.consecutiveLosses();
        s = s.withCounters(s.entriesToday(), losses);
        RiskParams r = params();
        BigDecimal siphon = ReservePool.siphon(realized, r.reserveSiphonPct());
        if (siphon.signum() > 0) {
            BigDecimal after = s.reserve().add(siphon).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
            s = s.withReserve(after);
            ctx.emit(AccountOutput.of(new ReserveEntry(id("siphon", positionId), ctx.account(),
                    ReserveEntry.SIPHON, siphon, after, positionId, realized, "R-POOL-1",
                    ctx.now())));
        }
        boolean high = ReservePool.highWaterAlert(s.reserve().doubleValue(), value,
                r.reserveHighWaterPct());
        if (high && !s.highWaterAlerted()) {
            notify("reserve_high_water", positionId, String.format(
                    "reserve %s is above %.0f%% of the portfolio value %.2f (R-POOL-5)",
                    s.reserve().toPlainString(), r.reserveHighWaterPct() * 100, value));
        }
        state.set(s.withFlags(s.emergency(), high));
    }

    // ------------------------------------------------------------------ breakers

    /** R-CB-2: closes are the engine's; this trips the ticker's cooldown. */
    void positionLoss(String ticker, double loss) {
        RiskParams r = params();
        BreakerEvent open = breakers.get(key(BreakerEvent.POSITION_LOSS, ticker));
        if (open != null) {
            return;
        }
        trip(BreakerEvent.POSITION_LOSS, ticker, r.positionLossPct(), loss,
                CircuitBreakers.cooldownExpiry(ctx.now(), r.positionCooldown()), "R-CB-2");
    }

    /** R-CB-3: a cluster of stop-outs pauses entries; a cluster during the pause changes nothing. */
    void stopOutCluster(StopOutCluster c) {
        RiskParams r = params();
        BreakerEvent open = breakers.get(BreakerEvent.STOP_OUTS);
        if (open != null && CircuitBreakers.active(open.cooldownExpires(), ctx.now())) {
            return;
        }
        trip(BreakerEvent.STOP_OUTS, null, (double) r.stopOutCount(), (double) c.count(),
                ctx.now() + r.stopOutPause().toMillis(), "R-CB-3");
    }

    GateResult stopOutPause() {
        BreakerEvent b = breakers.get(BreakerEvent.STOP_OUTS);
        boolean active = b != null && CircuitBreakers.active(b.cooldownExpires(), ctx.now());
        return new GateResult("R-CB-3", !active, active
                ? b.actual().intValue() + " stop-outs within " + params().stopOutWindow()
                        + ": entries paused until " + MarketTime.iso(b.cooldownExpires())
                : "no stop-out cluster");
    }

    void onMicroEntry() {
        RiskState s = state();
        state.set(s.withMicro(s.microToday() + 1));
    }

    void rebalanced() {
        state.set(state().withRebalance(ctx.now()));
    }

    /** Raises a notification (R-NOTE-1) for the engine, e.g. a rapid-move alert (R-MOVE-1). */
    void alert(String kind, String ref, String message) {
        notify(kind, ref, message);
    }

    GateResult cooldown(String ticker) {
        BreakerEvent b = breakers.get(key(BreakerEvent.POSITION_LOSS, ticker));
        boolean active = b != null && CircuitBreakers.active(b.cooldownExpires(), ctx.now());
        return new GateResult("R-CB-2", !active, active
                ? ticker + " cools down until " + MarketTime.iso(b.cooldownExpires())
                        + " after a loss of " + pct(b.actual())
                : "no cooldown on " + ticker);
    }

    GateResult manualPause() {
        BreakerEvent b = breakers.get(BreakerEvent.MANUAL);
        return new GateResult("R-CB-5", b == null, b == null ? "not paused"
                : "paused by " + ("R-CB-5".equals(b.reason()) ? "control" : b.reason()) + " at "
                        + MarketTime.iso(b.trippedTs()));
    }

    /**
     * Pauses entries until a control {@code resume} (R-CB-5), as a control {@code pause} does;
     * {@code rule} is why (R-CB-5 for a command, R-FILL-1 for a fill that puts the book in
     * doubt). Returns false when the account was paused already.
     */
    boolean pause(String rule) {
        if (breakers.contains(BreakerEvent.MANUAL)) {
            return false;
        }
        trip(BreakerEvent.MANUAL, null, null, null, null, rule);
        return true;
    }

    GateResult dailyLoss() {
        BreakerEvent b = breakers.get(BreakerEvent.DAILY_LOSS);
        boolean active = b != null && CircuitBreakers.active(b.cooldownExpires(), ctx.now());
        if (active) {
            return new GateResult("R-CB-1", false, "day loss " + pct(b.actual()) + " beyond "
                    + pct(b.threshold()) + ": entries halted until "
                    + MarketTime.iso(b.cooldownExpires()));
        }
        double dayStart = state().dayStartValue();
        double limit = params().dailyLossPct();
        // the same all day: printed in decimal once, not for every signal
        if (Double.compare(dayStart, dailyLossDayStart) != 0
                || Double.compare(limit, dailyLossLimit) != 0
                || dailyLossDetail == null) {
            dailyLossDetail = "day start value " + round(dayStart) + ", limit " + pct(limit);
            dailyLossDayStart = dayStart;
            dailyLossLimit = limit;
        }
        return new GateResult("R-CB-1", true, dailyLossDetail);
    }

    /** Returns the open breakers, for the decision trace. */
    List<BreakerEvent> openBreakers() {
        List<BreakerEvent> list = new ArrayList<>();
        breakers.values().forEach(list::add);
        list.sort((a, b) -> a.id().compareTo(b.id()));
        return list;
    }

    private void trip(String type, String ticker, Double threshold, Double actual, Long expires,
            String rule) {
        String k = key(type, ticker);
        BreakerEvent b = new BreakerEvent(
                CircuitBreakers.breakerId(ctx.account(), type, ticker, ctx.now()), ctx.account(),
                type, BreakerEvent.TRIPPED, threshold, actual, ticker, expires, ctx.now(), null,
                rule);
        breakers.put(k, b);
        ctx.emit(AccountOutput.of(b));
        notify("breaker_tripped", b.id(), rule + " " + type + (ticker == null ? "" : " " + ticker)
                + (actual == null ? "" : ": " + pct(actual) + " beyond " + pct(threshold))
                + (expires == null ? "" : ", until " + MarketTime.iso(expires)));
        if (expires != null) {
            ctx.schedule(expires, BREAKER_END, k);
        }
    }

    private void resolve(String k, String why) {
        BreakerEvent b = breakers.get(k);
        breakers.remove(k);
        BreakerEvent done = b.resolved(ctx.now(), why);
        ctx.emit(AccountOutput.of(done));
        notify("breaker_resolved", b.id(), b.reason() + " " + b.type()
                + (b.ticker() == null ? "" : " " + b.ticker()) + " resolved: " + why);
    }

    // ------------------------------------------------------------------ deadlines

    void onDeadline(Deadline d, DoubleSupplier value) {
        switch (d.kind()) {
            case BREAKER_END -> {
                BreakerEvent b = breakers.get(d.ref());
                // a breaker re-tripped later has its own deadline; only the current one ends here
                if (b != null && b.cooldownExpires() != null && b.cooldownExpires() == d.at()) {
                    resolve(d.ref(), "expired");
                }
            }
            case MARKET_CLOSE -> atClose(value.getAsDouble());
            default -> throw new IllegalStateException("unknown deadline " + d);
        }
    }

    /** R-RISK-1: the tier controller at the close, on the metrics of the last window. */
    private void atClose(double value) {
        RiskParams r = params();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, TradeOutcome> e : outcomes.entries()) {
            if (e.getValue().closedTs() <= ctx.now() - r.winRateWindow().toMillis()) {
                expired.add(e.getKey());
            }
        }
        for (String k : expired) {
            outcomes.remove(k);
        }
        Metrics m = metrics(value);
        TierDecision d = RiskTierController.atClose(state().tier(), m, r);
        if (d.changed()) {
            changeTier(d.to(), d.reason(), m, value);
        }
    }

    private Metrics metrics(double value) {
        RiskParams r = params();
        List<TradeOutcome> list = new ArrayList<>();
        outcomes.values().forEach(list::add);
        RiskState s = state();
        double reservePct = value > 0 ? s.reserve().doubleValue() / value : 0;
        return new Metrics(RiskTierController.winRate(list, ctx.now(), r.winRateWindow()),
                ReservePool.drawdown(s.highWater(), value), reservePct);
    }

    private void changeTier(String to, String reason, Metrics m, double value) {
        RiskState s = state();
        ctx.emit(AccountOutput.of(new TierChange(id("tier", reason), ctx.account(), s.tier(), to,
                reason, m.winRate(), m.drawdown(), m.reservePct(), value, ctx.now())));
        notify("tier_change", reason, "tier " + s.tier() + " -> " + to + " (" + reason + ")");
        state.set(s.withTier(to));
    }

    // ------------------------------------------------------------------ control (R-CB-5)

    /** Ends a pause (R-CB-5); returns false when the account was not paused. */
    boolean resume(String by) {
        if (!breakers.contains(BreakerEvent.MANUAL)) {
            return false;
        }
        resolve(BreakerEvent.MANUAL, "resume by " + by);
        return true;
    }

    /**
     * Ends a pause that {@code rule} began (R-CB-5), e.g. a reconciliation break (R-REC-2) once
     * the broker's state is adopted; returns false when not paused, or paused for another reason.
     */
    boolean resumeIfPausedBy(String rule, String by) {
        BreakerEvent b = breakers.get(BreakerEvent.MANUAL);
        if (b == null || !rule.equals(b.reason())) {
            return false;
        }
        resolve(BreakerEvent.MANUAL, "resume by " + by);
        return true;
    }

    /** Sets the tier by control, recorded with the metrics of now; false for an unknown tier. */
    boolean setTier(String tier, double value) {
        if (tier == null || settings.tier(tier) == null) {
            return false;
        }
        if (!tier.equals(state().tier())) {
            changeTier(tier, "control", metrics(value), value);
        }
        return true;
    }

    /** Overrides one rule key of the account's rules from now on (a checked control set). */
    void override(String key, String value) {
        overrides.put(key, value);
        rulesCache.remove(ctx.account());
    }

    // ------------------------------------------------------------------ helpers

    private void notify(String kind, String ref, String message) {
        ctx.emit(AccountOutput.of(new Notification(id(kind, ref), ctx.account(), kind, message,
                ctx.now())));
    }

    private String id(String kind, String ref) {
        return ctx.account() + ":" + kind + ":" + ref + ":" + ctx.now();
    }

    private static String key(String type, String ticker) {
        return ticker == null ? type : type + ":" + ticker;
    }

    private AccountConfig account() {
        AccountConfig a = accounts.get(ctx.account());
        if (a == null) {
            throw new IllegalStateException("input routed to unknown account " + ctx.account());
        }
        return a;
    }

    private static String pct(Double fraction) {
        return fraction == null ? "-" : Fractions.fixed(fraction * 100, 2) + "%";
    }

    private static String round(double v) {
        return Fractions.fixed(v, 2);
    }
}
