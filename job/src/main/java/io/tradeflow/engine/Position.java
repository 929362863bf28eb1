package io.tradeflow.engine;

import java.math.BigDecimal;

/**
 * Holds one open position of an account (engine state).
 *
 * @param exitOrderId the pending exit order, or {@code null}
 * @param realized realized P&amp;L so far: minus the entry commission, plus each exit fill's result
 */
public record Position(
        String id,
        String ticker,
        String side,
        long quantity,
        double entryPrice,
        double stop,
        double target,
        long openedTs,
        String decisionId,
        double confidence,
        String exitOrderId,
        BigDecimal realized) {

    public static final String LONG = "long";
    public static final String SHORT = "short";

    public boolean isLong() {
        return LONG.equals(side);
    }

    public Position withExitOrder(String orderId) {
        return new Position(id, ticker, side, quantity, entryPrice, stop, target, openedTs,
                decisionId, confidence, orderId, realized);
    }

    public Position withFill(long newQuantity, double newEntry, BigDecimal newRealized) {
        return new Position(id, ticker, side, newQuantity, newEntry, stop, target, openedTs,
                decisionId, confidence, exitOrderId, newRealized);
    }

    public Position withLevels(double newStop, double newTarget) {
        return new Position(id, ticker, side, quantity, entryPrice, newStop, newTarget, openedTs,
                decisionId, confidence, exitOrderId, realized);
    }
}
