package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.CalendarEvent;
import io.tradeflow.event.Fill;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.Table;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.correlation.DailyCloses;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.pool.ReservePool;
import io.tradeflow.rules.stops.Levels;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Holds an account's book, Flink-free: its positions, working orders, cash ledger and last prices,
 * what the market told it (daily closes, sectors, event and earnings calendars, VIX, market
 * events), and its valuation at the last marks (R-POOL-2). It decides nothing: the entry pipeline,
 * the exit manager and the tranche scheduler read and change it.
 */
final class AccountBook {
    static final int MONEY_SCALE = 4;

    final Table<Position> positions;
    final Table<WorkingOrder> orders;
    final Table<MarketTick> prices;
    final Table<DailyCloses> closes;
    final Table<String> sectors;
    final Table<String> eventDays;
    final Table<String> earnings;
    final Table<Long> seen;
    final Table<RapidMove> rapidMoves;
    /** The gradual entries with tranches still to come, by decision id (R-ORD-2). */
    final Table<TranchePlan> plans;
    final Cell<Ledger> ledger;
    final Cell<VixQuote> vix;
    final Cell<MarketEvent> vixHalt;
    final Cell<MarketEvent> volatility;
    /** The earliest time an open position's price may be stale (R-STOP-8), or null. */
    final Cell<Long> staleCheck;
    /** The latest quote of every option series, by {@link #seriesKey} (R-OPT-3, R-OPT-4). */
    final Table<OptionQuote> optionQuotes;
    /** The market date whose expired series were last dropped from {@link #optionQuotes}. */
    final Cell<String> optionQuotesDay;

    private final EngineContext ctx;
    private final EngineSettings settings;
    private final Map<String, AccountConfig> accounts;
    private final TradingCalendar calendar;
    private AccountRisk risk;
    private OptionTrades options;

    AccountBook(AccountStore store, EngineContext ctx, EngineSettings settings,
            Map<String, AccountConfig> accounts, TradingCalendar calendar) {
        this.ctx = ctx;
        this.settings = settings;
        this.accounts = accounts;
        this.calendar = calendar;
        positions = store.table("positions", Position.class);
        orders = store.table("orders", WorkingOrder.class);
        prices = store.table("prices", MarketTick.class);
        closes = store.table("daily-closes", DailyCloses.class);
        sectors = store.table("sectors", String.class);
        eventDays = store.table("event-days", String.class);
        earnings = store.table("earnings", String.class);
        seen = store.table("seen", Long.class);
        rapidMoves = store.table("rapid-moves", RapidMove.class);
        plans = store.table("tranches", TranchePlan.class);
        ledger = store.cell("ledger", Ledger.class);
        vix = store.cell("vix", VixQuote.class);
        vixHalt = store.cell("vix-halt", MarketEvent.class);
        volatility = store.cell("volatility", MarketEvent.class);
        staleCheck = store.cell("stale-check", Long.class);
        optionQuotes = store.table("option-quotes", OptionQuote.class);
        optionQuotesDay = store.cell("option-quotes-day", String.class);
    }

    /** Returns the key of an option series: underlying, expiry, right and strike. */
    static String seriesKey(String underlying, String expiry, String right,
            long strikeThousandths) {
        return underlying + ' ' + expiry + ' ' + right + ' ' + strikeThousandths;
    }

    /**
     * Records an option quote as its series' latest; on a quote of a new market date, first drops
     * the series that expired before that date.
     */
    void onOptionQuote(OptionQuote q) {
        String day = MarketTime.date(q.ts()).toString();
        if (!day.equals(optionQuotesDay.get())) {
            optionQuotes.removeIf(old -> old.expiry().compareTo(day) < 0);
            optionQuotesDay.set(day);
        }
        optionQuotes.put(seriesKey(q.underlying(), q.expiry(), q.right(), q.strikeThousandths()),
                q);
    }

    /** Returns the latest quote of a series, or {@code null}. */
    OptionQuote optionQuote(String underlying, String expiry, String right,
            long strikeThousandths) {
        return optionQuotes.get(seriesKey(underlying, expiry, right, strikeThousandths));
    }

    /** Binds the risk controls, whose reserve the valuation needs (they need the value back). */
    void bind(AccountRisk accountRisk) {
        this.risk = accountRisk;
    }

