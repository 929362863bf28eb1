package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/** Standalone CEP operators and random position lifecycles for the position-pattern tests. */
final class PositionSignals {
    static final long MIN = 60_000L;
    static final long T0 = 1_748_872_800_000L; // 2025-06-02T14:00:00Z
    static final String ACCOUNT = "A1";
    static final Duration PAUSE = StopOutClusters.DEFAULT_PAUSE;

    private PositionSignals() {}

    static DataStream<TrailingArm> arms(KeyedStream<PositionSignal, String> in) {
        return CEP.pattern(in, TrailingStopArmPattern.of(), TrailingStopArmPattern.TIE_BREAK)
                .process(new TrailingStopArms());
    }

    static DataStream<StopOutCluster> clusters(KeyedStream<PositionSignal, String> in) {
        return CEP.pattern(in, StopOutClusterPattern.of(), StopOutClusterPattern.TIE_BREAK)
                .process(new StopOutClusters(PAUSE));
    }

    static List<TrailingArm> runArms(RuntimeExecutionMode mode, List<PositionSignal> in, long seed)
            throws Exception {
        return runArms(mode, in, s -> ACCOUNT, seed);
    }

    /** Runs the arm pattern with the signals keyed by {@code account} (one account a key). */
    static List<TrailingArm> runArms(RuntimeExecutionMode mode, List<PositionSignal> in,
            KeySelector<PositionSignal, String> account, long seed) throws Exception {
        return CepRuns.run(mode, in, PositionSignal.class, (s, r) -> s.ts(), account,
                PositionSignals::arms, seed);
    }

    static List<StopOutCluster> runClusters(RuntimeExecutionMode mode, List<PositionSignal> in,
            long seed) throws Exception {
        return runClusters(mode, in, s -> ACCOUNT, seed);
    }

    /** Runs the stop-out pattern with the signals keyed by {@code account}. */
    static List<StopOutCluster> runClusters(RuntimeExecutionMode mode, List<PositionSignal> in,
            KeySelector<PositionSignal, String> account, long seed) throws Exception {
        return CepRuns.run(mode, in, PositionSignal.class, (s, r) -> s.ts(), account,
                PositionSignals::clusters, seed);
    }

    /** Fractions of the entry→target distance that extremes reach: edges around 0.5 included. */
    static final double[] LEVELS = {0.2, 0.49, 0.5, 0.51, 0.8, 1.1};

    /**
     * Random valid lifecycles of up to 5 concurrent positions, mostly 0-2 (sometimes 3-30)
     * minutes apart (ties and 30-minute edges hit): each step picks a slot; a free slot opens a
     * position (long or short, entry 100, target ±10, sometimes on the wrong side); an open one
     * gets an extreme at one of {@link #LEVELS}, or closes, or stops out.
     */
    static Arbitrary<List<PositionSignal>> lifecycles(int maxSteps) {
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 2)),
                Tuple.of(1, Arbitraries.integers().between(3, 30)));
        Arbitrary<int[]> step = Combinators.combine(gap, Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 99))
                .as((g, slot, action) -> new int[] {g, slot, action});
        return step.list().ofMinSize(1).ofMaxSize(maxSteps)
                .withSizeDistribution(RandomDistribution.uniform()).map(PositionSignals::play);
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
                double target = isLong ? 110 : 90;
                if (action % 10 == 9) {
                    target = isLong ? 95 : 105; // wrong side: never arms
                }
                o = PositionSignal.opened("P" + slot + "-" + g, "T" + (slot % 3), isLong, 100,
                        target, ts);
                open.put(slot, o);
                out.add(o);
            } else if (action < 35) {
                double level = LEVELS[action % LEVELS.length];
                double price = TrailingStopArmPattern.threshold(o.entry(), o.target(), level);
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
