package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import java.time.Duration;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Detects stop-out clusters (R-CB-3): {@code count} (default 3) {@code stop_out} signals of one
 * account whose first and last are less than {@code window} (default 30 min) apart ({@code
 * last.ts − first.ts < window}: exactly 30 minutes apart does not count). The match is complete,
 * and reported, at the {@code count}-th stop-out; the engine pauses entries from there (default 60
 * min, see {@link StopOutClusters}).
 *
 * <p>Skip strategy {@link AfterMatchSkipStrategy#skipPastLastEvent()}, as {@link
 * VolatilityClusterPattern}: stop-outs are taken in (ts, content) order; the first run of {@code
 * count} consecutive stop-outs within the window is reported, then every partial match that
 * started at or before its last stop-out is dropped, so counting restarts after it: 5 stop-outs in
 * 10 minutes are one cluster, and a 6th could start the next (with two more). Equivalently:
 * {@code i1 = min{i : s(i+count−1).ts − s(i).ts < window}}, then the same search from {@code
 * i1 + count}. Deterministic in STREAMING and BATCH.
 *
 * <p>Input: the engine's {@link PositionSignal}s of one account; other kinds are skipped
 * (relaxed contiguity inside {@code times}), so feeding only stop-outs gives the same result.
 */
public final class StopOutClusterPattern {
    public static final String STOPS = "stops";
    public static final int DEFAULT_COUNT = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);

    /** Orders signals with the same ts by content, so ties never depend on arrival. */
    public static final EventComparator<PositionSignal> TIE_BREAK =
            (a, b) -> PositionSignal.CONTENT_ORDER.compare(a, b);

    private StopOutClusterPattern() {}

    /** The default R-CB-3 pattern: 3 stop-outs within 30 minutes. */
    public static Pattern<PositionSignal, PositionSignal> of() {
        return of(DEFAULT_COUNT, DEFAULT_WINDOW);
    }

    /**
     * {@code count} stop-outs, the last less than {@code window} after the first.
     *
     * @throws IllegalArgumentException when count or window is not positive
     */
    public static Pattern<PositionSignal, PositionSignal> of(int count, Duration window) {
        if (count < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "count and window must be positive: " + count + ", " + window);
        }
        return Pattern.<PositionSignal>begin(STOPS, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> PositionSignal.STOP_OUT.equals(s.kind())))
                .times(count)
                .within(window);
    }
}
