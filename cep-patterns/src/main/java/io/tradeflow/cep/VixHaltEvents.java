package io.tradeflow.cep;

import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.VixQuote;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns each {@link VixBreakerPattern} match into a halt {@code open} or {@code closed} event. */
public final class VixHaltEvents extends PatternProcessFunction<VixQuote, MarketEvent> {
    private static final long serialVersionUID = 1L;
    private final double threshold;

    public VixHaltEvents(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public void processMatch(
            Map<String, List<VixQuote>> match, Context ctx, Collector<MarketEvent> out) {
        out.collect(VixLevels.transition(match.get(VixBreakerPattern.PREVIOUS).get(0),
                match.get(VixBreakerPattern.CURRENT).get(0), threshold));
    }
}
