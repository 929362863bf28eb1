package io.tradeflow.rules.correlation;

import io.tradeflow.rules.sizing.Holding;

import java.util.List;
import java.util.Map;

/**
 * Computes the return correlation of R-SIZE-3: Pearson's coefficient of two tickers' daily simple
 * returns over the days both have, and its market-value-weighted average over the holdings.
 */
public final class ReturnCorrelation {
    /**
     * Fewest common daily returns a correlation is computed from; fewer reads as unknown, 0. At 20
     * returns the standard error of a coefficient near 0 is about 1/√17 ≈ 0.24, so the 0.5 and 0.8
     * levels of R-SIZE-3 are already well apart from noise; with fewer, a newly listed or thinly
     * traded ticker would be reduced or rejected on chance alone.
     */
    public static final int MIN_OVERLAP = 20;
    /** A return series whose spread is below this is flat: its spread is double rounding. */
    private static final double FLAT_SD = 1e-12;

    private ReturnCorrelation() {}

    /**
     * Returns Pearson's correlation of the daily simple returns of {@code a} and {@code b}. A
     * series' return runs between its consecutive closes and is keyed by the later day; the two
     * series are paired on the days both have a return. Fewer than {@code minOverlap} (or 2)
     * common returns, or a flat series, give 0; the result is clamped to [−1, 1].
     */
    public static double pearson(DailyCloses a, DailyCloses b, int minOverlap) {
        int i = 1;
        int j = 1;
        int na = a.size();
        int nb = b.size();
        int n = 0;
        double meanX = 0;
        double meanY = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        // one pass over the merge of the two day sequences, with Welford's updates of the
        // co-moments: no buffer, and no cancellation of a naive Σxy − n·x̄·ȳ
        while (i < na && j < nb) {
            int da = a.day(i);
            int db = b.day(j);
            if (da < db) {
                i++;
            } else if (db < da) {
                j++;
            } else {
                double x = a.close(i) / a.close(i - 1) - 1;
                double y = b.close(j) / b.close(j - 1) - 1;
                n++;
                double dx = x - meanX;
                double dy = y - meanY;
                meanX += dx / n;
                meanY += dy / n;
                sxx += dx * (x - meanX);
                syy += dy * (y - meanY);
                sxy += dx * (y - meanY);
                i++;
                j++;
            }
        }
        if (n < Math.max(2, minOverlap)) {
            return 0;
        }
        double flat = FLAT_SD * FLAT_SD * (n - 1);
        if (!(sxx > flat) || !(syy > flat)) {
            return 0;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Double.isNaN(r) ? 0 : Math.max(-1, Math.min(1, r));
    }

    /**
     * Returns the average of {@code byTicker} over the holdings weighted by market value: a
     * holding missing from the map (or with a value that is not finite) counts 0, a holding
     * without a positive market value weighs nothing, and no weight at all gives 0.
     */
    public static double weighted(Map<String, Double> byTicker, List<Holding> holdings) {
        if (holdings == null) {
            return 0;
        }
        double weight = 0;
        double sum = 0;
        for (Holding h : holdings) {
            double v = h.marketValue();
            if (!(v > 0) || !Double.isFinite(v)) {
                continue;
            }
            Double c = byTicker == null || h.ticker() == null ? null : byTicker.get(h.ticker());
            weight += v;
            if (c != null && Double.isFinite(c)) {
                sum += v * c;
            }
        }
        return weight > 0 ? sum / weight : 0;
    }
}
