package io.tradeflow.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.ordering.Cell;
import io.tradeflow.rules.calendar.ForceExit;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.watchdog.StallWatch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live market-data watchdog of one account, part of {@link Account}: the one component that
 * reads the wall clock (from the live job's processing-time timers; backtests never call it). It
 * alerts on a stall and, when the stall spans the force-exit time, closes the positions itself
 * (R-WIN-2 by the wall clock, {@link StallWatch}).
 */
final class Watchdog {
    private final AccountBook book;
    private final AccountRisk risk;
    private final ExitManager exits;
    private final EngineContext ctx;
    private final TradingCalendar calendar;
    /** The event time at which the last stall alert was raised. */
    private final Cell<Long> stallAlerted;
    /** Whether the account's event time has come near the wall clock: a live feed. */
    private final Cell<Boolean> feedLive;

    Watchdog(AccountStore store, AccountBook book, AccountRisk risk, ExitManager exits,
            EngineContext ctx, TradingCalendar calendar) {
        this.book = book;
        this.risk = risk;
        this.exits = exits;
        this.ctx = ctx;
        this.calendar = calendar;
        stallAlerted = store.cell("stall-alerted", Long.class);
        feedLive = store.cell("feed-live", Boolean.class);
    }

    /**
     * Looks at the clocks at wall-clock time {@code wall} ({@link EngineContext#now()} is the
     * account's event time): one alert per stall (a notification
     * naming the event time it stalled at), and R-WIN-2 by the wall clock when the stall spans
     * the force-exit time ({@link StallWatch}). It watches a live feed only: from the first time
     * the account's event time came within {@code limit} of the wall clock (kept in state, so a
     * restored job that was live goes on watching while it catches up); a replay of history is
     * never judged.
     */
    void onWallClock(long wall, Duration limit) {
        if (!Boolean.TRUE.equals(feedLive.get())) {
            if (wall - ctx.now() > limit.toMillis()) {
                return;
            }
            feedLive.set(true);
        }
        StallWatch.Verdict v = StallWatch.check(wall, ctx.now(), limit, risk.rules().forceExit(),
                calendar);
        if (!v.alert()) {
            return;
        }
        Long alerted = stallAlerted.get();
        if (alerted == null || alerted != ctx.now()) {
            stallAlerted.set(ctx.now());
            risk.alert(StallWatch.ALERT, MarketTime.iso(ctx.now()), "market data stalled: event "
                    + "time " + MarketTime.iso(ctx.now()) + " is " + v.stalledMs() / 1000
                    + " s behind the wall clock " + MarketTime.iso(wall) + " in market hours "
                    + "(input.stall-alert-after " + limit + ")");
        }
        if (v.flatten() && !book.positions.isEmpty()) {
            Map<String, Object> stall = new LinkedHashMap<>();
            stall.put("event_time", MarketTime.iso(ctx.now()));
            stall.put("wall_clock", MarketTime.iso(wall));
            stall.put("stalled_ms", v.stalledMs());
            stall.put("stall_alert_after", limit.toString());
            flatten(stall);
        }
    }

    /**
     * R-WIN-2 by the wall clock (live watchdog): the market data stalled across the force-exit
     * time, so the event-time force exit cannot fire; every open position closes now at market,
     * each with a decision whose trace names the stall, and every working entry is cancelled.
     *
     * @param stall the stall's facts for the traces: event time, wall clock, how long, the limit
     */
    private void flatten(Map<String, Object> stall) {
        exits.cancelWorkingEntries(ForceExit.RULE + ":stall");
        String tier = risk.state().tier();
        for (Position p : book.openPositions()) {
            if (p.exitOrderId() != null) {
                continue;
            }
            String decisionId = OrderIds.decisionId(ctx.account(), "stall-exit:" + p.ticker(),
                    ctx.now());
            ObjectNode trace = JsonNodeFactory.instance.objectNode();
            trace.put("rule", ForceExit.RULE);
            trace.put("reason", "market_data_stall");
            trace.put("ticker", p.ticker());
            trace.put("quantity", p.quantity());
            stall.forEach((k, v) -> trace.putPOJO(k, v));
            ctx.emit(AccountOutput.of(new Decision(decisionId, ctx.account(), null, p.ticker(),
                    ctx.now(), p.isLong() ? "sell" : "buy", Decision.ACT, ForceExit.RULE,
                    p.quantity(), null, null, null, tier, trace.toString())));
            exits.placeExit(p, ForceExit.RULE, "stall", p.quantity(), decisionId);
        }
    }
}
