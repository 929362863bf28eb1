package io.tradeflow.rules.micro;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.gates.GateResult;
import io.tradeflow.rules.stops.Levels;

/**
 * Applies the micro-trading limits (R-MICRO-1): the switch and the daily count gate, the size cap
 * of {@code microPoolPct} (3 %) of the active pool, levels at {@code microStopAtr} (1.0) × ATR with
 * a target {@code microRewardRisk} (1.5) × the stop distance away, and the close after {@code
 * microMaxHold} (2 h). These come on top of every other gate and cap: a micro entry is sized by
 * the ordinary sizing rules and then capped ({@link #capQuantity}), never enlarged.
 */
public final class MicroTrades {
    public static final String RULE = "R-MICRO-1";
    /** The rule of the levels when ATR is unknown. */
    public static final String FALLBACK_RULE = "R-STOP-2";

    private MicroTrades() {}

    /**
     * Returns the micro gate: it fails when micro-trading is off for the account or when {@code
     * microToday} micro-trades were already opened today ({@code ≥ microMaxPerDay}).
     *
     * @param enabled the account's micro-trading switch (normally {@code e.microEnabled()})
     */
    public static GateResult allows(boolean enabled, int microToday, ExitParams e) {
        if (!enabled) {
            return GateResult.fail(RULE, "micro-trading is off");
        }
        if (microToday >= e.microMaxPerDay()) {
            return GateResult.fail(RULE, microToday + " micro-trades today, limit "
                    + e.microMaxPerDay());
        }
        return GateResult.pass(RULE, microToday + " micro-trades today, limit "
                + e.microMaxPerDay());
    }

    /** Returns the largest micro-trade value: {@code microPoolPct × activePool}, 0 without pool. */
    public static double maxDollars(double activePool, ExitParams e) {
        return Math.max(0, activePool) * e.microPoolPct();
    }

    /**
     * Returns the quantity of a micro entry: the ordinary sizing's quantity, lowered so that
     * quantity × price stays within {@link #maxDollars}; 0 when the sizing rejected it or the
     * price is not positive.
     */
    public static long capQuantity(long sized, double price, double activePool, ExitParams e) {
        if (sized <= 0 || !(price > 0) || !Double.isFinite(price)) {
            return 0;
        }
        double cap = maxDollars(activePool, e);
        // the slack keeps 30 / 0.1 = 299.99999999999994 at 300 shares; far below a share
        double q = Math.floor(cap / price * (1 + 1e-12));
        return (long) Math.min(sized, Math.max(0, q));
    }

    /**
     * Returns a micro-trade's levels: stop {@code microStopAtr × ATR} from the entry and target
     * {@code microRewardRisk ×} that distance on the other side (rule R-MICRO-1); when ATR is
     * unknown the stop falls back to {@code stopLossPercent} of the entry (R-STOP-2) with the same
     * reward:risk. Shorts are mirrored.
     */
    public static Levels levels(boolean isLong, double entry, Double atr, ExitParams e,
            RuleParams r) {
        boolean useAtr = atr != null && atr > 0 && Double.isFinite(atr);
        double distance = useAtr ? atr * e.microStopAtr() : entry * r.stopLossPercent();
        double targetDistance = distance * e.microRewardRisk();
        String rule = useAtr ? RULE : FALLBACK_RULE;
        return isLong
                ? new Levels(entry - distance, entry + targetDistance, rule)
                : new Levels(entry + distance, entry - targetDistance, rule);
    }

    /**
     * Returns the event time a micro-trade opened at {@code openedTs} is closed at market: {@code
     * openedTs + microMaxHold}, elapsed time (a profile's force exit may come first). A position
     * is due at and after it.
     */
    public static long closeAt(long openedTs, ExitParams e) {
        return openedTs + e.microMaxHold().toMillis();
    }
}
