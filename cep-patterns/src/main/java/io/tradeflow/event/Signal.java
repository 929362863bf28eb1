package io.tradeflow.event;

/**
 * Records a strategy signal of the ticker stage (R-SIG-2, R-SIG-3): it becomes a recommendation
 * for the accounts whose universe holds the ticker.
 *
 * @param type {@code orb}, {@code orb_direction}, {@code confluence}, {@code ema_cross} or
 *     {@code vwap_reversion}
 * @param action {@code buy} (long, CALL) or {@code sell} (short, PUT)
 * @param score the confluence score, or {@code null} for other types
 * @param maxScore 6, or 7 with pivots, for confluence; {@code null} otherwise
 * @param price the bar close the signal fired on
 */
public record Signal(
        String ticker,
        long ts,
        String type,
        String action,
        Double score,
        Double maxScore,
        Double relVol,
        double price) {}
