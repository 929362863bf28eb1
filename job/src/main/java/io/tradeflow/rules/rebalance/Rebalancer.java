package io.tradeflow.rules.rebalance;

import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the weekly rebalance (R-REB-1) as sells only, in three passes: trim every position above
 * the tier's max position % of the active pool down to it; sell the lowest-confidence positions of
 * each sector above the tier's max sector % of the portfolio value first, whole or in part, until
 * the sector is within; close the lowest-confidence positions beyond the max open positions. Ties
 * of confidence go by ticker, sectors by name, so the plan is the same on every replay.
 *
 * <p>Sells leave the portfolio value and the active pool unchanged (stock becomes cash), so every
 * cap is measured against the figures given. Quantities are whole: a trim rounds the kept
 * quantity down and a sector sale rounds the sold quantity up, so the result is within every cap.
 */
public final class Rebalancer {
    public static final String RULE = "R-REB-1";
    public static final String POSITION_PCT = RULE + ":position_pct";
    public static final String SECTOR_PCT = RULE + ":sector_pct";
    public static final String MAX_POSITIONS = RULE + ":max_positions";
    /** Relative slack of whole-share rounding, far above double rounding, far below a share. */
    private static final double TOLERANCE = 1e-12;
    private static final Comparator<Held> LOWEST_CONFIDENCE_FIRST =
            Comparator.comparingDouble(Held::confidence).thenComparing(Held::ticker);

    private Rebalancer() {}

    /**
     * Describes one held position.
     *
     * @param sector the sector, {@code null} when unknown (then no sector cap applies to it)
     * @param price the latest price
     */
    public record Held(String ticker, String sector, double confidence, long quantity,
            double price) {}

    /**
     * Holds one sell of the plan.
     *
     * @param quantity shares to sell, at least 1
     * @param reason {@code R-REB-1:position_pct}, {@code R-REB-1:sector_pct} or {@code
     *     R-REB-1:max_positions}
     */
    public record Trim(String ticker, long quantity, String reason) {}

    /**
     * Returns the sells that bring the positions within the tier's max position % of {@code
     * activePool}, its max sector % of {@code portfolioValue} and {@code maxOpenPositions}: the
     * position pass first (by ticker), then the sector pass (by sector, lowest confidence first),
     * then the count pass (lowest confidence first). A position may be sold by more than one pass,
     * one trim per pass. A non-positive active pool skips the position pass (it would sell
     * everything), a non-positive portfolio value the sector pass, a {@code maxOpenPositions} of
     * 0 the count pass (0 turns R-POS-1 off).
     */
    public static List<Trim> plan(List<Held> positions, double activePool,
            double portfolioValue, TierParams tier, int maxOpenPositions) {
        Map<String, Held> held = new TreeMap<>();
        Map<String, Long> qty = new LinkedHashMap<>();
        for (Held h : positions) {
            if (h.quantity() > 0) {
                held.put(h.ticker(), h);
            }
        }
        held.forEach((t, h) -> qty.put(t, h.quantity()));
        List<Trim> out = new ArrayList<>();

        if (activePool > 0 && Double.isFinite(activePool)) {
            double cap = tier.maxPositionPct() * activePool;
            for (Held h : held.values()) {
                if (!priced(h)) {
                    continue;
                }
                long q = qty.get(h.ticker());
                if (Fractions.exceeds(q * h.price(), 0, activePool, tier.maxPositionPct())) {
                    long keep = Math.max(0, Math.min(q, floor(cap / h.price())));
                    if (keep < q) {
                        sell(out, qty, h.ticker(), q - keep, POSITION_PCT);
                    }
                }
            }
        }

        if (portfolioValue > 0 && Double.isFinite(portfolioValue)) {
            double cap = tier.maxSectorPct() * portfolioValue;
            Map<String, List<Held>> sectors = new TreeMap<>();
            for (Held h : held.values()) {
                if (h.sector() != null && priced(h)) {
                    sectors.computeIfAbsent(h.sector(), s -> new ArrayList<>()).add(h);
                }
            }
            for (List<Held> members : sectors.values()) {
                members.sort(LOWEST_CONFIDENCE_FIRST);
                double value = 0;
                for (Held h : members) {
                    value += qty.get(h.ticker()) * h.price();
                }
                for (Held h : members) {
                    if (!Fractions.exceeds(value, 0, portfolioValue, tier.maxSectorPct())) {
                        break;
                    }
                    long q = qty.get(h.ticker());
                    if (q == 0) {
                        continue;
                    }
                    long n = Math.min(q, Math.max(1, ceil((value - cap) / h.price())));
                    sell(out, qty, h.ticker(), n, SECTOR_PCT);
                    value -= n * h.price();
                }
            }
        }

        if (maxOpenPositions > 0) {
            List<Held> open = new ArrayList<>();
            for (Held h : held.values()) {
                if (qty.get(h.ticker()) > 0) {
                    open.add(h);
                }
            }
            open.sort(LOWEST_CONFIDENCE_FIRST);
            for (int i = 0; i < open.size() - maxOpenPositions; i++) {
                Held h = open.get(i);
                sell(out, qty, h.ticker(), qty.get(h.ticker()), MAX_POSITIONS);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns whether a bar is the weekly rebalance bar (R-REB-1): a regular-session bar on the
     * week's first trading day (Monday, or the next trading day when Monday is a holiday) when no
     * rebalance happened since that day's open. A week whose first trading day passes without a
     * bar is not caught up later in the week.
     *
     * @param ts the bar's end (epoch milliseconds, event time)
     * @param lastRebalanceTs when the account last rebalanced, {@code null} if never
     */
    public static boolean isRebalanceBar(long ts, Long lastRebalanceTs, TradingCalendar cal) {
        if (!cal.isRegularSession(ts)) {
            return false;
        }
        LocalDate day = MarketTime.date(ts);
        LocalDate first = firstTradingDayOfWeek(day, cal);
        if (!day.equals(first)) {
            return false;
        }
        return lastRebalanceTs == null
                || lastRebalanceTs < MarketTime.epochMillis(first, TradingCalendar.OPEN);
    }

    /**
     * Returns the first trading day of the Monday-to-Sunday week holding {@code day}, {@code null}
     * when the week has none.
     */
    public static LocalDate firstTradingDayOfWeek(LocalDate day, TradingCalendar cal) {
        LocalDate d = day.with(DayOfWeek.MONDAY);
        for (int i = 0; i < 7; i++, d = d.plusDays(1)) {
            if (cal.isTradingDay(d)) {
                return d;
            }
        }
        return null;
    }

    private static boolean priced(Held h) {
        return h.price() > 0 && Double.isFinite(h.price());
    }

    private static void sell(List<Trim> out, Map<String, Long> qty, String ticker, long n,
            String reason) {
        qty.put(ticker, qty.get(ticker) - n);
        out.add(new Trim(ticker, n, reason));
    }

    /** Whole shares at most {@code x}, a quotient a hair under a whole number counting as it. */
    private static long floor(double x) {
        double q = Math.floor(x * (1 + TOLERANCE));
        return q >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) q;
    }

    /** Whole shares at least {@code x}, a quotient a hair over a whole number counting as it. */
    private static long ceil(double x) {
        double q = Math.ceil(x * (1 - TOLERANCE));
        return q >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) q;
    }
}
