package io.tradeflow.ordering;

import static io.tradeflow.ordering.RunnerFixtures.ARMS;
import static io.tradeflow.ordering.RunnerFixtures.CLUSTERS;
import static io.tradeflow.ordering.RunnerFixtures.MIN;
import static io.tradeflow.ordering.RunnerFixtures.PAUSE;
import static io.tradeflow.ordering.RunnerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.cep.StopOutClusterPattern;
import io.tradeflow.cep.StopOutClusters;
import io.tradeflow.cep.TrailingStopArmPattern;
import io.tradeflow.ordering.RunnerFixtures.Spec;
import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * On random position lifecycles, {@link PatternRunner} inside an event-time-ordered owner equals
 * a brute-force oracle and flink-cep's own operator, in STREAMING- and BATCH-like runs and across
 * a snapshot/restore at a random point.
 */
class PatternRunnerProperties {
    static final int TRIES = 100;
    static final String STOPS = "cep.stops.";
    static final String ARMED = "cep.arms.";
    static final List<Spec> BOTH =
            List.of(new Spec(STOPS, CLUSTERS, ""), new Spec(ARMED, ARMS, ""));

    @Property(tries = TRIES, seed = "20250311")
    void stopOutClusterRunnerEqualsOracle(@ForAll("lifecycles") List<PositionSignal> in,
            @ForAll @IntRange(max = 100) int splitPct) throws Exception {
        List<StopOutCluster> expected = clusterOracle(in);
        Statistics.label("clusters").collect(Math.min(expected.size(), 3));
        List<PositionSignal> ordered = RunnerFixtures.byTime(in);
        int split = ordered.size() * splitPct / 100;

        assertThat(RunnerFixtures.clusters(RunnerFixtures.streaming(BOTH, in), STOPS))
                .as("STREAMING").containsExactlyElementsOf(expected);
        assertThat(RunnerFixtures.clusters(RunnerFixtures.batch(BOTH, in), STOPS))
                .as("BATCH").containsExactlyElementsOf(expected);
        assertThat(RunnerFixtures.clusters(
                        RunnerFixtures.restoredMidway(BOTH, ordered, split, false), STOPS))
                .as("restored after %d", split).containsExactlyElementsOf(expected);
        assertThat(RunnerFixtures.cepClusters(in)).as("CEP operator")
                .containsExactlyElementsOf(expected);
    }

    @Property(tries = TRIES, seed = "20250311")
    void trailingArmRunnerEqualsOracle(@ForAll("lifecycles") List<PositionSignal> in,
            @ForAll @IntRange(max = 100) int splitPct) throws Exception {
        List<TrailingArm> expected = armOracle(in);
        Statistics.label("arms").collect(Math.min(expected.size(), 3));
        List<PositionSignal> ordered = RunnerFixtures.byTime(in);
        int split = ordered.size() * splitPct / 100;

        assertThat(RunnerFixtures.arms(RunnerFixtures.streaming(BOTH, in), ARMED))
                .as("STREAMING").containsExactlyElementsOf(expected);
        assertThat(RunnerFixtures.arms(RunnerFixtures.batch(BOTH, in), ARMED))
                .as("BATCH").containsExactlyElementsOf(expected);
        assertThat(RunnerFixtures.arms(
                        RunnerFixtures.restoredMidway(BOTH, ordered, split, false), ARMED))
                .as("restored after %d", split).containsExactlyElementsOf(expected);
        assertThat(RunnerFixtures.cepArms(in)).as("CEP operator")
                .containsExactlyElementsOf(expected);
    }

    static List<PositionSignal> sorted(List<PositionSignal> in) {
        List<PositionSignal> s = new ArrayList<>(in);
        s.sort(Comparator.comparingLong(PositionSignal::ts)
                .thenComparing(PositionSignal.CONTENT_ORDER));
        return s;
    }

    /** First run of 3 consecutive stop-outs spanning less than 30 minutes; restart after it. */
    static List<StopOutCluster> clusterOracle(List<PositionSignal> in) {
        List<PositionSignal> stops = sorted(in).stream()
                .filter(x -> PositionSignal.STOP_OUT.equals(x.kind())).toList();
        int n = StopOutClusterPattern.DEFAULT_COUNT;
        long window = StopOutClusterPattern.DEFAULT_WINDOW.toMillis();
        List<StopOutCluster> out = new ArrayList<>();
        int i = 0;
        while (i + n - 1 < stops.size()) {
            if (stops.get(i + n - 1).ts() - stops.get(i).ts() < window) {
                out.add(StopOutClusters.cluster(stops.subList(i, i + n), PAUSE.toMillis()));
                i += n;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Per opened position, its first extreme at or beyond half way before any close of it. */
    static List<TrailingArm> armOracle(List<PositionSignal> in) {
        List<PositionSignal> s = sorted(in);
        Map<Integer, TrailingArm> byArmIndex = new java.util.TreeMap<>(); // emitted in input order
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
                if (PositionSignal.EXTREME.equals(e.kind()) && TrailingStopArmPattern.reached(o,
                        e.price(), TrailingStopArmPattern.DEFAULT_FRACTION)) {
                    byArmIndex.put(j, TrailingStopArmPattern.arm(o, e));
                    break;
                }
            }
        }
        return new ArrayList<>(byArmIndex.values());
    }

    static final double[] LEVELS = {0.2, 0.49, 0.5, 0.51, 0.8, 1.1};

    /**
     * Valid lifecycles of up to 5 concurrent positions, steps mostly 0-2 (sometimes 3-30)
     * minutes apart: a free slot
     * opens a position (long or short, sometimes with its target on the wrong side), an open one
     * gets an extreme at one of {@link #LEVELS} of its target distance, closes or stops out.
     */
    @Provide
    Arbitrary<List<PositionSignal>> lifecycles() {
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 2)),
                Tuple.of(1, Arbitraries.integers().between(3, 30)));
        Arbitrary<int[]> step = Combinators.combine(gap, Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 99))
                .as((g, slot, action) -> new int[] {g, slot, action});
        return step.list().ofMinSize(1).ofMaxSize(60)
                .withSizeDistribution(RandomDistribution.uniform())
                .map(PatternRunnerProperties::play);
    }

    static List<PositionSignal> play(List<int[]> steps) {
        Map<Integer, PositionSignal> open = new HashMap<>();
        Map<Integer, Integer> generation = new HashMap<>();
        List<PositionSignal> out = new ArrayList<>();
        long ts = T0;
        for (int[] s : steps) {
            ts += s[0] * MIN;
            int slot = s[1];
            int action = s[2];
            PositionSignal o = open.get(slot);
            if (o == null) {
                int g = generation.merge(slot, 1, Integer::sum);
                boolean isLong = action % 2 == 0;
                double target = action % 10 == 9 ? (isLong ? 95 : 105) : (isLong ? 110 : 90);
                o = PositionSignal.opened("P" + slot + "-" + g, "T" + slot % 3, isLong, 100,
                        target, ts);
                open.put(slot, o);
                out.add(o);
            } else if (action < 35) {
                double price = TrailingStopArmPattern.threshold(
                        o.entry(), o.target(), LEVELS[action % LEVELS.length]);
                out.add(PositionSignal.extreme(o.positionId(), o.ticker(), o.isLong(), price, ts));
            } else if (action < 50) {
                out.add(PositionSignal.closed(o.positionId(), o.ticker(), o.isLong(), 100, ts));
                open.remove(slot);
            } else {
                out.add(PositionSignal.stopOut(o.positionId(), o.ticker(), o.isLong(), 99, ts));
                open.remove(slot);
            }
        }
        return out;
    }
}
