package io.tradeflow.rules.options;

/**
 * Decides the exits of an option position (R-OPT-3): the stop and target derived from ATR are
 * levels of the underlying and are checked on the underlying's price (mirrored for a put, which
 * profits from a fall); only when ATR was unknown at entry does the premium stop apply, at
 * {@code stopLossPercent} (25 %) below the entry premium, checked on the option's bid (R-STOP-2).
 * The 15:00 force exit (R-WIN-2) is the engine's deadline and applies unchanged.
 */
public final class OptionExits {
    public static final String RULE = "R-OPT-3";

    /** What closes the position, or {@link #NONE}. */
    public enum Trigger {
        NONE,
        /** The underlying reached the ATR stop. */
        UNDERLYING_STOP,
        /** The underlying reached the ATR target. */
        UNDERLYING_TARGET,
        /** No ATR levels: the option's bid fell to the premium stop. */
        PREMIUM_STOP
    }

    private OptionExits() {}

    /** Returns the premium stop: {@code entry × (1 − stopLossPercent)}. */
    public static double premiumStop(double entryPremium, double stopLossPercent) {
        return entryPremium * (1 - stopLossPercent);
    }

    /**
     * Returns what closes the position now.
     *
     * @param right CALL (long the underlying's direction) or PUT (short)
     * @param underlyingStop the ATR stop on the underlying, {@code null} when ATR was unknown
     * @param underlyingTarget the ATR target on the underlying, {@code null} with no stop
     * @param premiumStop the fallback stop on the option's price
     */
    public static Trigger check(OptionRight right, double underlying, Double underlyingStop,
            Double underlyingTarget, double bid, double premiumStop) {
        if (underlyingStop == null) {
            return bid <= premiumStop ? Trigger.PREMIUM_STOP : Trigger.NONE;
        }
        boolean call = right == OptionRight.CALL;
        if (call ? underlying <= underlyingStop : underlying >= underlyingStop) {
            return Trigger.UNDERLYING_STOP;
        }
        if (underlyingTarget != null
                && (call ? underlying >= underlyingTarget : underlying <= underlyingTarget)) {
            return Trigger.UNDERLYING_TARGET;
        }
        return Trigger.NONE;
    }
}
