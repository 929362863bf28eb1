package io.tradeflow.event;

/**
 * Records a hole in a ticker's bars (R-BT-1: gaps are reported, not fatal): regular-session bars
 * missing between two bars of one trading day ({@link #BARS}, counted in the ticker's bar
 * interval), or whole trading days without a bar between two bars ({@link #SESSIONS}).
 *
 * @param id deterministic: the ticker, the kind and the bar before the gap
 * @param fromTs the last bar before the gap
 * @param toTs the first bar after it
 * @param missing how many bars, or trading days, are missing
 */
public record DataGap(String id, String ticker, String kind, long fromTs, long toTs,
        long missing) {
    public static final String BARS = "bars";
    public static final String SESSIONS = "sessions";
}
