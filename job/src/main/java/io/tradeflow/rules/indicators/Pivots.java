package io.tradeflow.rules.indicators;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Holds classic floor pivots from the prior session ({@code P = (H + L + C) / 3}, {@code R1 = 2P
 * − L}, {@code S1 = 2P − H}), the prior session's close and this session's first open, in O(1).
 *
 * <p>Warm-up: the levels and the prior close are {@code null} until a session has been seen
 * whole and a later date has started ({@link #startDay} rolls on the first bar of a new date,
 * pre-market bars included, so they are known before the open). A session counts as whole when
 * its first bar ended at or before 09:45 ET; a session first seen later (the stream started
 * mid-session) gives no levels. A date without session bars keeps the previous levels. The prior
 * session is the last one with bars, not checked against the calendar. The session open is
 * {@code null} before the session's first bar. Immutable, so it can be kept as keyed state as it
 * is.
 *
 * @param day the current session's date as an epoch day, {@code Long.MIN_VALUE} at the start
 * @param bars session bars seen on {@code day}
 * @param whole whether the current session's first bar ended by 09:45
 * @param priorDay the prior session's date as an epoch day, {@code Long.MIN_VALUE} when unknown
 */
public record Pivots(long day, int bars, boolean whole, double open, double high, double low,
        double close, long priorDay, double priorHigh, double priorLow, double priorClose)
        implements Serializable {

    private static final LocalTime WHOLE_BY = LocalTime.of(9, 45);

    public static Pivots start() {
        return new Pivots(Long.MIN_VALUE, 0, false, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Long.MIN_VALUE, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Moves to the session of {@code date}, closing the current one; a no-op on the same date. */
    public Pivots startDay(LocalDate date) {
        long d = date.toEpochDay();
        if (d == day) {
            return this;
        }
        if (bars == 0) {
            return new Pivots(d, 0, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    priorDay, priorHigh, priorLow, priorClose);
        }
        if (!whole) {
            return new Pivots(d, 0, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Long.MIN_VALUE, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Pivots(d, 0, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, day, high,
                low, close);
    }

    /** Adds a session bar ending at market date {@code session} and time {@code end}. */
    public Pivots update(LocalDate session, LocalTime end, double o, double h, double l,
            double c) {
        Pivots p = startDay(session);
        if (p.bars == 0) {
            return new Pivots(p.day, 1, !end.isAfter(WHOLE_BY), o, h, l, c, p.priorDay,
                    p.priorHigh, p.priorLow, p.priorClose);
        }
        return new Pivots(p.day, p.bars + 1, p.whole, p.open, Math.max(p.high, h),
                Math.min(p.low, l), c, p.priorDay, p.priorHigh, p.priorLow, p.priorClose);
    }

    /** Returns whether the prior session's levels are known. */
    public boolean known() {
        return priorDay != Long.MIN_VALUE;
    }

    /** Returns the prior session's date, or {@code null} when unknown. */
    public LocalDate priorSession() {
        return known() ? LocalDate.ofEpochDay(priorDay) : null;
    }

    /** Returns the classic pivot P of the prior session, or {@code null}. */
    public Double pivot() {
        return known() ? (priorHigh + priorLow + priorClose) / 3 : null;
    }

    /** Returns R1 = 2P − L of the prior session, or {@code null}. */
    public Double r1() {
        return known() ? 2 * pivot() - priorLow : null;
    }

    /** Returns S1 = 2P − H of the prior session, or {@code null}. */
    public Double s1() {
        return known() ? 2 * pivot() - priorHigh : null;
    }

    /** Returns the prior session's last close, or {@code null}. */
    public Double prevClose() {
        return known() ? priorClose : null;
    }

    /** Returns the current session's first open, or {@code null} before its first bar. */
    public Double sessionOpen() {
        return bars > 0 ? open : null;
    }

    /** Returns whether the current session is that of {@code date}. */
    public boolean isFor(LocalDate date) {
        return day == date.toEpochDay();
    }
}
