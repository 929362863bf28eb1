package io.tradeflow.cep;

import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import java.time.Duration;
import java.util.Comparator;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Detects volatility clusters: {@code count} (default 3) {@link RapidMove}s of any tickers whose
 * first and last are less than {@code window} (default 30 min) apart; each opens a high-severity
 * {@link MarketEvent} at the last move's ts that lasts {@code duration} (default 60 min).
 *
 * <p>Skip strategy {@link AfterMatchSkipStrategy#skipPastLastEvent()}: moves are taken in
 * (ts, ticker, startTs, …) order; the first run of {@code count} consecutive moves within the
 * window is reported, then counting restarts after its last move, so a burst of 5 moves is one
 * cluster and the 6th move could start the next. Deterministic in STREAMING and BATCH.
 *
 * <p>Input: the rapid moves, keyed by the constant {@link #KEY}, whose record timestamps are
 * their {@link RapidMove#ts()} (assign them so when they come from a source or a topic).
 */
public final class VolatilityClusterPattern {
    public static final String MOVES = "moves";
    public static final String UID = "cep-volatility-cluster";
    public static final String KEY = "market";
    public static final int DEFAULT_COUNT = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(60);

    /** Orders moves with the same ts by content, so ties never depend on arrival. */
    public static final EventComparator<RapidMove> TIE_BREAK = VolatilityClusterPattern::compare;

    private VolatilityClusterPattern() {}

    /** The default pattern: 3 moves within 30 minutes. */
    public static Pattern<RapidMove, RapidMove> of() {
        return of(DEFAULT_COUNT, DEFAULT_WINDOW);
    }

    /** {@code count} moves, the last less than {@code window} after the first. */
    public static Pattern<RapidMove, RapidMove> of(int count, Duration window) {
        if (count < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "count and window must be positive: " + count + ", " + window);
        }
        return Pattern.<RapidMove>begin(MOVES, AfterMatchSkipStrategy.skipPastLastEvent())
                .times(count)
                .within(window);
    }

    /** Standalone operator with the defaults (3 moves, 30 min, lasting 60 min). */
    public static SingleOutputStreamOperator<MarketEvent> detect(
            KeyedStream<RapidMove, String> moves) {
        return detect(moves, DEFAULT_COUNT, DEFAULT_WINDOW, DEFAULT_DURATION);
    }

    /** Standalone operator over moves keyed by {@link #KEY}; uid {@value #UID}. */
    public static SingleOutputStreamOperator<MarketEvent> detect(KeyedStream<RapidMove, String> moves,
            int count, Duration window, Duration duration) {
        return CEP.pattern(moves, of(count, window), TIE_BREAK)
                .process(new VolatilityClusterEvents(duration))
                .name(UID)
                .uid(UID);
    }

    private static int compare(RapidMove a, RapidMove b) {
        return Comparator.comparing(RapidMove::ticker)
                .thenComparingLong(RapidMove::startTs)
                .thenComparingDouble(RapidMove::price)
                .thenComparingDouble(RapidMove::startPrice)
                .compare(a, b);
    }
}
