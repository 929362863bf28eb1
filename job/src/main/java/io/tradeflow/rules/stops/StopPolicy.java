package io.tradeflow.rules.stops;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves the stops and targets of open positions: the tightened multiplier (R-STOP-6), the
 * re-evaluation on an ATR change or a rapid move (R-STOP-5, R-MOVE-1), the trailing stop
 * (R-STOP-4), the heat tightening (R-STOP-7) and the stale-price deadline (R-STOP-8). A stop only
 * ever tightens: toward the price, never away from it.
 *
 * <p>A tightened stop is not clamped to the current price by {@link #reevaluate}: when it lands
 * at or through the price, the next bar reaches it and R-STOP-3 ({@link ExitTrigger}) closes the
 * position at market. That is the intended outcome of a stop tightened to where the price already
 * is; the heat tightening, which moves stops for portfolio reasons rather than price reasons,
 * does stop at the mark and at the entry.
 */
public final class StopPolicy {
    public static final String TRAILING_RULE = "R-STOP-4";
    public static final String REEVALUATE_RULE = "R-STOP-5";
    public static final String TIGHTEN_RULE = "R-STOP-6";
    public static final String HEAT_RULE = "R-STOP-7";
    public static final String STALE_RULE = "R-STOP-8";
    public static final String RAPID_MOVE_RULE = "R-MOVE-1";
    /** Below this relative gap a double comparison is not trusted. */
    private static final double NEAR = 1e-9;
    /** The most days {@link #staleAt} walks: far beyond any sensible stale-price duration. */
    private static final int MAX_DAYS = 100_000;

    private StopPolicy() {}

    /**
     * Holds new levels of a position and why they changed.
     *
     * @param rule the rule id that moved them (the caller's: R-STOP-5, R-STOP-6 or R-MOVE-1; or
     *     R-STOP-4 for the trailing stop)
     * @param reason a sentence with the numbers
     */
    public record LevelChange(double stop, double target, String rule, String reason) {}

    /**
     * Describes an open position for the heat tightening (R-STOP-7).
     *
     * @param marketValue the position's current value (quantity × mark)
     * @param mark the latest price
     */
    public record PositionRisk(String ticker, boolean isLong, double confidence,
            double marketValue, double entry, double stop, double mark) {

        /** Returns the position's heat {@code marketValue × |entry − stop| / entry} (R-SIZE-6). */
        public double heat() {
            return heatAt(stop);
        }

        double heatAt(double s) {
            if (!(entry > 0) || !Double.isFinite(s)) {
                return Math.max(0, marketValue);
            }
            return marketValue * Math.abs(entry - s) / entry;
        }
    }

    /**
     * Holds one stop moved by the heat tightening (R-STOP-7).
     *
     * @param previousStop the stop before
     * @param stop the tightened stop
     * @param heat the position's heat after the move
     */
    public record StopTightening(String ticker, double previousStop, double stop, double heat,
            String rule) {}

    // ---------------------------------------------------------------- R-STOP-6

    /**
     * Returns the stop's ATR multiplier (R-STOP-6): the tier's, × {@code earningsStopFactor} (0.7)
     * when the ticker reports within 3 trading days, × {@code highSeverityStopFactor} (0.5) during
     * a high-severity event; both factors apply together.
     */
    public static double multiplier(TierParams tier, boolean earningsSoon, boolean highSeverity,
            ExitParams e) {
        double m = tier.stopAtrMultiplier();
        if (earningsSoon) {
            m *= e.earningsStopFactor();
        }
        if (highSeverity) {
            m *= e.highSeverityStopFactor();
        }
        return m;
    }

    // ---------------------------------------------------------------- R-STOP-5, R-MOVE-1

    /**
     * Returns whether ATR changed by more than {@code atrChangePct} since the levels were set
     * (R-STOP-5): exactly 10 % is no change. An ATR unknown when the levels were set (they came
     * from the R-STOP-2 fallback) and known now counts as a change; an unknown ATR now is none.
     */
    public static boolean atrChanged(double atrAtSet, Double atrNow, ExitParams e) {
        if (!known(atrNow)) {
            return false;
        }
        if (!known(atrAtSet)) {
            return true;
        }
        double hi = Math.max(atrAtSet, atrNow);
        double lo = Math.min(atrAtSet, atrNow);
        return Fractions.exceeds(hi, lo, atrAtSet, e.atrChangePct());
    }

    /**
     * Re-evaluates a position's levels (R-STOP-5; R-MOVE-1 with {@code force}): when forced or
     * when {@link #atrChanged}, the computed stop is {@code entry ∓ atrNow × multiplier} and the
     * target {@code entry ± atrNow × multiplier × rewardRisk}. The stop only tightens (a long
     * keeps {@code max(stop, computed)}, a short {@code min}); the target follows the computed
     * distance either way, so a stop held at breakeven (R-STOP-4) keeps a target beyond the entry.
     *
     * <p>The new stop is not limited by the current price: a stop tightened to or through it is
     * reached by the next bar and closes the position (R-STOP-3), see the class comment.
     *
     * @param atrNow the current ATR; when unknown, a forced re-evaluation uses {@code atrAtSet},
     *     and without any ATR nothing changes
     * @param multiplier the stop multiplier, from {@link #multiplier}
     * @param force re-evaluate whatever the ATR change (a rapid move, a high-severity event)
     * @param rule the rule id recorded on the change
     * @return the new levels, or {@code null} when neither moves
     */
    public static LevelChange reevaluate(boolean isLong, double entry, double stop,
            double target, double atrAtSet, Double atrNow, double multiplier, double rewardRisk,
            ExitParams e, boolean force, String rule) {
        boolean changed = atrChanged(atrAtSet, atrNow, e);
        if (!force && !changed) {
            return null;
        }
        double atr = known(atrNow) ? atrNow : atrAtSet;
        if (!known(atr) || !(multiplier > 0) || !(entry > 0)) {
            return null;
        }
        double distance = atr * multiplier;
        double computedStop = isLong ? entry - distance : entry + distance;
        double newTarget = isLong ? entry + distance * rewardRisk : entry - distance * rewardRisk;
        double newStop = tighter(isLong, stop, computedStop);
        if (!(rewardRisk > 0) || !Double.isFinite(newTarget)) {
            newTarget = target;
        }
        if (newStop == stop && newTarget == target) {
            return null;
        }
        String why = (known(atrAtSet) ? "atr " + Fractions.amount(atrAtSet) : "atr unknown")
                + " -> " + Fractions.amount(atr) + (force ? " (forced)" : "") + ", multiplier "
                + Fractions.amount(multiplier) + ": stop "
                + (newStop == stop ? "kept at " : "tightened to ") + Fractions.amount(newStop)
                + ", target " + Fractions.amount(newTarget);
        return new LevelChange(newStop, newTarget, rule, why);
    }

    /** Returns the tighter of two stops: the higher for a long, the lower for a short. */
    public static double tighter(boolean isLong, double stop, double candidate) {
        if (!Double.isFinite(stop)) {
            return candidate;
        }
        return isLong ? Math.max(stop, candidate) : Math.min(stop, candidate);
    }

    // ---------------------------------------------------------------- R-STOP-4

    /**
     * Returns whether the trailing stop is armed (R-STOP-4): the favourable extreme since entry
     * (the highest high of a long, the lowest low of a short) has moved more than {@code
     * trailingArmPct} of the way from the entry to the target. Exactly 50 % does not arm.
     */
    public static boolean trailingArmed(boolean isLong, double entry, double target,
            double extreme, ExitParams e) {
        double way = isLong ? target - entry : entry - target;
        if (!(way > 0)) {
            return false;
        }
        double moved = isLong ? extreme - entry : entry - extreme;
        double limit = e.trailingArmPct() * way;
        if (Math.abs(moved - limit) > NEAR * (Math.abs(moved) + Math.abs(limit))) {
            return moved > limit;
        }
        if (!Double.isFinite(entry) || !Double.isFinite(target) || !Double.isFinite(extreme)) {
            return moved > limit;
        }
        // decided in decimal, so that an extreme exactly half-way never arms by binary rounding
        BigDecimal en = BigDecimal.valueOf(entry);
        BigDecimal exactMoved = BigDecimal.valueOf(extreme).subtract(en);
        BigDecimal exactWay = BigDecimal.valueOf(target).subtract(en);
        if (!isLong) {
            exactMoved = exactMoved.negate();
            exactWay = exactWay.negate();
        }
        return exactMoved.compareTo(BigDecimal.valueOf(e.trailingArmPct()).multiply(exactWay))
                > 0;
    }

    /**
     * Returns the price beyond which the trailing stop arms: {@code entry ± trailingArmPct ×
     * |target − entry|}. A long arms strictly above it, a short strictly below.
     */
    public static double armPrice(boolean isLong, double entry, double target, ExitParams e) {
        double way = Math.abs(target - entry) * e.trailingArmPct();
        return isLong ? entry + way : entry - way;
    }

    /**
     * Returns the trailing move (R-STOP-4): the stop to the entry (breakeven) once {@link
     * #trailingArmed}, or {@code null} when it is not armed or the stop is already at or beyond
     * the entry. The target is kept.
     */
    public static LevelChange trail(boolean isLong, double entry, double stop, double target,
            double extreme, ExitParams e) {
        if (!trailingArmed(isLong, entry, target, extreme, e)) {
            return null;
        }
        double newStop = tighter(isLong, stop, entry);
        if (newStop == stop) {
            return null;
        }
        return new LevelChange(newStop, target, TRAILING_RULE, "extreme "
                + Fractions.amount(extreme) + " beyond " + Fractions.amount(armPrice(isLong,
                        entry, target, e)) + ": stop to breakeven " + Fractions.amount(newStop));
    }

    // ---------------------------------------------------------------- R-STOP-7

    /**
     * Tightens stops when heat exceeds {@code heatTightenAt × maxHeatPct} of the portfolio value
     * (R-STOP-7), lowest-confidence positions first (ties by ticker), each as far as needed and
     * allowed before the next: just enough to bring heat down to that level. A stop never loosens
     * and never moves past the entry (breakeven, no heat) nor past the mark (a long's stop at most
     * {@code min(entry, mark)}, a short's at least {@code max(entry, mark)}); a stop at the mark
     * is reached by the next bar. Heat exactly at the level changes nothing. When every stop is
     * at its limit and heat is still above the level, the changes made are returned: heat is as
     * low as the rule can bring it.
     *
     * @return the moved stops in the order they were moved
     */
    public static List<StopTightening> tightenForHeat(List<PositionRisk> positions,
            double portfolioValue, double maxHeatPct, ExitParams e) {
        if (positions == null || positions.isEmpty() || !(portfolioValue > 0)) {
            return List.of();
        }
        double limit = heatLimit(portfolioValue, maxHeatPct, e);
        double heat = 0;
        for (PositionRisk p : positions) {
            heat += p.heat();
        }
        if (!above(heat, limit)) {
            return List.of();
        }
        List<PositionRisk> order = new ArrayList<>(positions);
        order.sort(Comparator.comparingDouble(PositionRisk::confidence)
                .thenComparing(PositionRisk::ticker, Comparator.nullsFirst(String::compareTo)));
        List<StopTightening> out = new ArrayList<>();
        for (PositionRisk p : order) {
            if (!above(heat, limit)) {
                break;
            }
            if (!(p.entry() > 0) || !(p.marketValue() > 0) || !Double.isFinite(p.stop())
                    || !Double.isFinite(p.mark())) {
                continue;
            }
            double bound = p.isLong() ? Math.min(p.entry(), p.mark())
                    : Math.max(p.entry(), p.mark());
            // a stop already at or beyond its bound stays (never loosens)
            if (p.isLong() ? p.stop() >= bound : p.stop() <= bound) {
                continue;
            }
            double before = p.heat();
            double floor = p.heatAt(bound);
            double reducible = before - floor;
            if (!(reducible > 0)) {
                continue;
            }
            double excess = heat - limit;
            double newStop;
            double after;
            if (reducible <= excess) {
                newStop = bound;
                after = floor;
            } else {
                double distance = (before - excess) * p.entry() / p.marketValue();
                newStop = p.isLong() ? p.entry() - distance : p.entry() + distance;
                // never past the bound, never looser, whatever the rounding
                newStop = p.isLong() ? Math.min(bound, Math.max(p.stop(), newStop))
                        : Math.max(bound, Math.min(p.stop(), newStop));
                after = p.heatAt(newStop);
            }
            if (newStop == p.stop()) {
                continue;
            }
            heat += after - before;
            out.add(new StopTightening(p.ticker(), p.stop(), newStop, after, HEAT_RULE));
        }
        return List.copyOf(out);
    }

    /** Returns the heat above which R-STOP-7 tightens: {@code heatTightenAt × maxHeatPct × pv}. */
    public static double heatLimit(double portfolioValue, double maxHeatPct, ExitParams e) {
        if (!Double.isFinite(portfolioValue) || !Double.isFinite(maxHeatPct)) {
            return e.heatTightenAt() * maxHeatPct * portfolioValue;
        }
        // decimal, so that 0.8 × 0.1 × 100 000 is 8 000 and not 8 000.000000000002
        return BigDecimal.valueOf(e.heatTightenAt()).multiply(BigDecimal.valueOf(maxHeatPct))
                .multiply(BigDecimal.valueOf(portfolioValue)).doubleValue();
    }

    /** Whether a heat is above the limit by more than double rounding. */
    private static boolean above(double heat, double limit) {
        return heat - limit > NEAR * Math.max(Math.abs(limit), 1e-12);
    }

    // ---------------------------------------------------------------- R-STOP-8

    /**
     * Returns the event time at which {@code after} of regular-session market time has elapsed
     * since {@code lastPriceTs} (R-STOP-8): only time between the open (09:30) and the close
     * (16:00, or the early close) of trading days counts, so nights, weekends and holidays do
     * not; a price outside the session counts from the next open. The position is stale at and
     * after the returned time ({@link #isStale}). A non-positive {@code after} returns {@code
     * lastPriceTs}.
     */
    public static long staleAt(long lastPriceTs, TradingCalendar cal, Duration after) {
        long remaining = after.toMillis();
        if (remaining <= 0) {
            return lastPriceTs;
        }
        LocalDate day = MarketTime.date(lastPriceTs);
        long from = lastPriceTs;
        // each day consumes its session or returns; the guard only stops a runaway duration
        for (int guard = 0; guard < MAX_DAYS; guard++) {
            LocalTime close = cal.closeTime(day);
            if (close != null) {
                long open = MarketTime.epochMillis(day, TradingCalendar.OPEN);
                long end = MarketTime.epochMillis(day, close);
                long start = Math.max(from, open);
                if (start < end) {
                    long left = end - start;
                    if (remaining <= left) {
                        return start + remaining;
                    }
                    remaining -= left;
                }
            }
            day = day.plusDays(1);
            from = Long.MIN_VALUE;
        }
        throw new IllegalArgumentException("no trading session found after "
                + MarketTime.iso(lastPriceTs));
    }

    /** Returns whether a position last priced at {@code lastPriceTs} is stale at {@code ts}. */
    public static boolean isStale(long lastPriceTs, long ts, TradingCalendar cal,
            Duration after) {
        return ts >= staleAt(lastPriceTs, cal, after);
    }

    private static boolean known(Double atr) {
        return atr != null && atr > 0 && Double.isFinite(atr);
    }
}
