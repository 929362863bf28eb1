package io.tradeflow.event;

import java.math.BigDecimal;

/**
 * Records the state of one position at {@code ts}: opened, or closed with its exit price, the
 * realized P&amp;L after commissions and the rule that closed it.
 *
 * @param side {@code long} or {@code short}
 * @param status {@code open} or {@code closed}
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
        String reason) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
}
