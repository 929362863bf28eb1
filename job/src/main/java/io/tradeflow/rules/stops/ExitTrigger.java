package io.tradeflow.rules.stops;

/**
 * Decides whether a bar reaches a position's stop or target (R-STOP-3): a long exits when the low is
 * at or below the stop or the high at or above the target (a short mirrored). When one bar reaches
 * both, the stop wins: the bar cannot tell which came first, so the conservative outcome is taken.
 */
public final class ExitTrigger {
    public static final String RULE = "R-STOP-3";
    public static final String STOP = "stop";
    public static final String TARGET = "target";

    private ExitTrigger() {}

    /** Returns {@link #STOP}, {@link #TARGET} or {@code null}. */
    public static String crossed(boolean isLong, double stop, double target, double low,
            double high) {
        if (isLong) {
            if (low <= stop) {
                return STOP;
            }
            return high >= target ? TARGET : null;
        }
        if (high >= stop) {
            return STOP;
        }
        return low <= target ? TARGET : null;
    }
}
