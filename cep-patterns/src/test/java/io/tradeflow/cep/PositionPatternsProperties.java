package io.tradeflow.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.PositionSignal;
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
    static final int TRIES = 20;
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
    void trailingStopArmEqualsOracleInBothModes(@ForAll("lifecycles") List<PositionSignal> in,
            @ForAll long seed) throws Exception {
        var expected = PositionOracles.arms(in, TrailingStopArmPattern.DEFAULT_FRACTION);
        Statistics.label("arms").collect(Math.min(expected.size(), 3));
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            assertThat(PositionSignals.runArms(mode, in, seed))
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = TRIES, seed = "20250310")
    void stopOutClusterEqualsOracleInBothModes(@ForAll("lifecycles") List<PositionSignal> in,
            @ForAll long seed) throws Exception {
        var expected = PositionOracles.clusters(in, StopOutClusterPattern.DEFAULT_COUNT,
                Duration.ofMinutes(30), PositionSignals.PAUSE);
        Statistics.label("clusters").collect(Math.min(expected.size(), 2));
        for (RuntimeExecutionMode mode : List.of(
                RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
            assertThat(PositionSignals.runClusters(mode, in, seed))
                    .as(mode.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<List<PositionSignal>> lifecycles() {
        return PositionSignals.lifecycles(60);
    }
}
