package io.tradeflow.rules.breakers;

import io.tradeflow.rules.Fractions;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.orders.OrderIds;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Decides when the loss circuit breakers trip and when a breaker ends (R-CB-1, R-CB-2, R-CB-4):
 * losses are positive fractions, a limit is crossed only when strictly exceeded (decided in
 * decimal arithmetic near the limit, see {@link Fractions#exceeds}), and a breaker is active from
 * its trip until, excluding, its expiry.
 */
public final class CircuitBreakers {
    public static final String DAILY_LOSS_RULE = "R-CB-1";
    public static final String POSITION_LOSS_RULE = "R-CB-2";
    public static final String EXPIRY_RULE = "R-CB-4";

    private CircuitBreakers() {}

    /** Returns the day's loss as a fraction of the day's start value, 0 when the start is ≤ 0. */
    public static double dayLoss(double dayStartValue, double value) {
        return dayStartValue > 0 ? (dayStartValue - value) / dayStartValue : 0;
    }

    /** R-CB-1: trips when the day's loss is strictly more than {@code limit}. */
    public static boolean dailyLossTrips(double dayStartValue, double value, double limit) {
        if (!(dayStartValue > 0)) {
            return 0 > limit;
        }
        return Fractions.exceeds(dayStartValue, value, dayStartValue, limit);
    }

    /**
     * Returns a position's loss as a fraction of its entry price: positive for a loss, negative
     * for a gain, mirrored for a short; 0 when the entry price is ≤ 0.
     */
    public static double positionLoss(boolean isLong, double entry, double mark) {
        if (!(entry > 0)) {
            return 0;
        }
        return isLong ? (entry - mark) / entry : (mark - entry) / entry;
    }

    /** R-CB-2: trips when the position's loss is strictly more than {@code limit}. */
    public static boolean positionLossTrips(boolean isLong, double entry, double mark,
            double limit) {
        if (!(entry > 0)) {
            return 0 > limit;
        }
        return isLong
                ? Fractions.exceeds(entry, mark, entry, limit)
                : Fractions.exceeds(mark, entry, entry, limit);
    }

    /**
     * R-CB-1: returns the start (00:00 America/New_York) of the first trading day after the market
     * date of {@code ts}, when a daily-loss halt ends.
     */
    public static long dailyLossExpiry(long ts, TradingCalendar cal) {
        LocalDate next = cal.nextTradingDay(MarketTime.date(ts));
        return MarketTime.epochMillis(next, LocalTime.MIDNIGHT);
    }

    /** R-CB-2, R-CB-3: returns when a breaker tripped at {@code trippedTs} ends by itself. */
    public static long cooldownExpiry(long trippedTs, Duration cooldown) {
        return trippedTs + cooldown.toMillis();
    }

    /** R-CB-4: returns whether a breaker expiring at {@code expiresTs} is still active at now. */
    public static boolean active(long expiresTs, long now) {
        return now < expiresTs;
    }

    /**
     * Returns the deterministic id of a trip: the same account, type, ticker ({@code null} for
     * account-wide breakers) and trip time give the same id on every replay.
     */
    public static String breakerId(String account, String type, String ticker, long trippedTs) {
        return "b-" + OrderIds.hash(account, type, ticker == null ? "" : ticker,
                Long.toString(trippedTs));
    }
}