    /** Binds the option trades, which price the contracts an options account holds (R-OPT-4). */
    void bind(OptionTrades optionTrades) {
        this.options = optionTrades;
    }

    /** Records a bar's price; at a new market date the previous close is the day's (R-SIZE-3). */
    MarketTick onPrice(MarketTick tick) {
        MarketTick previous = prices.get(tick.ticker());
        if (previous != null && !MarketTime.date(previous.ts()).equals(MarketTime.date(tick.ts()))) {
            DailyCloses c = closes.get(tick.ticker());
            closes.put(tick.ticker(), (c == null ? DailyCloses.empty() : c).with(
                    MarketTime.date(previous.ts()), previous.bar().close(),
                    risk.params().correlationDays()));
        }
        prices.put(tick.ticker(), tick);
        return previous;
    }

    AccountConfig account() {
        AccountConfig a = accounts.get(ctx.account());
        if (a == null) {
            throw new IllegalStateException("input routed to unknown account " + ctx.account());
        }
        return a;
    }

    TierParams tier(String name) {
        TierParams t = settings.tier(name);
        if (t == null) {
            throw new IllegalStateException("unknown tier " + name);
        }
        return t;
    }

    Ledger ledger() {
        Ledger l = ledger.get();
        if (l == null) {
            AccountConfig a = account();
            l = new Ledger(a.cash().setScale(MONEY_SCALE, RoundingMode.HALF_EVEN),
                    BigDecimal.ZERO.setScale(MONEY_SCALE), null, null);
            ledger.set(l);
        }
        return l;
    }

    /** Returns the working orders in id order: state iteration order differs between backends. */
    List<WorkingOrder> workingOrders() {
        return workingOrders(null);
    }

