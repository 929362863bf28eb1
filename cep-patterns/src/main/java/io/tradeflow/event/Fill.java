package io.tradeflow.event;

/**
 * Carries one execution of an order: from the broker gateway in {@code live} mode, from the
 * simulated broker in {@code paper} and {@code backtest} modes.
 *
 * @param side {@code buy} or {@code sell}
 * @param commission total commission of this fill in account currency
 */
public record Fill(
        String clientOrderId,
        String account,
        String ticker,
        String side,
        long quantity,
        double price,
        double commission,
        long ts) {}
