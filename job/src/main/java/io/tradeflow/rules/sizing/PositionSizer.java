package io.tradeflow.rules.sizing;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.correlation.ReturnCorrelation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sizes an entry through the sizing rules, in order: the confidence gate (R-SIZE-1), the
 * earnings gate (R-CAL-2), {@code pct = basePct × confidence / minConfidence} (R-SIZE-2), the
 * diversification bonus (R-SIZE-5) and the tier's max position %, {@code dollars = activePool ×
 * pct} clamped to the absolute cap, the correlation reduction (R-SIZE-3), the sector room
 * (R-SIZE-4), the earnings reduction (R-CAL-2), the cash, {@code quantity = floor(dollars /
 * price)}, confluence sizing (R-SIZE-7) re-clamped to every cap, the per-trade risk cap (R-SIZE-8)
 * and the heat gate (R-SIZE-6); zero shares is a rejection by the rule that took the size below
 * one share.
 *
 * <p>Gates are recorded as steps whether they pass or not ({@code in} = the measured value,
 * {@code out} = the threshold); clamps and factors are recorded when they change the size
 * ({@code in} → {@code out}). R-CAL-2 is recorded only when an earnings date is known and R-SIZE-7
 * only when it applies.
 */
public final class PositionSizer {
    public static final String CONFIDENCE_RULE = "R-SIZE-1";
    public static final String SIZE_RULE = "R-SIZE-2";
    public static final String CORRELATION_RULE = "R-SIZE-3";
    public static final String SECTOR_RULE = "R-SIZE-4";
    public static final String DIVERSIFICATION_RULE = "R-SIZE-5";
    public static final String HEAT_RULE = "R-SIZE-6";
    public static final String CONFLUENCE_RULE = "R-SIZE-7";
    public static final String CAP_RULE = "R-SIZE-8";
    public static final String EARNINGS_RULE = "R-CAL-2";
    /** Relative slack of the share floor, far above double rounding and far below a share. */
    private static final double FLOOR_TOLERANCE = 1e-12;

    private PositionSizer() {}

    /**
     * Sizes by R-SIZE-1, R-SIZE-2 and the cash alone, for a caller without portfolio context: no
     * holdings, sector, stop, earnings date or confluence score, so the portfolio rules have
     * nothing to check and are not recorded.
     */
    public static Sizing size(double confidence, TierParams tier, RuleParams p, double activePool,
            double cashAvailable, double price) {
        SizingRequest r = new SizingRequest(confidence, tier, p, activePool, activePool,
                cashAvailable, price, price, null, null, List.of(), Map.of(), null, null, null);
        return new Run(r, false).size();
    }

    /** Sizes the candidate entry of {@code r} through every sizing rule. */
    public static Sizing size(SizingRequest r) {
        return new Run(r, true).size();
    }

