package io.tradeflow.ordering;

import static io.tradeflow.ordering.RunnerFixtures.ARMS;
import static io.tradeflow.ordering.RunnerFixtures.CLUSTERS;
import static io.tradeflow.ordering.RunnerFixtures.MIN;
import static io.tradeflow.ordering.RunnerFixtures.T0;
import static io.tradeflow.ordering.RunnerFixtures.arms;
import static io.tradeflow.ordering.RunnerFixtures.clusters;
import static io.tradeflow.ordering.RunnerFixtures.ext;
import static io.tradeflow.ordering.RunnerFixtures.open;
import static io.tradeflow.ordering.RunnerFixtures.probe;
import static io.tradeflow.ordering.RunnerFixtures.stop;
import static io.tradeflow.ordering.RunnerFixtures.timeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.cep.StopOutClusterPattern;
import io.tradeflow.ordering.RunnerFixtures.RunnerOutput;
import io.tradeflow.ordering.RunnerFixtures.Spec;
import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PatternRunner} inside a keyed, event-time-ordered owner: the same outputs as flink-cep's
 * own operator in STREAMING- and BATCH-like runs, across a RocksDB restore, and with two runners
 * in one operator. These are the upgrade checks of the runner's use of flink-cep internals.
 */
class PatternRunnerTest {
    static final List<Spec> ARMS_ONLY = List.of(new Spec("cep.arms.", ARMS, ""));
    static final List<Spec> CLUSTERS_ONLY = List.of(new Spec("cep.stops.", CLUSTERS, ""));

    static List<PositionSignal> armEdges() {
        List<PositionSignal> in = new ArrayList<>();
        in.add(open("L", true, 100, 110, T0));
        in.add(ext("L", true, 104.99, T0 + MIN));
        in.add(ext("L", true, 105, T0 + 2 * MIN)); // exactly half way: not more than half
        in.add(ext("L", true, 108, T0 + 3 * MIN)); // arms
        in.add(open("S", false, 50, 40, T0));
        in.add(ext("S", false, 44.9, T0 + 4 * MIN));
        in.add(open("C", true, 100, 110, T0));
        in.add(PositionSignal.closed("C", "SPY", true, 102, T0 + 2 * MIN));
        in.add(ext("C", true, 106, T0 + 3 * MIN)); // after its close: nothing
        in.add(open("A", true, 10, 20, T0 + 10 * MIN));
        in.add(open("B", true, 10, 20, T0 + 11 * MIN));
        in.add(ext("B", true, 16, T0 + 12 * MIN));
        in.add(ext("A", true, 15.5, T0 + 13 * MIN));
        in.add(open("T", true, 100, 110, T0 + 30 * MIN));
        in.add(ext("T", true, 106, T0 + 30 * MIN)); // same ts as its open
        return in;
    }

    static List<PositionSignal> clusterEdges() {
        long t1 = T0 + 3 * 60 * MIN;
        long t2 = T0 + 6 * 60 * MIN;
        List<PositionSignal> in = new ArrayList<>(List.of(
                stop("a", T0), stop("b", T0 + 10 * MIN), stop("c", T0 + 29 * MIN),
                stop("d", t1), stop("e", t1 + 10 * MIN), stop("f", t1 + 30 * MIN),
                stop("g", t2), stop("h", t2), stop("i", t2 + MIN), stop("j", t2 + 2 * MIN),
                stop("k", t2 + 3 * MIN)));
        in.add(open("z", true, 100, 110, T0 + 5 * MIN));
        in.add(PositionSignal.closed("z", "SPY", true, 101, T0 + 6 * MIN));
        return in;
    }

