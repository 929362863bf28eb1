package io.tradeflow.event;

import java.math.BigDecimal;

/**
 * Records the state of one position at {@code ts}: opened, or closed with its exit price, the
 * realized P&amp;L after commissions and the rule that closed it.
 *
 * @param side {@code long} or {@code short}
 * @param status {@code open} or {@code closed}
 * @param instrument the option contract held, as its OCC symbol ({@code ticker} is its
 *     underlying, {@code quantity} contracts, prices premiums, R-OPT-3); null for shares
 * @param modelled whether any of its fills was priced by the model (R-OPT-4)
 */
public record PositionEvent(
        String positionId,
        String account,
        String ticker,
        String side,
        long quantity,
        double entryPrice,
        Double stopPrice,
        Double targetPrice,
        String status,
        long openedTs,
        long ts,
        Double exitPrice,
        BigDecimal realizedPnl,
        String reason,
        String instrument,
        boolean modelled) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    /** Returns the state of a position in shares (no instrument, never modelled). */
    public PositionEvent(String positionId, String account, String ticker, String side,
            long quantity, double entryPrice, Double stopPrice, Double targetPrice, String status,
            long openedTs, long ts, Double exitPrice, BigDecimal realizedPnl, String reason) {
        this(positionId, account, ticker, side, quantity, entryPrice, stopPrice, targetPrice,
                status, openedTs, ts, exitPrice, realizedPnl, reason, null, false);
    }
}
