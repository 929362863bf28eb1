package io.tradeflow.engine;

/**
 * Holds a gradual entry's plan (engine state, R-ORD-2): the decision, its limit price and the
 * quantity of each tranche; tranche {@code i} is due {@code i} tranche intervals after the first.
 * {@code stop} is the decision's stop, for the tranches' heat check (R-SIZE-6);
 * {@code instrument} the option contract bought (its OCC symbol, R-OPT-3), null for shares.
 */
public record TranchePlan(
        String decisionId,
        String ticker,
        boolean isLong,
        double price,
        long[] parts,
        Double atr,
        String tier,
        double confidence,
        boolean micro,
        long firstTs,
        Double stop,
        String instrument) {

    /** Returns the plan of an entry in shares. */
    public TranchePlan(String decisionId, String ticker, boolean isLong, double price,
            long[] parts, Double atr, String tier, double confidence, boolean micro,
            long firstTs, Double stop) {
        this(decisionId, ticker, isLong, price, parts, atr, tier, confidence, micro, firstTs,
                stop, null);
    }
}
