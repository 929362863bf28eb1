package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Brute-force statements of the position patterns' documented semantics. */
final class PositionOracles {
    private PositionOracles() {}

    static List<PositionSignal> sorted(List<PositionSignal> signals) {
        List<PositionSignal> s = new ArrayList<>(signals);
        s.sort(Comparator.comparingLong(PositionSignal::ts)
                .thenComparing(PositionSignal.CONTENT_ORDER));
        return s;
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
                        && TrailingStopArmPattern.reached(o, e.price(), fraction)) {
                    out.add(TrailingStopArmPattern.arm(o, e));
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
                out.add(StopOutClusters.cluster(stops.subList(i, i + count), pause.toMillis()));
                i += count;
            } else {
                i++;
            }
        }
        return out;
    }
}
