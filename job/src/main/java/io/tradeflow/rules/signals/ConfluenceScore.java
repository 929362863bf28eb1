package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;

import java.io.Serializable;
import java.util.List;

/**
 * Scores the confluence of a bar for the CALL and PUT sides (R-SIG-2) and says which side, if any,
 * fires.
 *
 * <p>One point per side for each component:
 *
 * <ul>
 *   <li>{@code vwap}: close &gt; VWAP (CALL), close &lt; VWAP (PUT);
 *   <li>{@code ema}: EMA fast (9) &gt; EMA slow (21) (CALL), &lt; (PUT);
 *   <li>{@code rsi}: 50 &lt; RSI(14) ≤ 70 (CALL), 30 ≤ RSI &lt; 50 (PUT) — the right side of 50
 *       but not overbought/oversold; exactly 50 scores for neither side;
 *   <li>{@code macd}: MACD(12,26,9) histogram &gt; 0 (CALL), &lt; 0 (PUT);
 *   <li>{@code rel_vol}: relative volume ≥ 1.5 — one point for <em>both</em> sides;
 *   <li>{@code candle}: close &gt; open (CALL), close &lt; open (PUT);
 *   <li>{@code pivot}: close &gt; prior-day classic pivot P (CALL), &lt; P (PUT), only when P is
 *       known.
 * </ul>
 *
 * <p>The maximum score is 7 when the pivot is known, else 6. An indicator that is {@code null}
 * (warm-up, not applicable) or not finite scores 0 for both sides in its component, and does not
 * lower the maximum (only the pivot does). Equalities score for neither side. A side fires when its
 * score is ≥ {@code minConfluence} and strictly greater than the other side's score; since the two
 * sides share only the {@code rel_vol} point, both never fire together. Relative volume is used as
 * the indicator gives it, unrounded.
 */
public final class ConfluenceScore {
    public static final String RULE = "R-SIG-2";
    public static final int DEFAULT_MIN_CONFLUENCE = 5;
    public static final double RSI_MID = 50;
    public static final double RSI_OVERBOUGHT = 70;
    public static final double RSI_OVERSOLD = 30;
    public static final double MIN_REL_VOL = 1.5;

    public static final String VWAP = "vwap";
    public static final String EMA = "ema";
    public static final String RSI = "rsi";
    public static final String MACD = "macd";
    public static final String REL_VOL = "rel_vol";
    public static final String CANDLE = "candle";
    public static final String PIVOT = "pivot";

    private ConfluenceScore() {}

    /**
     * Records one component of the score for the trace.
     *
     * @param known whether its inputs were known (a component with unknown inputs scores 0)
     */
    public record Component(String name, boolean known, boolean call, boolean put)
            implements Serializable {}

    /**
     * Holds the scores of one bar.
     *
     * @param maxScore 7 with a known pivot, else 6
     * @param fired the side that fires, or {@code null}
     * @param components the seven components in a fixed order ({@code pivot} last)
     */
    public record Result(int callScore, int putScore, int maxScore, Side fired,
            List<Component> components) implements Serializable {

        /** Returns the score of the fired side, or of the better side when none fires. */
        public int score() {
            return fired == Side.PUT ? putScore : fired == Side.CALL ? callScore
                    : Math.max(callScore, putScore);
        }

        /** Returns the confluence signal of the fired side, or {@code null} when none fires. */
        public Signal signal(Bar bar, Indicators ind) {
            if (fired == null) {
                return null;
            }
            return new Signal(bar.ticker(), bar.ts(), SignalTypes.CONFLUENCE, fired.action(),
                    (double) score(), (double) maxScore, known(ind.relVol()) ? ind.relVol() : null,
                    bar.close());
        }
    }

    /** Scores a bar with the default {@code minConfluence} (5). */
    public static Result score(Bar bar, Indicators ind) {
        return score(bar, ind, DEFAULT_MIN_CONFLUENCE);
    }

    /** Scores a bar; a side fires with ≥ {@code minConfluence} points and more than the other. */
    public static Result score(Bar bar, Indicators ind, int minConfluence) {
        double close = bar.close();
        List<Component> cs = List.of(
                above(I_VWAP, close, value(ind.vwap())),
                above(I_EMA, value(ind.emaFast()), value(ind.emaSlow())),
                rsi(ind.rsi()),
                above(I_MACD, value(ind.macdHist()), 0.0),
                relVol(ind.relVol()),
                above(I_CANDLE, close, bar.open()),
                above(I_PIVOT, close, value(ind.pivot())));
        int call = 0;
        int put = 0;
        for (Component c : cs) {
            call += c.call() ? 1 : 0;
            put += c.put() ? 1 : 0;
        }
        int max = known(ind.pivot()) ? 7 : 6;
        Side fired = null;
        if (call >= minConfluence && call > put) {
            fired = Side.CALL;
        } else if (put >= minConfluence && put > call) {
            fired = Side.PUT;
        }
        return new Result(call, put, max, fired, cs);
    }

    /** The components in their order, {@code pivot} last, and each one's index. */
    private static final String[] NAMES = {VWAP, EMA, RSI, MACD, REL_VOL, CANDLE, PIVOT};
    private static final int I_VWAP = 0;
    private static final int I_EMA = 1;
    private static final int I_RSI = 2;
    private static final int I_MACD = 3;
    private static final int I_REL_VOL = 4;
    private static final int I_CANDLE = 5;
    private static final int I_PIVOT = 6;

    /**
     * Every component there can be, by its index in {@link #NAMES} and its three flags: a bar's
     * score takes them from here (a component is a value), not seven new ones a bar.
     */
    private static final Component[][] COMPONENTS = new Component[NAMES.length][8];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            for (int flags = 0; flags < 8; flags++) {
                COMPONENTS[i][flags] = new Component(NAMES[i], (flags & 4) != 0,
                        (flags & 2) != 0, (flags & 1) != 0);
            }
        }
    }

    private static Component component(int i, boolean known, boolean call, boolean put) {
        return COMPONENTS[i][(known ? 4 : 0) | (call ? 2 : 0) | (put ? 1 : 0)];
    }

    /**
     * CALL when {@code x > ref}, PUT when {@code x < ref}; neither when equal or unknown (not
     * finite: an unknown indicator is {@link #value NaN}).
     */
    private static Component above(int i, double x, double ref) {
        if (!Double.isFinite(x) || !Double.isFinite(ref)) {
            return component(i, false, false, false);
        }
        return component(i, true, x > ref, x < ref);
    }

    /** An indicator's value, NaN when it is unknown ({@code null}). */
    private static double value(Double x) {
        return x == null ? Double.NaN : x;
    }

    private static Component rsi(Double rsi) {
        if (!known(rsi)) {
            return component(I_RSI, false, false, false);
        }
        return component(I_RSI, true, rsi > RSI_MID && rsi <= RSI_OVERBOUGHT,
                rsi >= RSI_OVERSOLD && rsi < RSI_MID);
    }

    private static Component relVol(Double relVol) {
        if (!known(relVol)) {
            return component(I_REL_VOL, false, false, false);
        }
        boolean high = relVol >= MIN_REL_VOL;
        return component(I_REL_VOL, true, high, high);
    }

    static boolean known(Double x) {
        return x != null && Double.isFinite(x);
    }
}
