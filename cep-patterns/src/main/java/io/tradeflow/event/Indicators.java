package io.tradeflow.event;

/**
 * Holds the indicators of one ticker known at a bar's end; a field is {@code null} during its
 * warm-up or when it does not apply (e.g. the opening range before 09:45, pivots before the first
 * full prior session).
 *
 * @param regularSession whether the bar belongs to the regular session (09:30–16:00 ET); session
 *     indicators (VWAP, opening range, relative volume) use regular-session bars only
 * @param relVol bar volume / SMA(volume, 20) (R-SIG-2)
 * @param orbHigh opening range high, 09:30–09:45 (R-SIG-3), once the range is complete
 * @param pivot classic pivot P of the prior regular session, with {@code r1} and {@code s1}
 * @param prevClose the prior regular session's close
 * @param sessionOpen this regular session's first open
 */
public record Indicators(
        boolean regularSession,
        Double atr,
        Double rsi,
        Double emaFast,
        Double emaSlow,
        Double macd,
        Double macdSignal,
        Double macdHist,
        Double vwap,
        Double volumeSma,
        Double relVol,
        Double orbHigh,
        Double orbLow,
        Double pivot,
        Double r1,
        Double s1,
        Double prevClose,
        Double sessionOpen) {

    /** Returns indicators with only the ATR known (for tests and sources without the rest). */
    public static Indicators atrOnly(Double atr) {
        return new Indicators(true, atr, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** Returns whether these are exactly {@link #atrOnly} of their ATR (checked without one). */
    public boolean isAtrOnly() {
        return regularSession && rsi == null && emaFast == null && emaSlow == null && macd == null
                && macdSignal == null && macdHist == null && vwap == null && volumeSma == null
                && relVol == null && orbHigh == null && orbLow == null && pivot == null
                && r1 == null && s1 == null && prevClose == null && sessionOpen == null;
    }
}
