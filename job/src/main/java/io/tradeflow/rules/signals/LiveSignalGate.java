package io.tradeflow.rules.signals;

import io.tradeflow.rules.AccountConfig;

import java.util.Set;

/**
 * Decides whether a signal type may open a position for an account mode (R-SIG-1): in
 * {@code live} and {@code paper} only the types in {@code allowedLiveSignalTypes} may;
 * {@code backtest} may allow every type ({@code backtestAllowsAll}, default {@code true}),
 * otherwise it is gated like paper. Any other or missing mode is gated like {@code live}.
 * A refused signal is a {@code skip} decision with reason {@link #SKIP_REASON}.
 */
public final class LiveSignalGate {
    public static final String RULE = "R-SIG-1";
    /** The {@code reason} of the skip decision of a blocked signal type. */
    public static final String SKIP_REASON = RULE;
    public static final boolean DEFAULT_BACKTEST_ALLOWS_ALL = true;

    private LiveSignalGate() {}

    /** Applies the gate with {@code backtestAllowsAll} at its default ({@code true}). */
    public static boolean allows(String signalType, String accountMode,
            Set<String> allowedLiveSignalTypes) {
        return allows(signalType, accountMode, allowedLiveSignalTypes,
                DEFAULT_BACKTEST_ALLOWS_ALL);
    }

    public static boolean allows(String signalType, String accountMode,
            Set<String> allowedLiveSignalTypes, boolean backtestAllowsAll) {
        if (AccountConfig.BACKTEST.equals(accountMode) && backtestAllowsAll) {
            return true;
        }
        return signalType != null && allowedLiveSignalTypes != null
                && allowedLiveSignalTypes.contains(signalType);
    }
}
