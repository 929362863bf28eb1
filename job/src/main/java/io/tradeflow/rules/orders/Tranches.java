package io.tradeflow.rules.orders;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.Fractions;

/**
 * Splits a large entry into tranches (R-ORD-2): an entry worth more than {@code
 * min(gradualEntryThreshold, gradualEntryPoolPct × active pool)} goes in {@code tranches} orders
 * of near-equal quantity, {@code trancheInterval} apart, each with a deterministic client order id
 * derived from the parent decision id (R-ORD-3).
 */
public final class Tranches {
    public static final String RULE = "R-ORD-2";

    private Tranches() {}

    /**
     * Returns whether an entry is split: its value is above {@code min(gradualEntryThreshold,
     * gradualEntryPoolPct × activePool)} (a value exactly at the smaller one is not) and more than
     * one tranche is configured. A non-positive active pool makes every positive entry gradual.
     */
    public static boolean gradual(double entryValue, double activePool, ExitParams e) {
        if (e.tranches() < 2 || !(entryValue > 0)) {
            return false;
        }
        return entryValue > e.gradualEntryThreshold()
                || Fractions.exceeds(entryValue, 0, Math.max(0, activePool),
                        e.gradualEntryPoolPct());
    }

    /**
     * Splits a quantity into at most {@code tranches} near-equal whole quantities, larger first,
     * that sum to it: {@code 100} in 3 is {@code [34, 33, 33]}. A quantity below the number of
     * tranches gives that many tranches of 1 (no empty tranche); a quantity of 0 or less gives
     * none; fewer than 1 tranche reads as 1.
     */
    public static long[] split(long quantity, int tranches) {
        if (quantity <= 0) {
            return new long[0];
        }
        int n = (int) Math.min(Math.max(1, tranches), quantity);
        long base = quantity / n;
        long rest = quantity % n;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = base + (i < rest ? 1 : 0);
        }
        return out;
    }

    /**
     * Returns the client order id of tranche {@code index} (0-based) of a decision's entry:
     * {@code e-<decision hash>-t<index>}, distinct from the whole entry's {@link
     * OrderIds#entryOrderId} and from every other tranche's, and the same on every replay.
     */
    public static String trancheOrderId(String decisionId, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("tranche index must not be negative: " + index);
        }
        return OrderIds.entryOrderId(decisionId) + "-t" + index;
    }

    /** Returns the decision id a tranche order id was derived from. */
    public static String parentDecisionId(String trancheOrderId) {
        int t = trancheOrderId.lastIndexOf("-t");
        if (!trancheOrderId.startsWith("e-") || t < 2) {
            throw new IllegalArgumentException("not a tranche order id: " + trancheOrderId);
        }
        return "d-" + trancheOrderId.substring(2, t);
    }

    /** Returns the event time tranche {@code index} is due: {@code firstTs + index × interval}. */
    public static long dueAt(long firstTs, int index, ExitParams e) {
        return firstTs + index * e.trancheInterval().toMillis();
    }
}
