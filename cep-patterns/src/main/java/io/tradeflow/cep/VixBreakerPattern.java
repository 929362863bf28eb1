package io.tradeflow.cep;

import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.VixQuote;
import java.util.Comparator;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Detects VIX halt transitions (R-VIX-1): a quote at or above {@code threshold} after a quote
 * below it opens a halt, a quote below it after one at or above it closes the halt.
 *
 * <p>The pattern is a pair of consecutive quotes ({@link #PREVIOUS} then, with strict
 * contiguity, {@link #CURRENT}) whose halt state differs; with {@link
 * AfterMatchSkipStrategy#noSkip()} every crossing is reported, immediately, at the crossing
 * quote's ts. Quotes that stay on one side (28 while already open, 27 while closed) match
 * nothing, so a halt opens once and clears once. Ties at one ts are ordered by value.
 *
 * <p>Boundary: the first quote of the stream has no predecessor, so a stream whose first quote is
 * already at or above the threshold opens no halt until it clears and crosses again. Engines
 * apply R-VIX-1 to the latest quote they hold as well, so that case still blocks entries.
 *
 * <p>Input: every {@link VixQuote}, keyed by the constant {@link #KEY}.
 */
public final class VixBreakerPattern {
    public static final String PREVIOUS = "previous";
    public static final String CURRENT = "current";
    public static final String UID = "cep-vix-breaker";
    public static final String KEY = "vix";
    public static final double DEFAULT_THRESHOLD = 28.0;

    /** Orders quotes with the same ts by value, so ties never depend on arrival. */
    public static final EventComparator<VixQuote> TIE_BREAK =
            (a, b) -> Comparator.comparingDouble(VixQuote::value).compare(a, b);

    private VixBreakerPattern() {}

    /** The default pattern: halt at VIX ≥ 28. */
    public static Pattern<VixQuote, VixQuote> of() {
        return of(DEFAULT_THRESHOLD);
    }

    /** Consecutive quotes on different sides of {@code threshold}. */
    public static Pattern<VixQuote, VixQuote> of(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number");
        }
        return Pattern.<VixQuote>begin(PREVIOUS, AfterMatchSkipStrategy.noSkip())
                .next(CURRENT)
                .where(new Crosses(threshold));
    }

    /** Standalone operator over the VIX stream keyed by {@link #KEY}, threshold 28. */
    public static SingleOutputStreamOperator<MarketEvent> detect(
            KeyedStream<VixQuote, String> quotes) {
        return detect(quotes, DEFAULT_THRESHOLD);
    }

    /** Standalone operator over the VIX stream keyed by {@link #KEY}; uid {@value #UID}. */
    public static SingleOutputStreamOperator<MarketEvent> detect(
            KeyedStream<VixQuote, String> quotes, double threshold) {
        return CEP.pattern(quotes, of(threshold), TIE_BREAK)
                .process(new VixHaltEvents(threshold))
                .name(UID)
                .uid(UID);
    }

    /** The {@link #CURRENT} condition: the halt state changes from the previous quote. */
    static final class Crosses extends IterativeCondition<VixQuote> {
        private static final long serialVersionUID = 1L;
        private final double threshold;

        Crosses(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public boolean filter(VixQuote quote, Context<VixQuote> ctx) throws Exception {
            VixQuote previous = ctx.getEventsForPattern(PREVIOUS).iterator().next();
            return VixLevels.crosses(previous, quote, threshold);
        }
    }
}
