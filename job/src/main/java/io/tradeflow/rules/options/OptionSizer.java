package io.tradeflow.rules.options;

import io.tradeflow.rules.sizing.PositionSizer;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingRequest;
import io.tradeflow.rules.sizing.SizingStep;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes an option entry in contracts (R-OPT-2): the sizing pipeline of R-SIZE-1..8 run with one
 * contract as the unit, priced at premium × multiplier, and its stop at the stop premium ×
 * multiplier. So {@code contracts = floor(dollars / (premium × multiplier))}, R-SIZE-7 doubles or
 * halves contracts (re-clamped to every cap in contracts), and R-SIZE-6/8 see the loss of a
 * contract at its stop. A result of zero contracts is a rejection by R-OPT-2; the gates of the
 * pipeline (confidence, earnings, correlation, sector, heat) keep their own rule ids.
 */
public final class OptionSizer {
    public static final String RULE = "R-OPT-2";

    private OptionSizer() {}

    /**
     * Returns the contracts of an entry.
     *
     * @param request the entry as the sizing pipeline sees it; its price and stop are replaced
     * @param premium the option's price per share of the underlying (the entry limit)
     * @param stopPremium the option's price per share at the position's stop, below premium
     * @param multiplier shares per contract (100)
     */
    public static Sizing size(SizingRequest request, double premium, double stopPremium,
            int multiplier) {
        if (!(premium > 0) || !Double.isFinite(premium)) {
            throw new IllegalArgumentException("premium must be positive, not " + premium);
        }
        if (multiplier <= 0) {
            throw new IllegalArgumentException("multiplier must be positive, not " + multiplier);
        }
        double unit = premium * multiplier;
        double stopUnit = Math.max(0, Math.min(stopPremium, premium)) * multiplier;
        Sizing s = PositionSizer.size(new SizingRequest(request.confidence(), request.tier(),
                request.rules(), request.portfolioValue(), request.activePool(),
                request.cashAvailable(), unit, stopUnit, request.ticker(), request.sector(),
                request.holdings(), request.correlations(), request.earningsTradingDays(),
                request.confluenceScore(), request.relVol()));
        if (s.accepted() || !zeroContracts(s)) {
            return s;
        }
        List<SizingStep> steps = new ArrayList<>(s.steps());
        steps.add(new SizingStep(RULE, "contracts", unit, 0, "zero contracts of "
                + premium + " x " + multiplier + " = " + unit + " each (" + s.rejectedBy()
                + " took the size below one contract)"));
        return new Sizing(0, RULE, List.copyOf(steps), s.correlation(), s.sectorExposureAfter(),
                s.heatAfter(), s.earningsFlag());
    }

    /** Returns whether a rejection came from the size reaching zero, not from a gate. */
    private static boolean zeroContracts(Sizing s) {
        if (PositionSizer.CAP_RULE.equals(s.rejectedBy())) {
            return true;
        }
        for (SizingStep step : s.steps()) {
            if ("quantity".equals(step.step()) && step.out() <= 0) {
                return true;
            }
        }
        return false;
    }
}
