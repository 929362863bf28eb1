package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.ordering.Cell;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.sizing.Holding;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Takes the account's portfolio snapshots (R-MET-1): every 5 minutes of the regular session and at
 * its close, in event time. A market date's first price schedules the date's first snapshot; each
 * snapshot schedules the next, up to the close (so a day without prices has none, and a replay
 * that ends mid-day still takes the rest of that day's, with the last marks). A snapshot at time
 * {@code t} runs just after it, so the bar that ends at {@code t} is in it.
 */
final class Snapshots {
    static final String SNAPSHOT = "snapshot";
    static final long INTERVAL = 5 * 60_000L;

    private final EngineContext ctx;
    private final AccountBook book;
    private final AccountRisk risk;
    private final TradingCalendar calendar;
    private final Cell<Double> maxDrawdown;
    /** The market date whose snapshots are scheduled. */
    private final Cell<String> day;

    Snapshots(AccountStore store, EngineContext ctx, AccountBook book, AccountRisk risk,
            TradingCalendar calendar) {
        this.ctx = ctx;
        this.book = book;
        this.risk = risk;
        this.calendar = calendar;
        maxDrawdown = store.cell("max-drawdown", Double.class);
        day = store.cell("snapshot-day", String.class);
    }

    /** Schedules the date's first snapshot at its first price, if the date trades. */
    void onTick() {
        String today = MarketTime.dateText(ctx.now());
        if (today.equals(day.get())) {
            return;
        }
        day.set(today);
        LocalDate date = MarketTime.date(ctx.now());
        LocalTime close = calendar.covers(date) ? calendar.closeTime(date) : null;
        if (close == null) {
            return;
        }
        long open = MarketTime.epochMillis(date, TradingCalendar.OPEN);
        long end = MarketTime.epochMillis(date, close);
        // the first interval's end at or after now (now is the first input's time)
        long first = Math.max(open + INTERVAL,
                open + Math.floorDiv(ctx.now() - open + INTERVAL - 1, INTERVAL) * INTERVAL);
        schedule(Math.min(first, end));
    }

    /** Takes the snapshot {@code ref} names and schedules the next one of its date. */
    void onDeadline(String ref) throws Exception {
        long at = Long.parseLong(ref);
        LocalDate date = MarketTime.date(at);
        long end = MarketTime.epochMillis(date, calendar.closeTime(date));
        ctx.emit(AccountOutput.of(take(at, at == end)));
        if (at < end) {
            schedule(Math.min(at + INTERVAL, end));
        }
    }

    private void schedule(long at) {
        if (at + 1 >= ctx.now()) {
            ctx.schedule(at + 1, SNAPSHOT, Long.toString(at));
        }
    }

    private PortfolioSnapshot take(long at, boolean close) throws Exception {
        Ledger l = book.ledger();
        AccountBook.Portfolio pf = book.portfolio(l);
        RiskState rs = risk.state();
        double positions = 0;
        double unrealized = 0;
        double atRisk = 0;
        for (Position p : book.openPositions()) {
            double mark = book.mark(p);
            double sign = p.isLong() ? 1 : -1;
            positions += sign * p.quantity() * mark;
            unrealized += sign * p.quantity() * (mark - p.entryPrice());
            atRisk += new Holding(p.ticker(), book.sectorOf(p.ticker()), p.quantity() * mark,
                    p.entryPrice(), p.stop()).heat();
        }
        double value = pf.value();
        double drawdown = rs.highWater() > 0 ? Math.max(0, 1 - value / rs.highWater()) : 0;
        Double before = maxDrawdown.get();
        double max = before == null ? drawdown : Math.max(before, drawdown);
        maxDrawdown.set(max);
        String account = book.account().id();
        return new PortfolioSnapshot(account + "@" + MarketTime.iso(at), account, at, close,
                value, l.cash(), pf.activePool(), rs.reserve(), positions, unrealized,
                l.realizedPnl(), value - rs.dayStartValue(), value > 0 ? atRisk / value : 0,
                drawdown, max, rs.tier(), risk.openBreakers().size(), pf.openPositions());
    }
}
