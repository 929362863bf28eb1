package io.tradeflow.rules.sizing;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes an entry by confidence (R-SIZE-1, R-SIZE-2): reject below the tier's minimum confidence;
 * {@code pct = basePct × confidence / minConfidence} clamped to the tier's max position %;
 * {@code dollars = activePool × pct} clamped to the absolute cap and to the cash available;
 * {@code quantity = floor(dollars / price)}; zero shares is a rejection.
 */
public final class PositionSizer {
    public static final String CONFIDENCE_RULE = "R-SIZE-1";
    public static final String SIZE_RULE = "R-SIZE-2";
    /** Relative slack of the share floor, far above double rounding and far below a share. */
    private static final double FLOOR_TOLERANCE = 1e-12;

    private PositionSizer() {}

    public static Sizing size(double confidence, TierParams tier, RuleParams p, double activePool,
            double cashAvailable, double price) {
        List<SizingStep> steps = new ArrayList<>();
        if (!(confidence >= tier.minConfidence())) {
            steps.add(new SizingStep(CONFIDENCE_RULE, "confidence_gate", confidence,
                    tier.minConfidence(), "confidence below the " + tier.name() + " minimum"));
            return new Sizing(0, CONFIDENCE_RULE, steps);
        }
        steps.add(new SizingStep(CONFIDENCE_RULE, "confidence_gate", confidence,
                tier.minConfidence(), "pass"));
        double pct = p.basePct() * (confidence / tier.minConfidence());
        steps.add(new SizingStep(SIZE_RULE, "pct", p.basePct(), pct,
                "basePct x confidence / minConfidence"));
        if (pct > tier.maxPositionPct()) {
            steps.add(new SizingStep(SIZE_RULE, "pct_cap", pct, tier.maxPositionPct(),
                    "clamped to the tier's max position %"));
            pct = tier.maxPositionPct();
        }
        double dollars = Math.max(0, activePool) * pct;
        steps.add(new SizingStep(SIZE_RULE, "dollars", activePool, dollars, "activePool x pct"));
        if (dollars > p.absolutePositionCap()) {
            steps.add(new SizingStep(SIZE_RULE, "absolute_cap", dollars, p.absolutePositionCap(),
                    "clamped to absolutePositionCap"));
            dollars = p.absolutePositionCap();
        }
        double cash = Math.max(0, cashAvailable);
        if (dollars > cash) {
            steps.add(new SizingStep(SIZE_RULE, "cash_cap", dollars, cash,
                    "clamped to the cash not committed to open orders"));
            dollars = cash;
        }
        // dollars carries the rounding of pct (4 % × 0.689 / 0.65 × 100 000 = 4 239.999…): a
        // quotient a hair under a whole number is that number, or floor drops a share
        long quantity = price > 0 && Double.isFinite(price)
                ? (long) Math.floor(dollars / price * (1 + FLOOR_TOLERANCE))
                : 0;
        steps.add(new SizingStep(SIZE_RULE, "quantity", dollars, quantity,
                "floor(dollars / price) at price " + price));
        if (quantity <= 0) {
            return new Sizing(0, SIZE_RULE, steps);
        }
        return new Sizing(quantity, null, steps);
    }
}
