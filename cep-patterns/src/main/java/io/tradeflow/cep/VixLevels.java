package io.tradeflow.cep;

import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.VixQuote;

/** Decides whether two consecutive VIX quotes open or close a halt (R-VIX-1); pure, no Flink. */
public final class VixLevels {
    private VixLevels() {}

    /** A quote at or above {@code threshold} halts entries. */
    public static boolean halts(double value, double threshold) {
        return value >= threshold;
    }

    /** Whether the halt state differs between the previous quote and the current one. */
    public static boolean crosses(VixQuote previous, VixQuote current, double threshold) {
        return halts(previous.value(), threshold) != halts(current.value(), threshold);
    }

    /** The transition that {@code current} causes after {@code previous}; call when it crosses. */
    public static MarketEvent transition(VixQuote previous, VixQuote current, double threshold) {
        boolean open = halts(current.value(), threshold);
        return new MarketEvent(MarketEvent.VIX, open ? MarketEvent.OPEN : MarketEvent.CLOSED,
                MarketEvent.HIGH, current.ts(), open ? Long.MAX_VALUE : current.ts(),
                current.value(),
                "VIX " + current.value() + (open ? " >= " : " < ") + threshold + " (previous "
                        + previous.value() + " at " + previous.ts() + ")");
    }
}
