package io.tradeflow.engine;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Fill;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.event.Order;
import io.tradeflow.event.VixQuote;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.OptionParams;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.options.OptionContract;
import io.tradeflow.rules.options.OptionExits;
import io.tradeflow.rules.options.OptionOrders;
import io.tradeflow.rules.options.OptionPnl;
import io.tradeflow.rules.options.OptionPrice;
import io.tradeflow.rules.options.OptionRight;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.stops.Levels;
import io.tradeflow.rules.stops.StopLevels;

import java.math.BigDecimal;

/**
 * Trades the option contracts of an options account (R-OPT-3, R-OPT-4), Flink-free: prices a
 * series from its latest quote or, in a backtest without one, the model; fills the simulated
 * account's option orders on the underlying's bars (a buy limit when the ask is at or below it,
 * at the ask; a market sell at the bid); opens a position in contracts with the underlying's ATR
 * levels, or the premium stop when ATR was unknown; and closes it when the underlying reaches a
 * level or the bid the premium stop. The force exit (R-WIN-2) and the stale-price exit are the
 * exit manager's, as for shares.
 */
final class OptionTrades {
    /** The exit reasons of {@link OptionExits.Trigger}s that count as stop-outs (R-CB-3). */
    static final String UNDERLYING_STOP = "underlying-stop";
    static final String UNDERLYING_TARGET = "underlying-target";
    static final String PREMIUM_STOP = "premium-stop";

    private final AccountBook book;
    private final AccountRisk risk;
    private final ExitManager exits;
    private final EngineContext ctx;
    private final TradingCalendar calendar;
    private final BrokerParams broker;

    OptionTrades(AccountBook book, AccountRisk risk, ExitManager exits, EngineContext ctx,
            TradingCalendar calendar, BrokerParams broker) {
        this.book = book;
        this.risk = risk;
        this.exits = exits;
        this.ctx = ctx;
        this.calendar = calendar;
        this.broker = broker;
    }

    /**
     * Returns a series' price now (R-OPT-4): its latest quote, else in a backtest the model at
     * {@code spot} with {@code option-iv} or VIX / 100; null when neither is there.
     */
    OptionPrice price(String instrument, double spot) {
        OptionContract c = OptionContract.parseOcc(instrument);
        OptionQuote q = book.optionQuote(c.underlying(), c.expiry().toString(),
                c.right().name(), c.strikeThousandths());
        if (q != null) {
            return OptionPrice.quoted(q);
        }
        if (!AccountConfig.BACKTEST.equals(book.account().mode())) {
            return null; // the model prices backtests only
        }
        OptionParams params = risk.rules().options();
        VixQuote vix = book.vix.get();
        Double vol = OptionPrice.volatility(params.iv(), vix == null ? null : vix.value());
        return vol == null ? null
                : OptionPrice.modelled(c, spot, ctx.now(), params.rate(), vol, calendar);
    }

    /**
     * Returns a position's mark: the mid of its price at the underlying's last close, or its
     * entry premium while it has no price (R-POOL-2 values it at premium × 100 × contracts).
     */
    double mark(Position p) {
        MarketTick t = book.prices.get(p.ticker());
        OptionPrice price = t == null ? null : price(p.instrument(), t.bar().close());
        return price == null ? p.entryPrice() : price.mid();
    }

    /**
     * Returns the simulated fill of a working option order on a bar of its underlying after the
     * order's time, priced at the bar's open (R-OPT-3 under R-ORD-1's limit-or-cancel: a buy
     * limit fills at the ask when the ask is at or below the limit; a market sell at the bid),
     * with the commission per contract; null when it does not fill.
     */
    Fill fill(WorkingOrder wo, Bar bar) {
        Order o = wo.order();
        if (bar.ts() <= o.ts()) {
            return null;
        }
        OptionPrice p = price(o.instrument(), bar.open());
        if (p == null) {
            return null;
        }
        Double price;
        if ("buy".equals(o.side())) {
            price = Order.LIMIT.equals(o.type()) ? OptionOrders.buyFill(o.limitPrice(), p)
                    : Double.valueOf(p.ask());
        } else {
            price = OptionOrders.sellFill(p);
        }
        if (price == null) {
            return null;
        }
        long qty = o.quantity() - wo.filled();
        String id = o.clientOrderId();
        return Fill.of(id, OrderIds.simulatedExecutionId(id, ctx.now(), wo.filled()),
                ctx.account(), o.ticker(), o.side(), qty, price,
                OptionPnl.commission(qty, broker.commissionPerContract()).doubleValue(),
                ctx.now()).withInstrument(o.instrument(), p.modelled());
    }