    /** Returns the working orders of one ticker (all when null), in id order. */
    List<WorkingOrder> workingOrders(String ticker) {
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
    List<Position> openPositions() {
        List<Position> list = new ArrayList<>();
        positions.values().forEach(list::add);
        list.sort(Comparator.comparing(Position::ticker));
        return list;
    }

    Portfolio portfolio(Ledger l) {
        double cash = l.cash().doubleValue();
        double longValue = 0;
        double shortValue = 0;
        int open = 0;
        for (Position p : openPositions()) {
            double mark = mark(p);
            if (p.isLong()) {
                longValue += p.quantity() * p.multiplier() * mark;
            } else {
                shortValue += p.quantity() * p.multiplier() * mark;
            }
            open++;
        }
        double committed = 0;
        for (WorkingOrder wo : workingOrders()) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId())) {
                committed += (o.quantity() - wo.filled()) * wo.multiplier() * o.limitPrice();
            }
        }
        double value = cash + longValue - shortValue;
        double reserve = risk.reserve().doubleValue();
        // the reserve is held in cash and is not for trading (R-POOL-2)
        return new Portfolio(value, ReservePool.activePool(value, reserve),
                cash - committed - shortValue - reserve, open);
    }

    /** Returns the portfolio value at the last marks, for the risk controls. */
    double portfolioValue() {
        try {
            return portfolio(ledger()).value();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the account state", e);
        }
    }

    double mark(Position p) {
        if (p.option()) {
            return options.mark(p);
        }
        MarketTick t = prices.get(p.ticker());
        return t == null ? p.entryPrice() : t.bar().close();
    }

    /** Returns each position's unrealized return at the last marks, signed by side (R-HALT-1). */
    List<Double> unrealizedReturns(List<Position> open) {
        List<Double> returns = new ArrayList<>();
        for (Position p : open) {
            returns.add((mark(p) - p.entryPrice()) / p.entryPrice() * (p.isLong() ? 1 : -1));
        }
        return returns;
    }

    int workingEntries() {
        int n = 0;
        for (WorkingOrder wo : orders.values()) {
            if (OrderIds.isEntry(wo.order().clientOrderId())) {
                n++;
            }
        }
        return n;
    }

    PositionEvent positionEvent(Position p, String status, Double exitPrice,
            String reason) {
        // an option position on the premium stop alone has no target (NaN): none is written
        return new PositionEvent(p.id(), ctx.account(), p.ticker(), p.side(), p.quantity(),
                p.entryPrice(), p.stop(), Double.isNaN(p.target()) ? null : p.target(), status,
                p.openedTs(), ctx.now(), exitPrice,
                p.realized().setScale(MONEY_SCALE, RoundingMode.HALF_EVEN), reason,
                p.instrument(), p.modelled());
    }

    static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Returns the ticker's daily closes with today's last close appended (R-SIZE-3). */
    DailyCloses series(String ticker, RiskParams rp) {
        DailyCloses c = closes.get(ticker);
        MarketTick t = prices.get(ticker);
        c = c == null ? DailyCloses.empty() : c;
        return t == null ? c : c.with(MarketTime.date(t.ts()), t.bar().close(),
                rp.correlationDays());
    }

    String sectorOf(String ticker) {
        String s = sectors.get(ticker);
        return s != null ? s : settings.sectors().get(ticker);
    }

    /** Returns the trading days from today to the ticker's next earnings date, or null (R-CAL-2). */
    Integer earningsDays(String ticker) {
        String dates = earnings.get(ticker);
        if (dates == null) {
            return null;
        }
        LocalDate today = MarketTime.date(ctx.now());
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

    boolean earningsSoon(String ticker) {
        Integer days = earningsDays(ticker);
        return days != null && days <= risk.params().earningsReduceDays();
    }

    boolean highSeverity() {
        MarketEvent cluster = volatility.get();
        return cluster != null && ctx.now() < cluster.untilTs();
    }

    /** Keeps the event calendar (R-CAL-1) and the earnings dates (R-CAL-2). */
    void onCalendar(CalendarEvent e) {
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

    void onMarketEvent(MarketEvent e) {
        if ("vix".equals(e.kind())) {
            vixHalt.set("open".equals(e.state()) ? e : null);
        } else if ("open".equals(e.state())) {
            volatility.set(e);
        }
    }

    /** R-VIX-1: returns why entries are blocked, or null; a stale or missing quote never blocks. */
    String vixBlock(RuleParams rules) {
        VixQuote q = vix.get();
        if (q == null || ctx.now() - q.ts() > rules.vixStaleAfter().toMillis()) {
            return null;
        }
        // the job's VIX breaker pattern opens halts at the default level; an account with a
        // level of its own decides from the latest quote alone
        MarketEvent halt = rules.vixHaltLevel() == RuleParams.INTRADAY.vixHaltLevel()
                ? vixHalt.get() : null;
        if (halt == null && q.value() < rules.vixHaltLevel()) {
            return null;
        }
        return "VIX halt: latest quote " + q.value() + ", " + (ctx.now() - q.ts()) / 1000 + " s old"
                + (halt == null ? "" : ", halt open since " + MarketTime.iso(halt.ts()))
                + "; no entries at or above " + rules.vixHaltLevel();
    }

    String vixDetail(RuleParams rules) {
        VixQuote q = vix.get();
        if (q == null) {
            return "no VIX quote: does not block";
        }
        long age = (ctx.now() - q.ts()) / 1000;
        return ctx.now() - q.ts() > rules.vixStaleAfter().toMillis()
                ? "VIX " + q.value() + " is stale (" + age + " s old): does not block"
                : "VIX " + q.value() + " (" + age + " s old) below " + rules.vixHaltLevel();
    }

    /** Holds the account's marked value, its active pool and the cash it may still commit. */
    record Portfolio(double value, double activePool, double cashAvailable, int openPositions) {}

    /**
     * Returns what holds the ticker other than the entry {@code own} (a position id, or null for
     * a new entry): an open position, a working entry or a gradual entry's tranches still to
     * come (R-POS-2); null when nothing does.
     */
    String holder(String ticker, String own) {
        Position p = positions.get(ticker);
        if (p != null && !p.id().equals(own)) {
            return p.id();
        }
        for (WorkingOrder wo : orders.values()) {
            Order o = wo.order();
            if (o.ticker().equals(ticker) && OrderIds.isEntry(o.clientOrderId())
                    && !o.positionId().equals(own)) {
                return o.positionId();
            }
        }
        for (TranchePlan plan : plans.values()) {
            String id = OrderIds.entryOrderId(plan.decisionId());
            if (plan.ticker().equals(ticker) && !id.equals(own)) {
                return id;
            }
        }
        return null;
    }

    /** Returns the working entry orders of one position (a gradual entry's tranches). */
    int entriesOf(String positionId) {
        int n = 0;
        for (WorkingOrder wo : orders.values()) {
            if (OrderIds.isEntry(wo.order().clientOrderId())
                    && wo.order().positionId().equals(positionId)) {
                n++;
            }
        }
        return n;
    }

    /** Holds a settled fill's position (null for an exit without one) and whether it opened. */
    record Settled(Position position, boolean opened) {}

    /** Computes a new position's levels at its first fill (the exit manager's rules). */
    @FunctionalInterface
    interface LevelsAt {
        Levels at(boolean isLong, double price, Double atr, TierParams tier, String ticker,
                boolean micro) throws Exception;
    }

    /**
     * Books a fill of a working order: cash and realized P&amp;L in the ledger, the order's filled
     * quantity (removed when done, with a {@code filled} order row), the position opened, added
     * to, reduced or removed.
     */
    Settled settle(Fill fill, WorkingOrder wo, LevelsAt levels) throws Exception {
        Order order = wo.order();
        Ledger l = ledger();
        boolean option = wo.instrument() != null;
        BigDecimal notional = option ? OptionTrades.notional(fill.price(), fill.quantity())
                : money(fill.price()).multiply(BigDecimal.valueOf(fill.quantity()));
        BigDecimal commission = money(fill.commission());
        BigDecimal cash = "buy".equals(fill.side())
                ? l.cash().subtract(notional).subtract(commission)
                : l.cash().add(notional).subtract(commission);
        long filled = wo.filled() + fill.quantity();
        boolean done = filled >= order.quantity();
        if (done) {
            orders.remove(order.clientOrderId());
            ctx.emit(AccountOutput.of(order.withStatus(Order.FILLED, order.reason(), ctx.now())));
        } else {
            orders.put(order.clientOrderId(), wo.withFilled(filled));
        }
        boolean entry = OrderIds.isEntry(order.clientOrderId());
        Position p = positions.get(order.ticker());
        boolean opened = entry && p == null;
        BigDecimal realized = l.realizedPnl();
        if (entry && p == null && option) {
            p = options.opened(wo, fill, commission, levels);
        } else if (entry && p == null) {
            boolean isLong = "buy".equals(fill.side());
            Levels lv = levels.at(isLong, fill.price(), wo.atr(), tier(wo.tier()),
                    fill.ticker(), wo.micro());
            p = new Position(order.positionId(), fill.ticker(),
                    isLong ? Position.LONG : Position.SHORT, fill.quantity(), fill.price(),
                    lv.stop(), lv.target(), ctx.now(), order.decisionId(), wo.confidence(), null,
                    commission.negate(), wo.tier(), wo.atr(), ctx.now(), fill.price(), wo.micro(),
                    false);
        } else if (entry) {
            long qty = p.quantity() + fill.quantity();
            double price = (p.entryPrice() * p.quantity() + fill.price() * fill.quantity()) / qty;
            p = p.withFill(qty, price, p.realized().subtract(commission));
        } else if (p != null) {
            BigDecimal direction = BigDecimal.valueOf(p.isLong() ? 1 : -1);
            BigDecimal result = (option ? OptionTrades.notional(fill.price(), fill.quantity())
                    .subtract(OptionTrades.notional(p.entryPrice(), fill.quantity()))
                    : money(fill.price()).subtract(money(p.entryPrice())).multiply(direction)
                            .multiply(BigDecimal.valueOf(fill.quantity()))).subtract(commission);
            realized = realized.add(result);
            p = p.withFill(p.quantity() - fill.quantity(), p.entryPrice(),
                    p.realized().add(result));
            p = fill.modelled() ? p.withModelled() : p;
        }
        ledger.set(l.withCash(cash.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN),
                realized.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN)));
        if (p == null) {
            return new Settled(null, false);
        }
        if (p.quantity() <= 0) {
            positions.remove(p.ticker());
        } else {
            if (!entry && done && order.clientOrderId().equals(p.exitOrderId())) {
                p = p.withExitOrder(null); // a trim filled: the rest is managed as before
            }
            positions.put(p.ticker(), p);
        }
        return new Settled(p, opened);
    }
}
