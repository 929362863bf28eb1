package io.tradeflow.rules.signals;

import java.util.List;

/**
 * Names the strategy signal types (R-SIG-1, R-SIG-2, R-SIG-3) and fixes their order: signals fired
 * at the same bar are emitted in the order of {@link #ALL}.
 */
public final class SignalTypes {
    public static final String ORB = "orb";
    public static final String ORB_DIRECTION = "orb_direction";
    public static final String CONFLUENCE = "confluence";
    /** Backtest-only by default: not in the default {@code allowedLiveSignalTypes} (R-SIG-1). */
    public static final String EMA_CROSS = "ema_cross";
    /** Backtest-only by default: not in the default {@code allowedLiveSignalTypes} (R-SIG-1). */
    public static final String VWAP_REVERSION = "vwap_reversion";

    /** Every type, in emission order. */
    public static final List<String> ALL =
            List.of(ORB, ORB_DIRECTION, CONFLUENCE, EMA_CROSS, VWAP_REVERSION);

    private SignalTypes() {}

    /** Returns the emission rank of a type; unknown types sort last. */
    public static int rank(String type) {
        int i = ALL.indexOf(type);
        return i < 0 ? ALL.size() : i;
    }

    public static boolean known(String type) {
        return ALL.contains(type);
    }
}
