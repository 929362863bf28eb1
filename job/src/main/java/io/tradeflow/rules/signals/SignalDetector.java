package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detects the strategy signals of one ticker bar by bar (R-SIG-2, R-SIG-3, and the backtest-only
 * types of R-SIG-1): {@code orb}, {@code orb_direction}, {@code confluence}, {@code ema_cross} and
 * {@code vwap_reversion}.
 *
 * <p>Feed it every bar of the ticker in event-time order with the indicators known at the bar's
 * end. Every bar advances the state of {@link EmaCross} and {@link VwapReversion}; {@link OrbState}
 * follows regular-session bars only. Signals are emitted only on regular-session bars
 * ({@link Indicators#regularSession()}), only for {@link SignalParams#enabledTypes()}, and in the
 * order of {@link SignalTypes#ALL}. {@code confluence} fires when a side
 * newly qualifies (not on every following bar that still qualifies), so a trend makes one
 * recommendation, not one a minute.
 *
 * <p>What it reads from {@link Indicators}: {@code regularSession}; {@code vwap}, {@code emaFast},
 * {@code emaSlow}, {@code rsi}, {@code macdHist}, {@code relVol}, {@code pivot} (confluence);
 * {@code orbHigh}, {@code orbLow}, {@code prevClose}, {@code sessionOpen} (ORB); {@code atr},
 * {@code vwap} (VWAP reversion). It ignores {@code macd}, {@code macdSignal}, {@code volumeSma},
 * {@code r1} and {@code s1}.
 *
 * <p>The settings travel with the state; after a restore, {@link #withParams} applies the current
 * configuration without losing the per-session flags.
 */
public record SignalDetector(SignalParams params, OrbState orb, EmaCross emaCross,
        VwapReversion vwapReversion, String confluenceSide) implements Serializable {

    private static final Comparator<Signal> BY_TYPE =
            Comparator.comparingInt(s -> SignalTypes.rank(s.type()));

    /** Returns the detector before any bar. */
    public static SignalDetector initial(SignalParams params) {
        return new SignalDetector(params, OrbState.initial(), EmaCross.initial(),
                VwapReversion.initial(), null);
    }

    public SignalDetector withParams(SignalParams p) {
        return new SignalDetector(p, orb, emaCross, vwapReversion, confluenceSide);
    }

    /**
     * Holds the next state, the signals fired at the bar and the confluence score of the bar.
     *
     * @param confluence the score of the bar (for traces and the indicators CLI), {@code null} on
     *     a bar outside the regular session
     */
    public record Step(SignalDetector next, List<Signal> signals,
            ConfluenceScore.Result confluence) implements Serializable {}

    public Step update(Bar bar, Indicators ind) {
        OrbState.Step o = orb.update(bar, ind);
        EmaCross.Step e = emaCross.update(bar, ind);
        VwapReversion.Step v = vwapReversion.update(bar, ind, params.vwapReversionAtr());
        if (!ind.regularSession()) {
            return new Step(new SignalDetector(params, o.next(), e.next(), v.next(), null),
                    List.of(), null);
        }
        ConfluenceScore.Result c = ConfluenceScore.score(bar, ind, params.minConfluence());
        Signal confluence = c.signal(bar, ind);
        String side = confluence == null ? null : confluence.action();
        boolean newSide = confluence != null && !confluence.action().equals(confluenceSide);
        SignalDetector next = new SignalDetector(params, o.next(), e.next(), v.next(), side);
        if (!newSide && o.signals().isEmpty() && e.signals().isEmpty()
                && v.signals().isEmpty()) {
            return new Step(next, List.of(), c); // nearly every bar
        }
        List<Signal> fired = new ArrayList<>(o.signals());
        if (newSide) {
            fired.add(confluence);
        }
        fired.addAll(e.signals());
        fired.addAll(v.signals());
        List<Signal> out = fired.stream().filter(s -> params.enabled(s.type())).sorted(BY_TYPE)
                .toList();
        return new Step(next, out, c);
    }
}
