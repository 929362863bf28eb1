package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.TrailingArm;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns each {@link TrailingStopArmPattern} match into a {@link TrailingArm}. */
public final class TrailingStopArms extends PatternProcessFunction<PositionSignal, TrailingArm> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(
            Map<String, List<PositionSignal>> match, Context ctx, Collector<TrailingArm> out) {
        out.collect(arm(match));
    }

    /** The arm described by one match of {@link TrailingStopArmPattern}. */
    public static TrailingArm arm(Map<String, List<PositionSignal>> match) {
        return TrailingStopArmPattern.arm(match.get(TrailingStopArmPattern.OPENED).get(0),
                match.get(TrailingStopArmPattern.ARM).get(0));
    }
}