    @Test
    @DisplayName("trailing-stop arm: runner (STREAMING- and BATCH-like) equals the CEP operator")
    void trailingArmThroughTheRunnerEqualsTheCepOperator() throws Exception {
        List<PositionSignal> in = armEdges();
        List<TrailingArm> cep = RunnerFixtures.cepArms(in);

        assertThat(cep).extracting(TrailingArm::positionId)
                .containsExactly("L", "S", "B", "A", "T");
        assertThat(arms(RunnerFixtures.streaming(ARMS_ONLY, in), "cep.arms."))
                .as("STREAMING").containsExactlyElementsOf(cep);
        assertThat(arms(RunnerFixtures.batch(ARMS_ONLY, in), "cep.arms."))
                .as("BATCH").containsExactlyElementsOf(cep);
    }

    @Test
    @DisplayName("stop-out cluster: runner (STREAMING- and BATCH-like) equals the CEP operator")
    void stopOutClusterThroughTheRunnerEqualsTheCepOperator() throws Exception {
        List<PositionSignal> in = clusterEdges();
        List<StopOutCluster> cep = RunnerFixtures.cepClusters(in);

        assertThat(cep).extracting(StopOutCluster::positionIds)
                .containsExactly(List.of("a", "b", "c"), List.of("g", "h", "i"));
        assertThat(clusters(RunnerFixtures.streaming(CLUSTERS_ONLY, in), "cep.stops."))
                .as("STREAMING").containsExactlyElementsOf(cep);
        assertThat(clusters(RunnerFixtures.batch(CLUSTERS_ONLY, in), "cep.stops."))
                .as("BATCH").containsExactlyElementsOf(cep);
    }

    @Test
    @DisplayName("RocksDB restore with 2 of 3 stop-outs: a 3rd inside the window clusters")
    void partialMatchSurvivesRestore() throws Exception {
        // in STREAMING an event reaches the owner when the watermark passes it: the probe at
        // T0+11 makes a and b reach the runner before the snapshot
        List<PositionSignal> in = List.of(stop("a", T0), stop("b", T0 + 10 * MIN),
                probe(T0 + 11 * MIN), stop("c", T0 + 29 * MIN), probe(T0 + 29 * MIN),
                probe(T0 + 31 * MIN));

        List<RunnerOutput> out = RunnerFixtures.restoredMidway(CLUSTERS_ONLY, in, 3);

        assertThat(clusters(out, "cep.stops.")).singleElement().satisfies(c -> {
            assertThat(c.positionIds()).containsExactly("a", "b", "c");
            assertThat(c.lastTs()).isEqualTo(T0 + 29 * MIN);
            assertThat(c.pauseUntilTs()).isEqualTo(T0 + 89 * MIN);
        });
        // one timeout outstanding (a's expiry) until its deadline passed; none after the cluster
        assertThat(timeouts(out, "cep.stops."))
                .containsExactly(T0 + 30 * MIN, T0 + 30 * MIN, null);
    }

    @Test
    @DisplayName("RocksDB restore: a 3rd stop-out 30 minutes or more after the 1st: no cluster")
    void restoredPartialMatchExpires() throws Exception {
        List<PositionSignal> late = List.of(stop("a", T0), stop("b", T0 + 10 * MIN),
                probe(T0 + 11 * MIN), stop("c", T0 + 45 * MIN), probe(T0 + 45 * MIN));
        List<RunnerOutput> out = RunnerFixtures.restoredMidway(CLUSTERS_ONLY, late, 3);
        assertThat(clusters(out, "cep.stops.")).isEmpty();
        // a and b expired through the owner's deadlines; c waits for its own expiry
        assertThat(timeouts(out, "cep.stops.")).containsExactly(T0 + 30 * MIN, T0 + 75 * MIN);

        // a 3rd exactly 30 minutes after the first (the window end is exclusive): a expires, and
        // b, c and a 4th stop-out 25 minutes after b form the cluster
        List<PositionSignal> edge = List.of(stop("a", T0), stop("b", T0 + 10 * MIN),
                probe(T0 + 11 * MIN), stop("c", T0 + 30 * MIN), stop("d", T0 + 35 * MIN));
        assertThat(clusters(RunnerFixtures.restoredMidway(CLUSTERS_ONLY, edge, 3), "cep.stops."))
                .extracting(StopOutCluster::positionIds)
                .containsExactly(List.of("b", "c", "d"));
    }