    /**
     * Returns the position a first fill of an option entry opens (R-OPT-3): long the contracts,
     * with the underlying's ATR levels at its last price (a CALL's long, a PUT's mirrored), or,
     * when ATR was unknown, the premium stop {@code stopLossPercent} below the fill and no
     * target (R-STOP-2 on the premium).
     */
    Position opened(WorkingOrder wo, Fill fill, BigDecimal commission,
            AccountBook.LevelsAt levels) throws Exception {
        Order order = wo.order();
        OptionContract c = OptionContract.parseOcc(order.instrument());
        MarketTick t = book.prices.get(order.ticker());
        Double atr = wo.atr();
        boolean atrKnown = atr != null && atr > 0 && Double.isFinite(atr) && t != null;
        Levels lv = atrKnown
                ? levels.at(c.right() == OptionRight.CALL, t.bar().close(), atr,
                        book.tier(wo.tier()), order.ticker(), false)
                : new Levels(OptionExits.premiumStop(fill.price(),
                        risk.rules().stopLossPercent()), Double.NaN, StopLevels.FALLBACK_RULE);
        return new Position(order.positionId(), order.ticker(), Position.LONG, fill.quantity(),
                fill.price(), lv.stop(), lv.target(), ctx.now(), order.decisionId(),
                wo.confidence(), null, commission.negate(), wo.tier(), atrKnown ? atr : null,
                ctx.now(), fill.price(), false, false, order.instrument(), fill.modelled());
    }

    /** Returns the cash of a fill of {@code contracts}: premium × multiplier × contracts. */
    static BigDecimal notional(double premium, long contracts) {
        return OptionPnl.notional(premium, contracts, OptionContract.DEFAULT_MULTIPLIER);
    }

    /**
     * R-OPT-3: closes a position at a bar of its underlying when the underlying's close reaches
     * an ATR level, or, with no ATR levels, when the option's bid falls to the premium stop;
     * every exit a market sell of the contracts (R-ORD-4).
     */
    void manage(Position p, MarketTick tick) {
        boolean atrLevels = p.atr() != null;
        double spot = tick.bar().close();
        OptionPrice price = atrLevels ? null : price(p.instrument(), spot);
        if (!atrLevels && price == null) {
            return; // nothing to check the premium stop against
        }
        OptionExits.Trigger t = OptionExits.check(
                OptionContract.parseOcc(p.instrument()).right(), spot,
                atrLevels ? p.stop() : null, atrLevels ? p.target() : null,
                price == null ? Double.NaN : price.bid(), atrLevels ? Double.NaN : p.stop());
        String why = switch (t) {
            case UNDERLYING_STOP -> UNDERLYING_STOP;
            case UNDERLYING_TARGET -> UNDERLYING_TARGET;
            case PREMIUM_STOP -> PREMIUM_STOP;
            case NONE -> null;
        };
        if (why != null) {
            exits.placeExit(p, OptionExits.RULE, why, p.quantity(), p.decisionId());
        }
    }

    /** Returns whether an exit order's reason is an option stop-out (R-CB-3 counts it). */
    static boolean stopOut(String reason) {
        return (OptionExits.RULE + ":" + UNDERLYING_STOP).equals(reason)
                || (OptionExits.RULE + ":" + PREMIUM_STOP).equals(reason);
    }
}
