package io.tradeflow.rules.gates;

import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.calendar.MarketTime;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * Decides the entry gates that count positions, trades, money and the event calendar (R-POS-1,
 * R-DAY-1, R-POOL-3, R-HALT-1, R-CAL-1); each returns a {@link GateResult} whose rule id is the
 * reason of the skip it causes. Exits are never gated.
 */
public final class EntryGates {
    public static final String MAX_OPEN_POSITIONS = "R-POS-1";
    public static final String DAILY_TRADES = "R-DAY-1";
    public static final String ACTIVE_POOL = "R-POOL-3";
    public static final String DECLINING_POSITIONS = "R-HALT-1";
    public static final String EVENT_DAY = "R-CAL-1";
    public static final String HEAT = "R-SIZE-6";

    private EntryGates() {}

    /** R-POS-1: passes while fewer than {@code max} positions are open. */
    public static GateResult maxOpenPositions(int open, int max) {
        return open < max
                ? GateResult.pass(MAX_OPEN_POSITIONS,
                        open + " open positions, below the maximum of " + max)
                : GateResult.fail(MAX_OPEN_POSITIONS,
                        open + " open positions reach the maximum of " + max);
    }

    /**
     * R-DAY-1: fails once the day's entries reach {@code maxTradesPerDay} or the losing trades in
     * a row reach {@code maxConsecutiveLosses}; a limit of 0 turns its half off.
     */
    public static GateResult dailyTrades(int entriesToday, int consecutiveLosses, RiskParams r) {
        int maxTrades = r.maxTradesPerDay();
        int maxLosses = r.maxConsecutiveLosses();
        String trades = maxTrades > 0
                ? entriesToday + " entries today of at most " + maxTrades
                : entriesToday + " entries today (no daily limit)";
        String losses = maxLosses > 0
                ? consecutiveLosses + " losing trades in a row of at most " + maxLosses
                : consecutiveLosses + " losing trades in a row (no limit)";
        if (maxTrades > 0 && entriesToday >= maxTrades) {
            return GateResult.fail(DAILY_TRADES,
                    entriesToday + " entries today reach the daily limit of " + maxTrades
                            + "; " + losses);
        }
        if (maxLosses > 0 && consecutiveLosses >= maxLosses) {
            return GateResult.fail(DAILY_TRADES,
                    consecutiveLosses + " losing trades in a row reach the limit of "
                            + maxLosses + "; " + trades);
        }
        return GateResult.pass(DAILY_TRADES, trades + "; " + losses);
    }

    /**
     * R-SIZE-6 for an order added to an entry (a later tranche): passes while the heat
     * {@code heat / portfolioValue} stays within {@code maxHeatPct}; no portfolio value fails.
     */
    public static GateResult heat(double heat, double portfolioValue, double maxHeatPct) {
        double share = heat == 0 ? 0 : portfolioValue > 0 ? heat / portfolioValue
                : Double.POSITIVE_INFINITY;
        return share <= maxHeatPct
                ? GateResult.pass(HEAT, "heat " + Fractions.fixed(share, 4)
                        + " within the maximum " + Fractions.fixed(maxHeatPct, 4))
                : GateResult.fail(HEAT, "heat " + Fractions.fixed(share, 4)
                        + " after the tranche above the maximum " + Fractions.fixed(maxHeatPct, 4));
    }

    /** R-POOL-3: passes while the active pool is at least {@code min}. */
    public static GateResult activePool(double activePool, double min) {
        return activePool >= min
                ? GateResult.pass(ACTIVE_POOL, "active pool " + Fractions.amount(activePool)
                        + " is at least the minimum " + Fractions.amount(min))
                : GateResult.fail(ACTIVE_POOL, "active pool "
                        + Fractions.amount(activePool) + " is below the minimum "
                        + Fractions.amount(min));
    }

    /**
     * R-HALT-1: fails when the share of open positions whose unrealized return is below
     * {@code −decliningLossPct} is strictly more than {@code decliningShare}. Returns are signed
     * fractions ({@code −0.03} is a 3 % loss); a {@code null} or NaN return counts as an open
     * position that is not declining. No open positions pass.
     */
    public static GateResult decliningPositions(List<Double> unrealizedReturns, RiskParams r) {
        int open = unrealizedReturns == null ? 0 : unrealizedReturns.size();
        if (open == 0) {
            return GateResult.pass(DECLINING_POSITIONS, "no open positions");
        }
        int declining = 0;
        for (Double ret : unrealizedReturns) {
            if (ret != null && ret < -r.decliningLossPct()) {
                declining++;
            }
        }
        // a correctly rounded quotient equals the share's literal when the ratio is exactly it
        double share = (double) declining / open;
        String detail = declining + " of " + open + " open positions ("
                + Fractions.percent(share) + ") are down more than "
                + Fractions.percent(r.decliningLossPct());
        return share > r.decliningShare()
                ? GateResult.fail(DECLINING_POSITIONS,
                        detail + ", more than the halt share of "
                                + Fractions.percent(r.decliningShare()))
                : GateResult.pass(DECLINING_POSITIONS,
                        detail + ", not more than the halt share of "
                                + Fractions.percent(r.decliningShare()));
    }

    /**
     * R-CAL-1: fails when the market date of {@code ts} (America/New_York) is an event date and
     * its market time is at or after {@code cutoff}; a {@code null} cutoff turns the gate off.
     */
    public static GateResult eventDay(long ts, Set<LocalDate> eventDates, LocalTime cutoff) {
        if (cutoff == null) {
            return GateResult.pass(EVENT_DAY, "event-day cut-off off");
        }
        LocalDate date = MarketTime.date(ts);
        LocalTime time = MarketTime.time(ts);
        if (eventDates == null || !eventDates.contains(date)) {
            return GateResult.pass(EVENT_DAY, date + " is not an event day");
        }
        return time.isBefore(cutoff)
                ? GateResult.pass(EVENT_DAY, date + " is an event day and " + time
                        + " ET is before the cut-off " + cutoff)
                : GateResult.fail(EVENT_DAY, date + " is an event day and " + time
                        + " ET is at or after the cut-off " + cutoff);
    }
}
