package io.tradeflow.engine;

import io.tradeflow.rules.options.OptionContract;

import java.math.BigDecimal;

/**
 * Holds one open position of an account (engine state).
 *
 * @param exitOrderId the pending exit order, or {@code null}
 * @param realized realized P&amp;L so far: minus the entry commission, plus each exit fill's result
 * @param tier the tier its levels were set under
 * @param atr the ATR its levels were last set with, {@code null} when unknown (R-STOP-5)
 * @param checkedTs when its levels were last re-evaluated (R-STOP-5)
 * @param extreme its most favourable price since the entry: the highest high of a long, the lowest
 *     low of a short (R-STOP-4)
 * @param micro whether it is a micro trade (R-MICRO-1)
 * @param intraday whether its ticker delivers intraday prices, the precondition of R-STOP-8
 * @param instrument the option contract held, as its OCC symbol, or null for shares: then
 *     {@code ticker} is its underlying, {@code quantity} contracts, {@code entryPrice} the
 *     premium, {@code stop}/{@code target} the underlying's ATR levels, or with no ATR the
 *     premium stop and no target (NaN), R-OPT-3
 * @param modelled whether a fill of it was priced by the model (R-OPT-4)
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
        BigDecimal realized,
        String tier,
        Double atr,
        long checkedTs,
        double extreme,
        boolean micro,
        boolean intraday,
        String instrument,
        boolean modelled) {

    public static final String LONG = "long";
    public static final String SHORT = "short";

    /** Returns a position in shares (no instrument, never modelled). */
    public Position(String id, String ticker, String side, long quantity, double entryPrice,
            double stop, double target, long openedTs, String decisionId, double confidence,
            String exitOrderId, BigDecimal realized, String tier, Double atr, long checkedTs,
            double extreme, boolean micro, boolean intraday) {
        this(id, ticker, side, quantity, entryPrice, stop, target, openedTs, decisionId,
                confidence, exitOrderId, realized, tier, atr, checkedTs, extreme, micro, intraday,
                null, false);
    }

    /** Returns the units of the underlying one unit of quantity stands for: 100 a contract. */
    public int multiplier() {
        return instrument == null ? 1 : OptionContract.DEFAULT_MULTIPLIER;
    }

    /** Returns whether it holds option contracts (R-OPT-3). */
    public boolean option() {
        return instrument != null;
    }

    public Position withModelled() {
        return new Position(id, ticker, side, quantity, entryPrice, stop, target, openedTs,
                decisionId, confidence, exitOrderId, realized, tier, atr, checkedTs, extreme,
                micro, intraday, instrument, true);
    }

    public boolean isLong() {
        return LONG.equals(side);
    }

    public Position withExitOrder(String orderId) {
        return new Position(id, ticker, side, quantity, entryPrice, stop, target, openedTs,
                decisionId, confidence, orderId, realized, tier, atr, checkedTs, extreme, micro,
                intraday, instrument, modelled);
    }

    public Position withFill(long newQuantity, double newEntry, BigDecimal newRealized) {
        return new Position(id, ticker, side, newQuantity, newEntry, stop, target, openedTs,
                decisionId, confidence, exitOrderId, newRealized, tier, atr, checkedTs, extreme,
                micro, intraday, instrument, modelled);
    }

    public Position withLevels(double newStop, double newTarget, Double newAtr, long ts) {
        return new Position(id, ticker, side, quantity, entryPrice, newStop, newTarget, openedTs,
                decisionId, confidence, exitOrderId, realized, tier, newAtr, ts, extreme, micro,
                intraday, instrument, modelled);
    }

    public Position withChecked(long ts) {
        return new Position(id, ticker, side, quantity, entryPrice, stop, target, openedTs,
                decisionId, confidence, exitOrderId, realized, tier, atr, ts, extreme, micro,
                intraday, instrument, modelled);
    }

    public Position withExtreme(double newExtreme) {
        return new Position(id, ticker, side, quantity, entryPrice, stop, target, openedTs,
                decisionId, confidence, exitOrderId, realized, tier, atr, checkedTs, newExtreme,
                micro, intraday, instrument, modelled);
    }

    public Position withIntraday() {
        return new Position(id, ticker, side, quantity, entryPrice, stop, target, openedTs,
                decisionId, confidence, exitOrderId, realized, tier, atr, checkedTs, extreme,
                micro, true, instrument, modelled);
    }
}
