package io.tradeflow.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * The in-engine position patterns, run as standalone CEP operators, equal their brute-force
 * oracles on random position lifecycles in STREAMING (in order) and BATCH (shuffled input).
 */
class PositionPatternsProperties {
    /**
     * Tries, each one Flink job per mode over {@link #SERIES} independent lifecycles (an account
     * each, days apart): 200 lifecycles per property.
     */
    static final int TRIES = 25;
    static final int SERIES = 8;
    /** Lifecycles of one job start this far apart: one spans at most 60 steps of 30 minutes. */
    static final long SPAN = 4 * 86_400_000L;
    static MiniClusterWithClientResource flink;

    @BeforeContainer
    static void startFlink() throws Exception {
        flink = new MiniClusterWithClientResource(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
        flink.before();
    }

    @AfterContainer
    static void stopFlink() {
        flink.after();
    }

    @Property(tries = TRIES, seed = "20250310")
    void trailingStopArmEqualsOracleInBothModes(
            @ForAll("lifecycleSeries") List<List<PositionSignal>> series, @ForAll long seed)
            throws Exception {
        var batch = SeriesBatch.of(series, PositionPatternsProperties::shifted,
                one -> PositionOracles.arms(one, TrailingStopArmPattern.DEFAULT_FRACTION),
                found -> Statistics.label("arms").collect(Math.min(found.size(), 3)));
        List<PositionSignal> in = batch.input();
        List<TrailingArm> expected = batch.expected();
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            assertThat(PositionSignals.runArms(mode, in, s -> account(s.ts()), seed))
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = TRIES, seed = "20250310")
    void stopOutClusterEqualsOracleInBothModes(
            @ForAll("lifecycleSeries") List<List<PositionSignal>> series, @ForAll long seed)
            throws Exception {
        var batch = SeriesBatch.of(series, PositionPatternsProperties::shifted,
                one -> PositionOracles.clusters(one, StopOutClusterPattern.DEFAULT_COUNT,
                        Duration.ofMinutes(30), PositionSignals.PAUSE),
                found -> Statistics.label("clusters").collect(Math.min(found.size(), 2)));
        List<PositionSignal> in = batch.input();
        List<StopOutCluster> expected = batch.expected();
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            assertThat(PositionSignals.runClusters(mode, in, s -> account(s.ts()), seed))
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<List<List<PositionSignal>>> lifecycleSeries() {
        return PositionSignals.lifecycles(60).list().ofSize(SERIES);
    }

    /** Returns lifecycle {@code i} of a try, {@code i} spans later, its positions renamed. */
    static List<PositionSignal> shifted(List<PositionSignal> signals, int i) {
        return signals.stream().map(s -> new PositionSignal(s.kind(),
                "s" + i + "." + s.positionId(), s.ticker(), s.isLong(), s.entry(), s.target(),
                s.price(), s.ts() + i * SPAN)).toList();
    }

    /** Returns the account (the lifecycle) of a signal's time. */
    static String account(long ts) {
        return "A" + Math.floorDiv(ts - PositionSignals.T0, SPAN);
    }
}
