package io.tradeflow.rules.indicators;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Holds the opening range of a session (R-SIG-3): the high and low of the bars whose end time is
 * in (09:30, 09:45] ET, updated in O(1).
 *
 * <p>Warm-up: {@link #high()} and {@link #low()} are {@code null} until the range is complete,
 * which is after the bar ending at 09:45, or at the first later bar when that one is missing (a
 * later bar never extends the range). A bar of a new session date resets it. A session with no
 * bar in the window has no range. Bars must not span 09:45 (1, 5 or 15-minute bars do not).
 * Immutable, so it can be kept as keyed state as it is.
 *
 * @param day the session's date as an epoch day, {@code Long.MIN_VALUE} before the first bar
 * @param bars bars seen inside the window
 */
public record OpeningRange(long day, int bars, double rangeHigh, double rangeLow,
        boolean complete) implements Serializable {

    public static final LocalTime START = LocalTime.of(9, 30);
    public static final LocalTime END = LocalTime.of(9, 45);

    public static OpeningRange start() {
        return new OpeningRange(Long.MIN_VALUE, 0, Double.NaN, Double.NaN, false);
    }

    /** Adds a bar ending at market date {@code session} and time {@code end}. */
    public OpeningRange update(LocalDate session, LocalTime end, double high, double low) {
        long d = session.toEpochDay();
        OpeningRange r = d == day ? this : new OpeningRange(d, 0, Double.NaN, Double.NaN, false);
        if (r.complete) {
            return r;
        }
        if (end.isAfter(START) && !end.isAfter(END)) {
            double h = r.bars == 0 ? high : Math.max(r.rangeHigh, high);
            double l = r.bars == 0 ? low : Math.min(r.rangeLow, low);
            return new OpeningRange(d, r.bars + 1, h, l, end.equals(END));
        }
        if (end.isAfter(END)) {
            return new OpeningRange(d, r.bars, r.rangeHigh, r.rangeLow, true);
        }
        return r;
    }

    /** Returns whether the state belongs to the session of {@code date}. */
    public boolean isFor(LocalDate date) {
        return day == date.toEpochDay();
    }

    /** Returns whether the range is complete and has at least one bar. */
    public boolean known() {
        return complete && bars > 0;
    }

    /** Returns the range high once complete, else {@code null}. */
    public Double high() {
        return known() ? rangeHigh : null;
    }

    /** Returns the range low once complete, else {@code null}. */
    public Double low() {
        return known() ? rangeLow : null;
    }
}
