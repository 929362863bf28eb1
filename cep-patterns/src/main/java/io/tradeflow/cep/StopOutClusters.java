package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns each {@link StopOutClusterPattern} match into a {@link StopOutCluster}. */
public final class StopOutClusters extends PatternProcessFunction<PositionSignal, StopOutCluster> {
    private static final long serialVersionUID = 1L;
    public static final Duration DEFAULT_PAUSE = Duration.ofMinutes(60);

    private final long pauseMs;

    public StopOutClusters(Duration pause) {
        this.pauseMs = pause.toMillis();
    }

    @Override
    public void processMatch(Map<String, List<PositionSignal>> match, Context ctx,
            Collector<StopOutCluster> out) {
        out.collect(cluster(match, pauseMs));
    }

    /** The cluster described by one match of {@link StopOutClusterPattern}. */
    public static StopOutCluster cluster(Map<String, List<PositionSignal>> match, long pauseMs) {
        return cluster(match.get(StopOutClusterPattern.STOPS), pauseMs);
    }

    /** The cluster of {@code stops} (in time order), pausing entries for {@code pauseMs}. */
    public static StopOutCluster cluster(List<PositionSignal> stops, long pauseMs) {
        long last = stops.get(stops.size() - 1).ts();
        return new StopOutCluster(stops.get(0).ts(), last, stops.size(),
                stops.stream().map(PositionSignal::positionId).toList(),
                stops.stream().map(PositionSignal::ticker).toList(), last + pauseMs);
    }
}
