package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brute-force statements of the position patterns' documented semantics, written from the rules'
 * text (R-STOP-4: once price has moved more than the arm fraction of the way to the target, the
 * stop trails; R-CB-3: stop-outs within a window pause entries). They share no code with {@code
 * cep-patterns/src/main} beyond the event records.
 */
final class PositionOracles {
    private PositionOracles() {}

    /** At one time: opened, then extremes, then closes, then stop-outs; then by content. */
    private static final List<String> KIND_ORDER = List.of(PositionSignal.OPENED,
            PositionSignal.EXTREME, PositionSignal.CLOSED, PositionSignal.STOP_OUT);

    static List<PositionSignal> sorted(List<PositionSignal> signals) {
        List<PositionSignal> s = new ArrayList<>(signals);
        s.sort(Comparator.comparingLong(PositionSignal::ts)
                .thenComparingInt(x -> KIND_ORDER.indexOf(x.kind()))
                .thenComparing(PositionSignal::positionId)
                .thenComparing(PositionSignal::ticker)
                .thenComparing(PositionSignal::isLong)
                .thenComparingDouble(PositionSignal::price)
                .thenComparingDouble(PositionSignal::entry)
                .thenComparingDouble(PositionSignal::target));
        return s;
    }

    /**
     * Whether {@code extreme} has moved more than {@code fraction} of the way from the entry to
     * the target, in decimal arithmetic on the numbers as written.
     */
    static boolean armed(PositionSignal opened, double extreme, double fraction) {
        BigDecimal entry = BigDecimal.valueOf(opened.entry());
        BigDecimal target = BigDecimal.valueOf(opened.target());
        BigDecimal way = opened.isLong() ? target.subtract(entry) : entry.subtract(target);
        if (way.signum() <= 0) {
            return false;
        }
        BigDecimal moved = opened.isLong() ? BigDecimal.valueOf(extreme).subtract(entry)
                : entry.subtract(BigDecimal.valueOf(extreme));
        return moved.compareTo(way.multiply(BigDecimal.valueOf(fraction))) > 0;
    }

    /** Per opened position: its first qualifying extreme before any close of it, else nothing. */
    static List<TrailingArm> arms(List<PositionSignal> signals, double fraction) {
        List<PositionSignal> s = sorted(signals);
        List<TrailingArm> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            PositionSignal o = s.get(i);
            if (!PositionSignal.OPENED.equals(o.kind())) {
                continue;
            }
            for (int j = i + 1; j < s.size(); j++) {
                PositionSignal e = s.get(j);
                if (!e.positionId().equals(o.positionId())) {
                    continue;
                }
                if (e.closesPosition()) {
                    break;
                }
                if (PositionSignal.EXTREME.equals(e.kind())
                        && armed(o, e.price(), fraction)) {
                    out.add(new TrailingArm(o.positionId(), o.ticker(), e.ts(), e.price(),
                            o.entry(), o.target(), o.isLong(), o.ts()));
                    break;
                }
            }
        }
        return out;
    }

    /** First run of {@code count} stop-outs spanning less than window; restart after it. */
    static List<StopOutCluster> clusters(
            List<PositionSignal> signals, int count, Duration window, Duration pause) {
        List<PositionSignal> stops = sorted(signals).stream()
                .filter(x -> PositionSignal.STOP_OUT.equals(x.kind())).toList();
        List<StopOutCluster> out = new ArrayList<>();
        int i = 0;
        while (i + count - 1 < stops.size()) {
            if (stops.get(i + count - 1).ts() - stops.get(i).ts() < window.toMillis()) {
                List<PositionSignal> run = stops.subList(i, i + count);
                long last = run.get(count - 1).ts();
                out.add(new StopOutCluster(run.get(0).ts(), last, count,
                        run.stream().map(PositionSignal::positionId).toList(),
                        run.stream().map(PositionSignal::ticker).toList(),
                        last + pause.toMillis()));
                i += count;
            } else {
                i++;
            }
        }
        return out;
    }
}
