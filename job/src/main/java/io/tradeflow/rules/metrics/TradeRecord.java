package io.tradeflow.rules.metrics;

import io.tradeflow.event.PositionEvent;

import java.math.BigDecimal;

/**
 * Holds one closed trade: a position from its entry to its exit, with the realized P&amp;L after
 * commissions as the engine booked it.
 *
 * @param side {@code long} or {@code short}
 * @param entryPrice the average entry price
 * @param reason the rule that closed the position (e.g. {@code R-STOP-3}, {@code R-WIN-2})
 * @param instrument the option contract traded (OCC symbol), null for shares: then quantity
 *     counts contracts of 100 and prices are premiums (R-OPT-3)
 * @param modelled whether a fill of it was priced by the model, not a quote (R-OPT-4)
 */
public record TradeRecord(
        String account,
        String positionId,
        String ticker,
        String side,
        long quantity,
        long entryTs,
        double entryPrice,
        long exitTs,
        double exitPrice,
        BigDecimal realizedPnl,
        String reason,
        String instrument,
        boolean modelled) {

    /** Returns a trade in shares (no instrument, never modelled). */
    public TradeRecord(String account, String positionId, String ticker, String side,
            long quantity, long entryTs, double entryPrice, long exitTs, double exitPrice,
            BigDecimal realizedPnl, String reason) {
        this(account, positionId, ticker, side, quantity, entryTs, entryPrice, exitTs, exitPrice,
                realizedPnl, reason, null, false);
    }

    /** Returns the trade of a closed position's final event. */
    public static TradeRecord of(PositionEvent p) {
        if (!PositionEvent.CLOSED.equals(p.status())) {
            throw new IllegalArgumentException("position " + p.positionId() + " is not closed");
        }
        return new TradeRecord(p.account(), p.positionId(), p.ticker(), p.side(), p.quantity(),
                p.openedTs(), p.entryPrice(), p.ts(), p.exitPrice() == null ? Double.NaN
                        : p.exitPrice(), p.realizedPnl(), p.reason(), p.instrument(),
                p.modelled());
    }

    /** Returns the realized P&amp;L as a statistic. */
    public double pnl() {
        return realizedPnl == null ? 0 : realizedPnl.doubleValue();
    }

    /**
     * Returns the P&amp;L relative to the entry notional ({@code NaN} when that is zero): for
     * contracts, premium × 100 × contracts.
     */
    public double returnPct() {
        double notional = entryPrice * quantity * (instrument == null ? 1
                : io.tradeflow.rules.options.OptionContract.DEFAULT_MULTIPLIER);
        return notional == 0 ? Double.NaN : pnl() / notional;
    }
}
