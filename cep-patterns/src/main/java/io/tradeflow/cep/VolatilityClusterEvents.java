package io.tradeflow.cep;

import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns each {@link VolatilityClusterPattern} match into an {@code open} market event. */
public final class VolatilityClusterEvents extends PatternProcessFunction<RapidMove, MarketEvent> {
    private static final long serialVersionUID = 1L;
    private final long durationMs;

    public VolatilityClusterEvents(Duration duration) {
        this.durationMs = duration.toMillis();
    }

    @Override
    public void processMatch(
            Map<String, List<RapidMove>> match, Context ctx, Collector<MarketEvent> out) {
        out.collect(cluster(match.get(VolatilityClusterPattern.MOVES), durationMs));
    }

    /** The event of a cluster made of {@code moves} (in order), lasting {@code durationMs}. */
    public static MarketEvent cluster(List<RapidMove> moves, long durationMs) {
        long ts = moves.get(moves.size() - 1).ts();
        String detail = moves.stream()
                .map(m -> m.ticker() + "@" + m.ts() + " " + m.direction())
                .collect(Collectors.joining(","));
        return new MarketEvent(MarketEvent.VOLATILITY_CLUSTER, MarketEvent.OPEN, MarketEvent.HIGH,
                ts, ts + durationMs, moves.size(), detail);
    }
}
