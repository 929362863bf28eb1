package io.tradeflow.cep;

import io.tradeflow.event.Bar;
import io.tradeflow.event.RapidMove;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns each {@link RapidMovePattern} match into a {@link RapidMove}. */
public final class RapidMoveAlerts extends PatternProcessFunction<Bar, RapidMove> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(Map<String, List<Bar>> match, Context ctx, Collector<RapidMove> out) {
        out.collect(PriceMoves.move(
                match.get(RapidMovePattern.START).get(0), match.get(RapidMovePattern.MOVE).get(0)));
    }
}
