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
 * @param instrument the option contract filled, as its OCC symbol ({@code ticker} is its
 *     underlying, {@code quantity} contracts, {@code price} the premium); null for shares
 * @param modelled whether the price is the pricing model's, not a quote's (R-OPT-4)
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
        long lateMs,
        String instrument,
        boolean modelled) {

    /** Returns an execution that arrived in order (no lateness). */
    public static Fill of(String clientOrderId, String executionId, String account,
            String ticker, String side, long quantity, double price, double commission, long ts) {
        return new Fill(clientOrderId, executionId, account, ticker, side, quantity, price,
                commission, ts, 0, null, false);
    }

    /** Returns an execution of shares (no instrument, never modelled). */
    public Fill(String clientOrderId, String executionId, String account, String ticker,
            String side, long quantity, double price, double commission, long ts, long lateMs) {
        this(clientOrderId, executionId, account, ticker, side, quantity, price, commission, ts,
                lateMs, null, false);
    }

    /** Returns this fill as one of an option contract, its price modelled or quoted (R-OPT-4). */
    public Fill withInstrument(String occSymbol, boolean isModelled) {
        return new Fill(clientOrderId, executionId, account, ticker, side, quantity, price,
                commission, ts, lateMs, occSymbol, isModelled);
    }

    /** Returns this fill as applied {@code ms} behind the engine's event time. */
    public Fill withLateMs(long ms) {
        return new Fill(clientOrderId, executionId, account, ticker, side, quantity, price,
                commission, ts, ms, instrument, modelled);
    }
}
