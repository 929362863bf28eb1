package io.tradeflow.event;

/**
 * Records the state of one order at {@code updatedTs}: a new order, then its fill or cancellation.
 *
 * @param clientOrderId deterministic, derived from the decision or exit that made it (R-ORD-3)
 * @param type {@code limit} (entries, R-ORD-1) or {@code market} (exits, R-ORD-4)
 * @param status {@code new}, {@code filled} or {@code cancelled}
 * @param reason why the order exists or ended: a rule id such as {@code R-STOP-3}, or
 *     {@code ENTRY_CANCELLED}
 * @param instrument the option contract traded, as its OCC symbol ({@code ticker} is then its
 *     underlying, {@code quantity} contracts and {@code limitPrice} the premium, R-OPT-3); null
 *     for shares
 */
public record Order(
        String clientOrderId,
        String account,
        String decisionId,
        String positionId,
        String ticker,
        String side,
        String type,
        long quantity,
        Double limitPrice,
        long ts,
        String status,
        String reason,
        long updatedTs,
        String instrument) {

    public static final String NEW = "new";
    public static final String FILLED = "filled";
    public static final String CANCELLED = "cancelled";
    /** A gradual-entry tranche never sent: a gate failed before its turn (R-ORD-2). */
    public static final String WITHDRAWN = "withdrawn";
    public static final String LIMIT = "limit";
    public static final String MARKET = "market";

    /** Returns an order of shares (no instrument). */
    public Order(String clientOrderId, String account, String decisionId, String positionId,
            String ticker, String side, String type, long quantity, Double limitPrice, long ts,
            String status, String reason, long updatedTs) {
        this(clientOrderId, account, decisionId, positionId, ticker, side, type, quantity,
                limitPrice, ts, status, reason, updatedTs, null);
    }

    public Order withStatus(String newStatus, String newReason, long at) {
        return new Order(clientOrderId, account, decisionId, positionId, ticker, side, type,
                quantity, limitPrice, ts, newStatus, newReason, at, instrument);
    }

    /** Returns this order for an option contract (its OCC symbol), R-OPT-3. */
    public Order withInstrument(String occSymbol) {
        return new Order(clientOrderId, account, decisionId, positionId, ticker, side, type,
                quantity, limitPrice, ts, status, reason, updatedTs, occSymbol);
    }
}
