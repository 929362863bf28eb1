package io.tradeflow.cep;

import io.tradeflow.event.Bar;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, for one ticker's bars offered in time order, the bars that complete a rapid move
 * (R-MOVE-1) and the bar each move starts from, in O(1) amortized time per bar.
 *
 * <p>A move is reported at the <em>first</em> bar {@code e} that is at least {@code threshold}
 * away from the close of some bar {@code s} after the previous move's completing bar with {@code
 * e.ts - s.ts < window}; its start is the earliest such {@code s}. This is known when {@code e}
 * arrives, so a move can be acted on at its own bar's time.
 *
 * <p>Why it is cheap: the window holds the bars that may still start a move, with two monotonic
 * deques of their closes (suffix minima and maxima). Because {@code close / start} falls as {@code
 * start} rises, some bar of the window starts a move from {@code e} exactly when the lowest or
 * the highest close does; only then is the window scanned for the earliest start, and a move
 * empties the window, so every bar is scanned at most once. Bars without a positive close never
 * start a move ({@link PriceMoves#isMove}) and are not kept.
 *
 * <p>A Flink POJO (no-arg constructor, getters and setters), so it can be keyed state.
 */
public final class RapidMoveScreen {
    private List<Bar> window = new ArrayList<>();
    private List<Bar> lows = new ArrayList<>();
    private List<Bar> highs = new ArrayList<>();

    public RapidMoveScreen() {}

    /**
     * Offers the ticker's next bar (in time order; at one time, in tie order) and returns the
     * bar its move starts from, or {@code null} when it completes no move.
     *
     * @param threshold the move as a fraction (0.05 = 5 %)
     * @param windowMs the window in milliseconds; bars exactly this far apart never pair
     */
    public Bar offer(Bar bar, double threshold, long windowMs) {
        long oldest = bar.ts() - windowMs;
        dropThrough(window, oldest);
        dropThrough(lows, oldest);
        dropThrough(highs, oldest);
        if (!lows.isEmpty() && (PriceMoves.isMove(lows.get(0).close(), bar.close(), threshold)
                || PriceMoves.isMove(highs.get(0).close(), bar.close(), threshold))) {
            for (Bar start : window) {
                if (PriceMoves.isMove(start.close(), bar.close(), threshold)) {
                    // the next move starts after this one's completing bar
                    window.clear();
                    lows.clear();
                    highs.clear();
                    return start;
                }
            }
            throw new IllegalStateException("the window's extremes and its bars disagree");
        }
        if (bar.close() > 0) {
            window.add(bar);
            int n = lows.size();
            while (n > 0 && lows.get(n - 1).close() >= bar.close()) {
                lows.remove(--n);
            }
            lows.add(bar);
            n = highs.size();
            while (n > 0 && highs.get(n - 1).close() <= bar.close()) {
                highs.remove(--n);
            }
            highs.add(bar);
        }
        return null;
    }

    /** Removes the leading bars whose ts is at or before {@code oldest}. */
    private static void dropThrough(List<Bar> bars, long oldest) {
        int k = 0;
        while (k < bars.size() && bars.get(k).ts() <= oldest) {
            k++;
        }
        if (k > 0) {
            bars.subList(0, k).clear();
        }
    }

    public List<Bar> getWindow() {
        return window;
    }

    public void setWindow(List<Bar> window) {
        this.window = window;
    }

    public List<Bar> getLows() {
        return lows;
    }

    public void setLows(List<Bar> lows) {
        this.lows = lows;
    }

    public List<Bar> getHighs() {
        return highs;
    }

    public void setHighs(List<Bar> highs) {
        this.highs = highs;
    }
}
