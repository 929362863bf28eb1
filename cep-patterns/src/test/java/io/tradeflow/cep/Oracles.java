package io.tradeflow.cep;

import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Brute-force statements of each pattern's documented semantics, for comparison with CEP. */
final class Oracles {
    private Oracles() {}

    /** Earliest start wins, paired with its first completing bar; next start after that bar. */
    static List<RapidMove> rapidMoves(List<Bar> bars, double threshold, Duration window) {
        long w = window.toMillis();
        List<RapidMove> out = new ArrayList<>();
        for (List<Bar> series : byTicker(bars).values()) {
            int i = 0;
            while (i < series.size()) {
                int m = -1;
                for (int j = i + 1; j < series.size()
                        && series.get(j).ts() - series.get(i).ts() < w; j++) {
                    if (PriceMoves.isMove(series.get(i).close(), series.get(j).close(), threshold)) {
                        m = j;
                        break;
                    }
                }
                if (m < 0) {
                    i++;
                } else {
                    out.add(PriceMoves.move(series.get(i), series.get(m)));
                    i = m + 1;
                }
            }
        }
        return out;
    }

    /**
     * Each move at its first completing bar: the first bar after the previous move's completing
     * bar that is a move from some bar after it within the window, paired with the earliest such
     * bar ({@link RapidMoveScreen}'s semantics).
     */
    static List<RapidMove> firstCompletions(List<Bar> bars, double threshold, Duration window) {
        long w = window.toMillis();
        List<RapidMove> out = new ArrayList<>();
        for (List<Bar> series : byTicker(bars).values()) {
            int after = -1;
            for (int j = 0; j < series.size(); j++) {
                Bar end = series.get(j);
                for (int i = after + 1; i < j; i++) {
                    Bar start = series.get(i);
                    if (end.ts() - start.ts() < w
                            && PriceMoves.isMove(start.close(), end.close(), threshold)) {
                        out.add(PriceMoves.move(start, end));
                        after = j;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Keeps, of every bar's first completion (a CEP run without skipping), the move each first
     * completing bar reports: the earliest start after the previous reported move's bar.
     */
    static List<RapidMove> firstCompletionsOf(List<RapidMove> everyFirstCompletion) {
        Map<String, List<RapidMove>> byTicker = new TreeMap<>();
        everyFirstCompletion.forEach(
                m -> byTicker.computeIfAbsent(m.ticker(), t -> new ArrayList<>()).add(m));
        List<RapidMove> out = new ArrayList<>();
        for (List<RapidMove> moves : byTicker.values()) {
            moves.sort(Comparator.comparingLong(RapidMove::ts)
                    .thenComparingLong(RapidMove::startTs));
            long after = Long.MIN_VALUE;
            for (RapidMove m : moves) {
                if (m.startTs() > after) {
                    out.add(m);
                    after = m.ts();
                }
            }
        }
        return out;
    }

    private static Map<String, List<Bar>> byTicker(List<Bar> bars) {
        Map<String, List<Bar>> byTicker = new TreeMap<>();
        bars.forEach(b -> byTicker.computeIfAbsent(b.ticker(), t -> new ArrayList<>()).add(b));
        byTicker.values().forEach(series -> series.sort(
                Comparator.comparingLong(Bar::ts).thenComparing(RapidMovePattern.TIE_BREAK)));
        return byTicker;
    }

    /** A halt state machine over consecutive quotes; the first quote only sets the state. */
    static List<MarketEvent> vixHalts(List<VixQuote> quotes, double threshold) {
        List<VixQuote> sorted = new ArrayList<>(quotes);
        sorted.sort(Comparator.comparingLong(VixQuote::ts).thenComparing(VixBreakerPattern.TIE_BREAK));
        List<MarketEvent> out = new ArrayList<>();
        for (int k = 1; k < sorted.size(); k++) {
            boolean was = sorted.get(k - 1).value() >= threshold;
            boolean is = sorted.get(k).value() >= threshold;
            if (was != is) {
                out.add(VixLevels.transition(sorted.get(k - 1), sorted.get(k), threshold));
            }
        }
        return out;
    }

    /** First run of {@code count} consecutive moves spanning less than window; restart after. */
    static List<MarketEvent> clusters(
            List<RapidMove> moves, int count, Duration window, Duration duration) {
        List<RapidMove> sorted = new ArrayList<>(moves);
        sorted.sort(Comparator.comparingLong(RapidMove::ts)
                .thenComparing(VolatilityClusterPattern.TIE_BREAK));
        List<MarketEvent> out = new ArrayList<>();
        int i = 0;
        while (i + count - 1 < sorted.size()) {
            if (sorted.get(i + count - 1).ts() - sorted.get(i).ts() < window.toMillis()) {
                out.add(VolatilityClusterEvents.cluster(
                        sorted.subList(i, i + count), duration.toMillis()));
                i += count;
            } else {
                i++;
            }
        }
        return out;
    }
}
