package io.tradeflow.cep;

import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brute-force statements of each pattern's documented semantics, for comparison with CEP, written
 * from the rules' text (R-MOVE-1: a ticker moving at least 5 % within 15 minutes; R-VIX-1: no
 * entries while VIX is at or above 28; the volatility cluster: 3 moves within 30 minutes). They
 * share no code with {@code cep-patterns/src/main} beyond the event records: a bug in {@code
 * PriceMoves}, {@code VixLevels}, {@code VolatilityClusterEvents} or a pattern's tie-break
 * comparator cannot hide in both.
 */
final class Oracles {
    private Oracles() {}

    /**
     * Whether {@code price} is at least {@code threshold} away from {@code start}, in decimal
     * arithmetic on the numbers as written (100 → 105 is exactly 5 %): |price − start| ≥
     * threshold × start, for a positive start.
     */
    static boolean moved(double start, double price, double threshold) {
        if (!(start > 0)) {
            return false;
        }
        BigDecimal s = BigDecimal.valueOf(start);
        BigDecimal change = BigDecimal.valueOf(price).subtract(s).abs();
        return change.compareTo(BigDecimal.valueOf(threshold).multiply(s)) >= 0;
    }

    /** The move from {@code start} to {@code end}, as the rapid-move record defines its fields. */
    static RapidMove move(Bar start, Bar end) {
        return new RapidMove(end.ticker(), start.ts(), start.close(), end.ts(), end.close(),
                (end.close() / start.close() - 1.0) * 100.0,
                end.close() >= start.close() ? "up" : "down");
    }

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
                    if (moved(series.get(i).close(), series.get(j).close(), threshold)) {
                        m = j;
                        break;
                    }
                }
                if (m < 0) {
                    i++;
                } else {
                    out.add(move(series.get(i), series.get(m)));
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
                            && moved(start.close(), end.close(), threshold)) {
                        out.add(move(start, end));
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
        // the generators give each ticker one bar per time: time alone orders a series
        byTicker.values().forEach(series -> series.sort(Comparator.comparingLong(Bar::ts)));
        return byTicker;
    }

    /**
     * A halt state machine over consecutive quotes (one per time): the first quote only sets the
     * state; each quote on the other side of the threshold opens (at or above) or closes (below)
     * the halt. Compared without the events' free-text detail.
     */
    static List<MarketEvent> vixHalts(List<VixQuote> quotes, double threshold) {
        List<VixQuote> sorted = new ArrayList<>(quotes);
        sorted.sort(Comparator.comparingLong(VixQuote::ts));
        List<MarketEvent> out = new ArrayList<>();
        for (int k = 1; k < sorted.size(); k++) {
            boolean was = sorted.get(k - 1).value() >= threshold;
            VixQuote q = sorted.get(k);
            boolean is = q.value() >= threshold;
            if (was != is) {
                out.add(new MarketEvent("vix", is ? "open" : "closed", "high", q.ts(),
                        is ? Long.MAX_VALUE : q.ts(), q.value(), ""));
            }
        }
        return out;
    }

    /**
     * The first run of {@code count} consecutive moves (in time order; at one time by ticker, then
     * start time, then prices) whose first and last are less than {@code window} apart opens a
     * cluster at the last move's time lasting {@code duration}; counting restarts after its last
     * move. Compared without the events' free-text detail.
     */
    static List<MarketEvent> clusters(
            List<RapidMove> moves, int count, Duration window, Duration duration) {
        List<RapidMove> sorted = new ArrayList<>(moves);
        sorted.sort(Comparator.comparingLong(RapidMove::ts).thenComparing(RapidMove::ticker)
                .thenComparingLong(RapidMove::startTs).thenComparingDouble(RapidMove::price)
                .thenComparingDouble(RapidMove::startPrice));
        List<MarketEvent> out = new ArrayList<>();
        int i = 0;
        while (i + count - 1 < sorted.size()) {
            long first = sorted.get(i).ts();
            long last = sorted.get(i + count - 1).ts();
            if (last - first < window.toMillis()) {
                out.add(new MarketEvent("volatility_cluster", "open", "high", last,
                        last + duration.toMillis(), count, ""));
                i += count;
            } else {
                i++;
            }
        }
        return out;
    }

    /** An event without its free-text detail, for comparing with an oracle's. */
    static MarketEvent withoutDetail(MarketEvent e) {
        return new MarketEvent(e.kind(), e.state(), e.severity(), e.ts(), e.untilTs(), e.value(),
                "");
    }
}
