package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.calendar.MarketTime;

import java.io.Serializable;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks the opening range breakouts of one ticker in one regular session (R-SIG-3): {@code orb}
 * and {@code orb_direction} each fire at most once per session.
 *
 * <p>Only regular-session bars ({@link Indicators#regularSession()}) count; the others leave the
 * state unchanged. A bar is eligible when its end time ({@link Bar#ts()}) is strictly after 09:45
 * America/New_York and both {@code orbHigh} and {@code orbLow} are known, so the bar that completes
 * the 09:30–09:45 range never breaks it.
 *
 * <ul>
 *   <li>{@code orb} fires on the first eligible close strictly above {@code orbHigh} ({@code buy})
 *       or strictly below {@code orbLow} ({@code sell}).
 *   <li>{@code orb_direction} fires on the first eligible close beyond the range on the side of the
 *       gap between the prior session's close and this session's first open: {@code sessionOpen >
 *       prevClose} (gap up) ⇒ only a close above {@code orbHigh} counts ({@code buy}); gap down ⇒
 *       only a close below {@code orbLow} ({@code sell}). A breakout against the gap is ignored and
 *       does not use up the session's signal. With no gap, or {@code prevClose}/{@code sessionOpen}
 *       unknown, it does not fire.
 * </ul>
 *
 * <p>Both may fire on the same bar. The state resets on the first regular bar of a new session
 * date.
 *
 * @param sessionDay the market date of the session the flags belong to, as an epoch day, or
 *     {@link #NO_SESSION}
 * @param orbFired whether {@code orb} fired in that session
 * @param directionFired whether {@code orb_direction} fired in that session
 */
public record OrbState(long sessionDay, boolean orbFired, boolean directionFired)
        implements Serializable {
    public static final String RULE = "R-SIG-3";
    public static final long NO_SESSION = Long.MIN_VALUE;
    /** End of the opening range; bars ending after it may break out. */
    public static final LocalTime RANGE_END = LocalTime.of(9, 45);

    /** Returns the state before any session. */
    public static OrbState initial() {
        return new OrbState(NO_SESSION, false, false);
    }

    /** Holds the next state and the signals fired at a bar ({@code orb} first). */
    public record Step(OrbState next, List<Signal> signals) implements Serializable {}

    public Step update(Bar bar, Indicators ind) {
        if (!ind.regularSession()) {
            return new Step(this, List.of());
        }
        long day = MarketTime.date(bar.ts()).toEpochDay();
        OrbState s = day == sessionDay ? this : new OrbState(day, false, false);
        Double hi = ind.orbHigh();
        Double lo = ind.orbLow();
        if (!MarketTime.time(bar.ts()).isAfter(RANGE_END)
                || !ConfluenceScore.known(hi) || !ConfluenceScore.known(lo)) {
            return new Step(s, List.of());
        }
        double close = bar.close();
        Side breakout = close > hi ? Side.CALL : close < lo ? Side.PUT : null;
        if (breakout == null) {
            return new Step(s, List.of());
        }
        List<Signal> out = new ArrayList<>(2);
        boolean orb = s.orbFired;
        boolean direction = s.directionFired;
        if (!orb) {
            out.add(breakout.signal(SignalTypes.ORB, bar));
            orb = true;
        }
        if (!direction && breakout == gap(ind)) {
            out.add(breakout.signal(SignalTypes.ORB_DIRECTION, bar));
            direction = true;
        }
        return new Step(new OrbState(day, orb, direction), List.copyOf(out));
    }

    /** Returns the side of the close-to-open gap, or {@code null} when flat or unknown. */
    static Side gap(Indicators ind) {
        Double open = ind.sessionOpen();
        Double prev = ind.prevClose();
        if (!ConfluenceScore.known(open) || !ConfluenceScore.known(prev)) {
            return null;
        }
        return open > prev ? Side.CALL : open < prev ? Side.PUT : null;
    }
}
