package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.calendar.MarketTime;

import java.io.Serializable;
import java.util.List;

/**
 * Detects a turn back toward the session VWAP after a stretch of at least {@code k} ATRs
 * ({@code vwap_reversion}, a backtest-only type under R-SIG-1's default
 * {@code allowedLiveSignalTypes}).
 *
 * <p>With {@code band = k × ATR} ({@code k} = {@code vwapReversionAtr}, default 2), a bar fires
 *
 * <ul>
 *   <li>{@code sell} when {@code close − vwap ≥ band} (still stretched above at its close) and
 *       {@code close < open} (its body points back down toward VWAP);
 *   <li>{@code buy} when {@code vwap − close ≥ band} and {@code close > open}.
 * </ul>
 *
 * <p>Each side fires at most once per excursion: after firing, that side re-arms only on a bar
 * whose close is back inside the band (or in a new session), so a slow drift back from a stretch
 * is one signal, not one per bar. Bars with VWAP or ATR unknown, or ATR ≤ 0, neither fire nor
 * re-arm. VWAP is a session indicator, so outside the regular session it is normally unknown.
 *
 * @param sessionDay the market date (epoch day) the flags belong to, or {@link OrbState#NO_SESSION}
 * @param aboveSpent whether {@code sell} fired in the current excursion above VWAP
 * @param belowSpent whether {@code buy} fired in the current excursion below VWAP
 */
public record VwapReversion(long sessionDay, boolean aboveSpent, boolean belowSpent)
        implements Serializable {
    public static final double DEFAULT_ATR_MULTIPLE = 2.0;

    public static VwapReversion initial() {
        return new VwapReversion(OrbState.NO_SESSION, false, false);
    }

    /** Holds the next state and the signal fired at a bar, if any. */
    public record Step(VwapReversion next, List<Signal> signals) implements Serializable {}

    public Step update(Bar bar, Indicators ind, double k) {
        Double vwap = ind.vwap();
        Double atr = ind.atr();
        if (!ConfluenceScore.known(vwap) || !ConfluenceScore.known(atr) || atr <= 0) {
            return new Step(this, List.of());
        }
        long day = MarketTime.date(bar.ts()).toEpochDay();
        boolean above = day == sessionDay && aboveSpent;
        boolean below = day == sessionDay && belowSpent;
        double band = k * atr;
        double d = bar.close() - vwap;
        boolean stretchedAbove = d >= band;
        boolean stretchedBelow = -d >= band;
        above &= stretchedAbove;
        below &= stretchedBelow;
        Signal fired = null;
        if (stretchedAbove && !above && bar.close() < bar.open()) {
            fired = Side.PUT.signal(SignalTypes.VWAP_REVERSION, bar);
            above = true;
        } else if (stretchedBelow && !below && bar.close() > bar.open()) {
            fired = Side.CALL.signal(SignalTypes.VWAP_REVERSION, bar);
            below = true;
        }
        return new Step(new VwapReversion(day, above, below),
                fired == null ? List.of() : List.of(fired));
    }
}
