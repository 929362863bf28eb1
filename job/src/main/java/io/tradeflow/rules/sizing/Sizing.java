package io.tradeflow.rules.sizing;

import java.util.List;

/**
 * Holds the result of sizing an entry: a whole-share quantity, or the rule that rejected it, with
 * every step in order and the portfolio figures the decision trace reports.
 *
 * @param correlation market-value-weighted return correlation with the holdings (R-SIZE-3), 0
 *     without holdings
 * @param sectorExposureAfter the candidate sector's value over portfolio value after this entry
 *     (before it when rejected), {@code null} when the sector is unknown or not checked
 * @param heatAfter portfolio heat over portfolio value after this entry (before it when rejected)
 *     (R-SIZE-6)
 * @param earningsFlag whether the ticker reports within the earnings window (R-CAL-2)
 */
public record Sizing(long quantity, String rejectedBy, List<SizingStep> steps,
        double correlation, Double sectorExposureAfter, double heatAfter, boolean earningsFlag) {

    public Sizing(long quantity, String rejectedBy, List<SizingStep> steps) {
        this(quantity, rejectedBy, steps, 0, null, 0, false);
    }

    public boolean accepted() {
        return rejectedBy == null;
    }
}
