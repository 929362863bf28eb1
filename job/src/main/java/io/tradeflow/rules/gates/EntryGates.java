package io.tradeflow.rules.gates;

import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.calendar.MarketTime;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
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
                        fmt("%d open positions, below the maximum of %d", open, max))
                : GateResult.fail(MAX_OPEN_POSITIONS,
                        fmt("%d open positions reach the maximum of %d", open, max));
    }

    /**
     * R-DAY-1: fails once the day's entries reach {@code maxTradesPerDay} or the losing trades in
     * a row reach {@code maxConsecutiveLosses}; a limit of 0 turns its half off.
     */
    public static GateResult dailyTrades(int entriesToday, int consecutiveLosses, RiskParams r) {
        int maxTrades = r.maxTradesPerDay();
        int maxLosses = r.maxConsecutiveLosses();
        String trades = maxTrades > 0
                ? fmt("%d entries today of at most %d", entriesToday, maxTrades)
                : fmt("%d entries today (no daily limit)", entriesToday);
        String losses = maxLosses > 0
                ? fmt("%d losing trades in a row of at most %d", consecutiveLosses, maxLosses)
                : fmt("%d losing trades in a row (no limit)", consecutiveLosses);
        if (maxTrades > 0 && entriesToday >= maxTrades) {
            return GateResult.fail(DAILY_TRADES,
                    fmt("%d entries today reach the daily limit of %d; %s", entriesToday,
                            maxTrades, losses));
        }
        if (maxLosses > 0 && consecutiveLosses >= maxLosses) {
            return GateResult.fail(DAILY_TRADES,
                    fmt("%d losing trades in a row reach the limit of %d; %s",
                            consecutiveLosses, maxLosses, trades));
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
                ? GateResult.pass(HEAT, fmt("heat %.4f within the maximum %.4f", share,
                        maxHeatPct))
                : GateResult.fail(HEAT, fmt("heat %.4f after the tranche above the maximum %.4f",
                        share, maxHeatPct));
    }

    /** R-POOL-3: passes while the active pool is at least {@code min}. */
    public static GateResult activePool(double activePool, double min) {
        return activePool >= min
                ? GateResult.pass(ACTIVE_POOL, fmt("active pool %s is at least the minimum %s",
                        Fractions.amount(activePool), Fractions.amount(min)))
                : GateResult.fail(ACTIVE_POOL, fmt("active pool %s is below the minimum %s",
                        Fractions.amount(activePool), Fractions.amount(min)));
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
        String detail = fmt("%d of %d open positions (%s) are down more than %s", declining,
                open, Fractions.percent(share), Fractions.percent(r.decliningLossPct()));
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
        ZonedDateTime t = MarketTime.at(ts);
        LocalDate date = t.toLocalDate();
        LocalTime time = t.toLocalTime();
        if (eventDates == null || !eventDates.contains(date)) {
            return GateResult.pass(EVENT_DAY, fmt("%s is not an event day", date));
        }
        return time.isBefore(cutoff)
                ? GateResult.pass(EVENT_DAY, fmt("%s is an event day and %s ET is before the "
                        + "cut-off %s", date, time, cutoff))
                : GateResult.fail(EVENT_DAY, fmt("%s is an event day and %s ET is at or after "
                        + "the cut-off %s", date, time, cutoff));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