    @Test
    @DisplayName("RocksDB restore: an open position arms after the restore")
    void openPositionArmsAfterRestore() throws Exception {
        List<PositionSignal> in = List.of(open("p", true, 100, 110, T0),
                ext("p", true, 103, T0 + MIN),
                ext("p", true, 105.5, T0 + 2 * MIN));
        assertThat(arms(RunnerFixtures.restoredMidway(ARMS_ONLY, in, 2), "cep.arms."))
                .extracting(TrailingArm::positionId, TrailingArm::extreme)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p", 105.5));
    }

    @Test
    @DisplayName("two runners of one pattern, prefixed, in one operator do not interfere")
    void prefixedRunnersDoNotInterfere() throws Exception {
        // x- and y- stop-outs interleave: each family alone has 3 within 30 minutes; mixed, the
        // first three and the last three would cluster instead
        List<PositionSignal> in = List.of(stop("x1", T0), stop("y1", T0 + MIN),
                stop("x2", T0 + 2 * MIN), open("x9", true, 100, 110, T0 + 3 * MIN),
                stop("y2", T0 + 20 * MIN), stop("x3", T0 + 25 * MIN),
                ext("x9", true, 106, T0 + 26 * MIN), stop("y3", T0 + 30 * MIN));
        List<Spec> two = List.of(new Spec("cep.x.", CLUSTERS, "x"),
                new Spec("cep.y.", CLUSTERS, "y"),
                new Spec("cep.arms.", ARMS, ""));

        List<RunnerOutput> out = RunnerFixtures.streaming(two, in);

        assertThat(clusters(out, "cep.x.")).extracting(StopOutCluster::positionIds)
                .containsExactly(List.of("x1", "x2", "x3"));
        assertThat(clusters(out, "cep.y.")).extracting(StopOutCluster::positionIds)
                .containsExactly(List.of("y1", "y2", "y3"));
        assertThat(arms(out, "cep.arms.")).extracting(TrailingArm::positionId)
                .containsExactly("x9");
        assertThat(RunnerFixtures.batch(two, in)).containsExactlyElementsOf(out);

        // the control: one prefix for both cluster runners mixes their partial matches
        List<Spec> shared = List.of(new Spec("cep.same.", CLUSTERS, "x"),
                new Spec("cep.same.", CLUSTERS, "y"));
        assertThat(clusters(RunnerFixtures.streaming(shared, in), "cep.same."))
                .extracting(StopOutCluster::positionIds)
                .isNotEqualTo(List.of(List.of("x1", "x2", "x3"), List.of("y1", "y2", "y3")));
    }

    @Test
    @DisplayName("rejects input that goes back in time, an empty prefix and per-stage windows")
    void guards() throws Exception {
        List<PositionSignal> backwards = List.of(stop("a", T0 + MIN), stop("b", T0));
        assertThatThrownBy(() -> RunnerFixtures.direct(backwards)).satisfies(t -> assertThat(
                ExceptionUtils.findThrowableWithMessage(t, "event-time order")).isPresent());
        assertThat(RunnerFixtures.direct(List.of(stop("a", T0), stop("b", T0),
                stop("c", T0 + MIN)))).hasSize(1);

        TypeInformation<PositionSignal> type = TypeInformation.of(PositionSignal.class);
        assertThatThrownBy(() -> new PatternRunner<>(null, "", StopOutClusterPattern.of(), type,
                m -> m, at -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        Pattern<PositionSignal, PositionSignal> perStage = Pattern.<PositionSignal>begin("a")
                .where(SimpleCondition.of(s -> true))
                .followedBy("b").where(SimpleCondition.of(s -> true))
                .within(Duration.ofMinutes(5), WithinType.PREVIOUS_AND_CURRENT);
        assertThatThrownBy(() -> new PatternRunner<>(null, "p.", perStage, type, m -> m, at -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-stage");
    }
}
