package io.tradeflow.rules.sizing;

import java.util.List;

/**
 * Holds the result of sizing an entry: a whole-share quantity, or the rule that rejected it, with
 * every step in order.
 */
public record Sizing(long quantity, String rejectedBy, List<SizingStep> steps) {
    public boolean accepted() {
        return rejectedBy == null;
    }
}
