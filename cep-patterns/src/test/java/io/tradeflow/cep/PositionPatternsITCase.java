package io.tradeflow.cep;

import static io.tradeflow.cep.PositionSignals.MIN;
import static io.tradeflow.cep.PositionSignals.PAUSE;
import static io.tradeflow.cep.PositionSignals.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Edge cases of the in-engine position patterns, each run alone in STREAMING and in BATCH. */
class PositionPatternsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static PositionSignal open(String id, boolean isLong, double entry, double target, long ts) {
        return PositionSignal.opened(id, "SPY", isLong, entry, target, ts);
    }

    static PositionSignal ext(String id, boolean isLong, double price, long ts) {
        return PositionSignal.extreme(id, "SPY", isLong, price, ts);
    }

    static PositionSignal stop(String id, long ts) {
        return PositionSignal.stopOut(id, "T" + id, true, 99, ts);
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void trailingStopArmsOncePerOpenPositionAtHalfTheTargetDistance(RuntimeExecutionMode mode)
            throws Exception {
        List<PositionSignal> in = new ArrayList<>();
        // long 100 → 110: 104.99 and exactly 105 do not arm (more than half way), 108 does
        in.add(open("L", true, 100, 110, T0));
        in.add(ext("L", true, 104.99, T0 + MIN));
        in.add(ext("L", true, 105, T0 + 2 * MIN));
        in.add(ext("L", true, 108, T0 + 3 * MIN));
        // short 50 → 40 (threshold 45): 45 does not arm, 44.9 does
        in.add(open("S", false, 50, 40, T0));
        in.add(ext("S", false, 45, T0 + MIN));
        in.add(ext("S", false, 44.9, T0 + 4 * MIN));
        // closed, or stopped out, before reaching: no arm afterwards
        in.add(open("C", true, 100, 110, T0));
        in.add(ext("C", true, 103, T0 + MIN));
        in.add(PositionSignal.closed("C", "SPY", true, 102, T0 + 2 * MIN));
        in.add(ext("C", true, 106, T0 + 3 * MIN));
        in.add(open("X", true, 100, 110, T0));
        in.add(PositionSignal.stopOut("X", "SPY", true, 98, T0 + MIN));
        in.add(ext("X", true, 106, T0 + 2 * MIN));
        // overlapping positions: the later one arms first, the earlier one still arms
        in.add(open("A", true, 10, 20, T0 + 10 * MIN));
        in.add(open("B", true, 10, 20, T0 + 11 * MIN));
        in.add(ext("B", true, 16, T0 + 12 * MIN));
        in.add(ext("A", true, 15.5, T0 + 13 * MIN));
        // target on the wrong side of entry: never arms
        in.add(open("W", true, 100, 95, T0));
        in.add(ext("W", true, 120, T0 + MIN));
        // another position's extreme at this one's threshold does not arm it
        in.add(open("O", true, 200, 220, T0 + 20 * MIN));
        in.add(ext("Q", true, 210, T0 + 21 * MIN));
        in.add(PositionSignal.closed("O", "SPY", true, 200, T0 + 22 * MIN));
        // same ts: opened before extreme (content order), so it arms at once
        in.add(open("T", true, 100, 110, T0 + 30 * MIN));
        in.add(ext("T", true, 106, T0 + 30 * MIN));

        List<TrailingArm> actual = PositionSignals.runArms(mode, in, 11);

        assertThat(actual).containsExactlyInAnyOrderElementsOf(PositionOracles.arms(in, 0.5));
        assertThat(actual)
                .extracting(TrailingArm::positionId, TrailingArm::armTs, TrailingArm::extreme,
                        TrailingArm::entry)
                .containsExactlyInAnyOrder(
                        tuple("L", T0 + 3 * MIN, 108.0, 100.0),
                        tuple("S", T0 + 4 * MIN, 44.9, 50.0),
                        tuple("B", T0 + 12 * MIN, 16.0, 10.0),
                        tuple("A", T0 + 13 * MIN, 15.5, 10.0),
                        tuple("T", T0 + 30 * MIN, 106.0, 100.0));
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void threeStopOutsWithinThirtyMinutesFormOneCluster(RuntimeExecutionMode mode)
            throws Exception {
        long t1 = T0 + 3 * 60 * MIN;
        long t2 = T0 + 6 * 60 * MIN;
        List<PositionSignal> in = new ArrayList<>(List.of(
                // 3 stop-outs, first to last 29 minutes: a cluster at the third
                stop("a", T0), stop("b", T0 + 10 * MIN), stop("c", T0 + 29 * MIN),
                // first and third exactly 30 minutes apart: none
                stop("d", t1), stop("e", t1 + 10 * MIN), stop("f", t1 + 30 * MIN),
                // a burst of 5 (two at one ts): one cluster; the next needs 3 more
                stop("g", t2), stop("h", t2), stop("i", t2 + MIN), stop("j", t2 + 2 * MIN),
                stop("k", t2 + 3 * MIN)));
        // other kinds in between are skipped
        in.add(PositionSignal.opened("z", "SPY", true, 100, 110, T0 + 5 * MIN));
        in.add(PositionSignal.closed("z", "SPY", true, 101, T0 + 6 * MIN));

        List<StopOutCluster> actual = PositionSignals.runClusters(mode, in, 13);

        assertThat(actual).containsExactlyInAnyOrderElementsOf(
                PositionOracles.clusters(in, 3, Duration.ofMinutes(30), PAUSE));
        assertThat(actual)
                .extracting(StopOutCluster::firstTs, StopOutCluster::lastTs,
                        StopOutCluster::count, StopOutCluster::positionIds,
                        StopOutCluster::pauseUntilTs)
                .containsExactlyInAnyOrder(
                        tuple(T0, T0 + 29 * MIN, 3, List.of("a", "b", "c"), T0 + 89 * MIN),
                        tuple(t2, t2 + MIN, 3, List.of("g", "h", "i"), t2 + 61 * MIN));
    }

    @Test
    void rejectsMeaninglessParameters() {
        assertThatThrownBy(() -> TrailingStopArmPattern.of(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrailingStopArmPattern.of(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StopOutClusterPattern.of(0, Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StopOutClusterPattern.of(3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
