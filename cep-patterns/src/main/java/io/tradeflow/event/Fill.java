package io.tradeflow.event;

/**
 * Carries one execution of an order: from the broker gateway in {@code live} mode, from the
 * simulated broker in {@code paper} and {@code backtest} modes.
 *
 * @param executionId the broker's id of this execution, unique per account (R-FILL-1); the
 *     simulated broker derives one from the order, the time and the quantity filled before
 * @param side {@code buy} or {@code sell}
 * @param commission total commission of this fill in account currency
 * @param ts when the execution happened (event time)
 * @param lateMs how far behind the engine's event time the fill was applied: 0 when it arrived in
 *     order, more for a late fill, which is still applied (R-FILL-1)
 */
public record Fill(
        String clientOrderId,
        String executionId,
        String account,
        String ticker,
        String side,
        long quantity,
        double price,
        double commission,
        long ts,
        long lateMs) {

    /** Returns an execution that arrived in order (no lateness). */
    public static Fill of(String clientOrderId, String executionId, String account,
            String ticker, String side, long quantity, double price, double commission, long ts) {
        return new Fill(clientOrderId, executionId, account, ticker, side, quantity, price,
                commission, ts, 0);
    }

    /** Returns this fill as applied {@code ms} behind the engine's event time. */
    public Fill withLateMs(long ms) {
        return new Fill(clientOrderId, executionId, account, ticker, side, quantity, price,
                commission, ts, ms);
    }
}