    /** Returns {@code floor(dollars / price)}, 0 for a price that is not positive and finite. */
    static long shares(double dollars, double price) {
        if (!(price > 0) || !Double.isFinite(price) || !(dollars > 0)) {
            return 0;
        }
        // dollars carries the rounding of pct (4 % × 0.689 / 0.65 × 100 000 = 4 239.999…): a
        // quotient a hair under a whole number is that number, or floor drops a share
        double q = Math.floor(dollars / price * (1 + FLOOR_TOLERANCE));
        return q >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) q;
    }

    /** One sizing: the request, the steps so far and the running figures. */
    private static final class Run {
        private final SizingRequest r;
        private final TierParams tier;
        private final RuleParams p;
        private final RiskParams risk;
        private final boolean portfolioRules;
        private final List<SizingStep> steps = new ArrayList<>();
        private final double correlation;
        private final double heatBefore;
        private final double sectorBefore;
        private final boolean earningsFlag;
        private double dollars;
        /** The rule whose step took the dollars below one share; {@code null} while above. */
        private String belowOneShareBy;

        Run(SizingRequest r, boolean portfolioRules) {
            this.r = r;
            this.tier = r.tier();
            this.p = r.rules();
            this.risk = p.risk();
            this.portfolioRules = portfolioRules;
            this.correlation = ReturnCorrelation.weighted(r.correlations(), r.holdings());
            double heat = 0;
            double sector = 0;
            for (Holding h : r.holdings()) {
                heat += h.heat();
                if (r.sector() != null && r.sector().equals(h.sector())) {
                    sector += h.marketValue();
                }
            }
            this.heatBefore = heat;
            this.sectorBefore = sector;
            Integer days = r.earningsTradingDays();
            this.earningsFlag = portfolioRules && days != null
                    && days <= Math.max(risk.earningsReduceDays(), risk.earningsRejectDays());
        }

        Sizing size() {
            if (!(r.confidence() >= tier.minConfidence())) {
                step(CONFIDENCE_RULE, "confidence_gate", r.confidence(), tier.minConfidence(),
                        "confidence below the " + tier.name() + " minimum");
                return reject(CONFIDENCE_RULE);
            }
            step(CONFIDENCE_RULE, "confidence_gate", r.confidence(), tier.minConfidence(), "pass");

            Integer days = r.earningsTradingDays();
            if (portfolioRules && days != null) {
                if (days <= risk.earningsRejectDays()) {
                    step(EARNINGS_RULE, "earnings_gate", days, risk.earningsRejectDays(),
                            "earnings within " + risk.earningsRejectDays() + " trading day(s)");
                    return reject(EARNINGS_RULE);
                }
                step(EARNINGS_RULE, "earnings_gate", days, risk.earningsRejectDays(), "pass");
            }

            double pct = p.basePct() * (r.confidence() / tier.minConfidence());
            step(SIZE_RULE, "pct", p.basePct(), pct, "basePct x confidence / minConfidence");
            if (portfolioRules) {
                pct = diversification(pct);
            }
            if (pct > tier.maxPositionPct()) {
                step(SIZE_RULE, "pct_cap", pct, tier.maxPositionPct(),
                        "clamped to the tier's max position %");
                pct = tier.maxPositionPct();
            }
            dollars = Math.max(0, r.activePool()) * pct;
            step(SIZE_RULE, "dollars", r.activePool(), dollars, "activePool x pct");
            if (shares(dollars, r.price()) < 1) {
                belowOneShareBy = SIZE_RULE;
            }
            if (dollars > p.absolutePositionCap()) {
                reduce(SIZE_RULE, "absolute_cap", p.absolutePositionCap(),
                        "clamped to absolutePositionCap");
            }

            if (portfolioRules) {
                if (!correlation()) {
                    return reject(CORRELATION_RULE);
                }
                if (!sector()) {
                    return reject(SECTOR_RULE);
                }
                if (earningsFlag) {
                    reduce(EARNINGS_RULE, "earnings_reduce", dollars * risk.earningsSizeFactor(),
                            "x " + risk.earningsSizeFactor() + ": earnings within "
                                    + risk.earningsReduceDays() + " trading days (" + days + ")");
                }
            }

            double cash = Math.max(0, r.cashAvailable());
            if (dollars > cash) {
                reduce(SIZE_RULE, "cash_cap", cash,
                        "clamped to the cash not committed to open orders");
            }
            long quantity = shares(dollars, r.price());
            step(SIZE_RULE, "quantity", dollars, quantity,
                    "floor(dollars / price) at price " + r.price());
            if (quantity <= 0) {
                return reject(belowOneShareBy != null ? belowOneShareBy : SIZE_RULE);
            }
            if (!portfolioRules) {
                return accept(quantity);
            }

            quantity = confluence(quantity);
            quantity = perTradeCaps(quantity);
            if (quantity <= 0) {
                return reject(CAP_RULE);
            }
            return heat(quantity);
        }

        /** R-SIZE-5: × bonus for a known sector absent from fewer than the max held sectors. */
        private double diversification(double pct) {
            Set<String> held = new HashSet<>();
            for (Holding h : r.holdings()) {
                if (h.sector() != null) {
                    held.add(h.sector());
                }
            }
            String why;
            if (r.sector() == null) {
                why = "candidate sector unknown: no bonus";
            } else if (held.contains(r.sector())) {
                why = "sector " + r.sector() + " already held: no bonus";
            } else if (held.size() >= risk.diversificationMaxSectors()) {
                why = held.size() + " sectors held, not fewer than "
                        + risk.diversificationMaxSectors() + ": no bonus";
            } else {
                double out = pct * risk.diversificationBonus();
                step(DIVERSIFICATION_RULE, "diversification", pct, out,
                        "x " + risk.diversificationBonus() + ": new sector " + r.sector() + ", "
                                + held.size() + " sector(s) held");
                return out;
            }
            step(DIVERSIFICATION_RULE, "diversification", pct, pct, why);
            return pct;
        }

        /** R-SIZE-3: returns false to reject, else reduces the dollars above the reduce level. */
        private boolean correlation() {
            double c = correlation;
            double lo = risk.correlationReduce();
            double hi = risk.correlationReject();
            String of = "weighted correlation over " + r.holdings().size() + " holding(s)";
            if (c > hi) {
                step(CORRELATION_RULE, "correlation", c, hi, of + " above " + hi + ": reject");
                return false;
            }
            if (!(c > lo)) {
                step(CORRELATION_RULE, "correlation", c, lo, of + ": pass");
                return true;
            }
            double factor = Math.max(0, Math.min(1, 1 - (c - lo) / (hi - lo)));
            step(CORRELATION_RULE, "correlation", c, lo, of + " above " + lo + ": reduce");
            reduce(CORRELATION_RULE, "correlation_reduce", dollars * factor,
                    "x (1 - (" + c + " - " + lo + ") / (" + hi + " - " + lo + ")) = x " + factor);
            return true;
        }

        /** R-SIZE-4: returns false to reject a full sector, else cuts the dollars to its room. */
        private boolean sector() {
            double cap = tier.maxSectorPct() * r.portfolioValue();
            if (r.sector() == null) {
                step(SECTOR_RULE, "sector", 0, cap, "candidate sector unknown: not checked");
                return true;
            }
            double room = cap - sectorBefore;
            String held = "sector " + r.sector() + " holds " + sectorBefore + " of a "
                    + tier.maxSectorPct() + " x " + r.portfolioValue() + " cap";
            if (!(room > 0)) {
                step(SECTOR_RULE, "sector", sectorBefore, cap, held + ": no room");
                return false;
            }
            step(SECTOR_RULE, "sector", sectorBefore, cap, held + ": room " + room);
            if (dollars > room) {
                reduce(SECTOR_RULE, "sector_cap", room, "clamped to the sector's room");
            }
            return true;
        }

        /**
         * R-SIZE-7: × 2 at score ≥ 6 and relVol ≥ 2.0, half (at least 1) at score ≤ 5, then
         * re-clamped so doubling breaks no cap: position %, absolute cap, cash and sector room.
         */
        private long confluence(long quantity) {
            Integer score = r.confluenceScore();
            if (!risk.confluenceSizing() || score == null) {
                return quantity;
            }
            Double relVol = r.relVol();
            long q;
            String why;
            if (score >= 6 && relVol != null && relVol >= 2.0) {
                q = quantity > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : quantity * 2;
                why = "x 2: score " + score + " >= 6 and relVol " + relVol + " >= 2.0";
            } else if (score <= 5) {
                q = Math.max(1, quantity / 2);
                why = "half, at least 1: score " + score + " <= 5";
            } else {
                q = quantity;
                why = "unchanged: score " + score + ", relVol " + relVol;
            }
            step(CONFLUENCE_RULE, "confluence", quantity, q, why);
            if (q <= quantity) {
                return q;
            }
            double price = r.price();
            long max = shares(Math.max(0, r.activePool()) * tier.maxPositionPct(), price);
            String rule = SIZE_RULE;
            String cap = "the tier's max position % of the active pool";
            long abs = shares(p.absolutePositionCap(), price);
            if (abs < max) {
                max = abs;
                rule = CAP_RULE;
                cap = "absolutePositionCap";
            }
            long cash = shares(Math.max(0, r.cashAvailable()), price);
            if (cash < max) {
                max = cash;
                rule = SIZE_RULE;
                cap = "the cash";
            }
            if (r.sector() != null) {
                double sectorCap = tier.maxSectorPct() * r.portfolioValue();
                long room = shares(sectorCap - sectorBefore, price);
                if (room < max) {
                    max = room;
                    rule = SECTOR_RULE;
                    cap = "the sector's room";
                }
            }
            if (q > max) {
                step(rule, "confluence_cap", q, max, "re-clamped to " + cap);
                q = max;
            }
            return q;
        }

        /** R-SIZE-8: the absolute cap on the position value and the per-trade risk cap. */
        private long perTradeCaps(long quantity) {
            long q = quantity;
            long abs = shares(p.absolutePositionCap(), r.price());
            if (q > abs) {
                step(CAP_RULE, "quantity_cap", q, abs, "clamped to absolutePositionCap");
                q = abs;
            }
            double perShare = Math.abs(r.price() - r.stop());
            double cap = risk.maxRiskPerTradePct() * r.portfolioValue();
            if (!Double.isFinite(perShare)) {
                step(CAP_RULE, "risk_cap", q, 0, "no valid stop (" + r.stop()
                        + "): the per-trade risk cannot be capped");
                return 0;
            }
            String of = "risk " + perShare + " a share to the stop " + r.stop() + ", cap "
                    + risk.maxRiskPerTradePct() + " x " + r.portfolioValue() + " = " + cap;
            if (perShare > 0 && q * perShare > cap) {
                long fit = shares(Math.max(0, cap), perShare);
                step(CAP_RULE, "risk_cap", q, fit, of + ": reduced");
                return Math.min(q, fit);
            }
            step(CAP_RULE, "risk_cap", q, q, of + ": pass");
            return q;
        }

        /** R-SIZE-6: rejects when the heat after the entry exceeds the tier's max. */
        private Sizing heat(long quantity) {
            double after = heatOf(heatBefore + quantity * Math.abs(r.price() - r.stop()));
            if (!(after <= tier.maxHeatPct())) {
                step(HEAT_RULE, "heat", after, tier.maxHeatPct(),
                        "heat after the entry above the " + tier.name() + " max");
                return reject(HEAT_RULE);
            }
            step(HEAT_RULE, "heat", after, tier.maxHeatPct(), "pass");
            return new Sizing(quantity, null, List.copyOf(steps), correlation,
                    sectorShare(quantity * r.price()), after, earningsFlag);
        }

        private void step(String rule, String step, double in, double out, String note) {
            steps.add(new SizingStep(rule, step, in, out, note));
        }

        /** Records a step lowering the dollars, and whether it took them below one share. */
        private void reduce(String rule, String step, double to, String note) {
            step(rule, step, dollars, to, note);
            boolean wasAShare = shares(dollars, r.price()) >= 1;
            dollars = to;
            if (wasAShare && shares(dollars, r.price()) < 1) {
                belowOneShareBy = rule;
            }
        }

        private Sizing accept(long quantity) {
            return new Sizing(quantity, null, List.copyOf(steps), correlation, null,
                    heatOf(heatBefore), false);
        }

        private Sizing reject(String rule) {
            return new Sizing(0, rule, List.copyOf(steps), correlation,
                    portfolioRules ? sectorShare(0) : null, heatOf(heatBefore), earningsFlag);
        }

        private Double sectorShare(double added) {
            if (r.sector() == null) {
                return null;
            }
            return share(sectorBefore + added);
        }

        private double heatOf(double heat) {
            return share(heat);
        }

        /** Returns {@code amount / portfolioValue}: 0 of nothing, infinite of no portfolio. */
        private double share(double amount) {
            if (amount == 0) {
                return 0;
            }
            double pv = r.portfolioValue();
            return pv > 0 ? amount / pv : Double.POSITIVE_INFINITY;
        }
    }
}
