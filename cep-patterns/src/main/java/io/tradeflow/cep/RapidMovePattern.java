package io.tradeflow.cep;

import io.tradeflow.event.Bar;
import io.tradeflow.event.RapidMove;
import java.time.Duration;
import java.util.Comparator;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Detects rapid moves (R-MOVE-1): per ticker, a bar whose close is at least {@code threshold}
 * above or below the close of an earlier bar whose end time is less than {@code window} before
 * it ({@code later.ts - earlier.ts < window}: bars exactly {@code window} apart never pair).
 *
 * <p>Skip strategy {@link AfterMatchSkipStrategy#skipPastLastEvent()}: every bar may start a
 * move; the reported move is the one with the <em>earliest start</em> that completes, paired with
 * the <em>first</em> later bar that completes it; then every partial match that started at or
 * before that bar is dropped, so a sustained move is reported once and the next one starts after
 * it. Equivalently: {@code i1 = min{i : m(i) exists}}, {@code i(k+1) = min{i > m(ik) : m(i)
 * exists}}, where {@code m(i)} is the first later bar within the window that moves enough from
 * bar {@code i}. The result depends only on the bars (one bar per ticker and ts; ties are broken
 * by content), so it is the same in STREAMING and BATCH.
 *
 * <p>Latency over every bar ({@link #detect(KeyedStream)}): a completed move waits until every
 * earlier-starting partial match has either completed or expired, i.e. up to {@code window} of
 * event time, because an earlier start may still complete later and win. That answer is not
 * known at the move's own bar, and each bar costs a partial match for the whole window.
 *
 * <p>The market stage therefore runs the pattern over a screened stream instead ({@link
 * #detectScreened}): {@link RapidMoveScreen} picks, in O(1) amortized per bar, each move at its
 * <em>first</em> completing bar (the earliest start it completes, after the previous move), and
 * sends only that start bar and that completing bar, both with the completing bar's record
 * timestamp. Over that stream every partial match completes or is pruned at once, so the match
 * leaves the operator at the completing bar's time. Both report the same moves unless moves
 * overlap: where an earlier start would complete only after a later start has completed, the
 * screen reports the later start's move, at its time (see {@link RapidMoveScreen}).
 *
 * <p>In both, {@link RapidMove#ts()} is the completing bar's time, whatever the record's Flink
 * timestamp. Feed bars (1-minute), never raw ticks.
 */
public final class RapidMovePattern {
    public static final String START = "start";
    public static final String MOVE = "move";
    public static final String UID = "cep-rapid-move";
    public static final double DEFAULT_THRESHOLD = 0.05;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    /** Orders bars of one ticker with the same ts by content, so ties never depend on arrival. */
    public static final EventComparator<Bar> TIE_BREAK = RapidMovePattern::compare;

    private RapidMovePattern() {}

    /** The default R-MOVE-1 pattern: ≥ 5 % within 15 minutes. */
    public static Pattern<Bar, Bar> of() {
        return of(DEFAULT_THRESHOLD, DEFAULT_WINDOW);
    }

    /**
     * A move of at least {@code threshold} (a fraction: 0.05 = 5 %) within {@code window}.
     *
     * @throws IllegalArgumentException when threshold is not positive or window is not positive
     */
    public static Pattern<Bar, Bar> of(double threshold, Duration window) {
        if (!(threshold > 0) || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "threshold and window must be positive: " + threshold + ", " + window);
        }
        return Pattern.<Bar>begin(START, AfterMatchSkipStrategy.skipPastLastEvent())
                .followedBy(MOVE)
                .where(new MovedFromStart(threshold, window.toMillis()))
                .within(window);
    }

    /** Standalone operator over bars keyed by ticker, with the default threshold and window. */
    public static SingleOutputStreamOperator<RapidMove> detect(KeyedStream<Bar, String> bars) {
        return detect(bars, DEFAULT_THRESHOLD, DEFAULT_WINDOW);
    }

    /** Standalone operator over bars keyed by ticker; uid {@value #UID}. */
    public static SingleOutputStreamOperator<RapidMove> detect(
            KeyedStream<Bar, String> bars, double threshold, Duration window) {
        return CEP.pattern(bars, of(threshold, window), TIE_BREAK)
                .process(new RapidMoveAlerts())
                .name(UID)
                .uid(UID);
    }

    /**
     * Standalone operator over the bars {@link RapidMoveScreen} selected, keyed by ticker: each
     * move's start bar and completing bar, both stamped with the completing bar's time; uid
     * {@value #UID}. Each match leaves at its completing bar's time.
     */
    public static SingleOutputStreamOperator<RapidMove> detectScreened(
            KeyedStream<Bar, String> screened) {
        return detect(screened, DEFAULT_THRESHOLD, DEFAULT_WINDOW);
    }

    private static int compare(Bar a, Bar b) {
        // bars of one record timestamp have one ts, except a screened move's start bar, which
        // must come before the bar that completes it
        return Comparator.comparingLong(Bar::ts)
                .thenComparingDouble(Bar::close)
                .thenComparingDouble(Bar::open)
                .thenComparingDouble(Bar::high)
                .thenComparingDouble(Bar::low)
                .thenComparingLong(Bar::volume)
                .compare(a, b);
    }

    /** The {@link #MOVE} condition: the bar moved at least threshold from the start bar. */
    static final class MovedFromStart extends IterativeCondition<Bar> {
        private static final long serialVersionUID = 1L;
        private final double threshold;
        private final long window;

        MovedFromStart(double threshold, long window) {
            this.threshold = threshold;
            this.window = window;
        }

        @Override
        public boolean filter(Bar bar, Context<Bar> ctx) throws Exception {
            Bar start = ctx.getEventsForPattern(START).iterator().next();
            // the bars' own times: screened bars share their record timestamp
            return bar.ts() - start.ts() < window
                    && PriceMoves.isMove(start.close(), bar.close(), threshold);
        }
    }
}
