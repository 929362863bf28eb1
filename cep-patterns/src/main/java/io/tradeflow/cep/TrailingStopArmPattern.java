package io.tradeflow.cep;

import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.TrailingArm;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Arms the trailing stop (R-STOP-4): a position {@link #OPENED}, then, while it is still open,
 * a new favourable {@link #ARM extreme} of the same position at or beyond {@code entry + fraction
 * × (target − entry)} (default fraction 0.5). Longs need {@code extreme ≥ threshold}, shorts
 * {@code extreme ≤ threshold} (their target is below entry). The match becomes a {@link
 * TrailingArm}: the engine moves the stop to entry.
 *
 * <p>Structure: {@code begin(opened) .notFollowedBy(closed) .followedBy(arm)}. Each condition
 * after the first compares the position id with the opened event's (an iterative condition), so
 * one NFA serves every position of the account. A {@code closed} or {@code stop_out} of the
 * position kills its partial match: no arm after the close. {@code followedBy} (skip till next)
 * takes the <em>first</em> qualifying extreme and the partial match ends there, so each position
 * arms at most once.
 *
 * <p>Skip strategy {@link AfterMatchSkipStrategy#noSkip()}: matches of different positions
 * overlap in time and must not prune each other ({@code skipPastLastEvent} or {@code skipToNext}
 * would drop the partial matches of positions opened earlier). No window: a partial match lives
 * until its position arms or closes, so the engine must feed every position's close.
 *
 * <p>A position whose target is not on the favourable side of its entry (or is {@code NaN}) never
 * arms. Input: the engine's {@link PositionSignal}s of one account, in event-time order; other
 * kinds ({@code stop_out} of other positions, …) are ignored.
 */
public final class TrailingStopArmPattern {
    public static final String OPENED = "opened";
    public static final String CLOSED = "closed";
    public static final String ARM = "arm";
    public static final double DEFAULT_FRACTION = 0.5;

    /**
     * Relative slack so that an extreme of exactly the threshold (e.g. entry 100, target 110,
     * extreme 105) arms despite binary rounding.
     */
    static final double TOLERANCE = 1e-9;

    /** Orders signals with the same ts by content, so ties never depend on arrival. */
    public static final EventComparator<PositionSignal> TIE_BREAK =
            (a, b) -> PositionSignal.CONTENT_ORDER.compare(a, b);

    private TrailingStopArmPattern() {}

    /** The default R-STOP-4 pattern: armed at 50 % of the way to the target. */
    public static Pattern<PositionSignal, PositionSignal> of() {
        return of(DEFAULT_FRACTION);
    }

    /**
     * Armed at {@code fraction} of the way from entry to target.
     *
     * @throws IllegalArgumentException when fraction is not in (0, 1]
     */
    public static Pattern<PositionSignal, PositionSignal> of(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        return Pattern.<PositionSignal>begin(OPENED, AfterMatchSkipStrategy.noSkip())
                .where(SimpleCondition.of(s -> PositionSignal.OPENED.equals(s.kind())))
                .notFollowedBy(CLOSED)
                .where(new ClosesOpened())
                .followedBy(ARM)
                .where(new ReachesThreshold(fraction));
    }

    /** The price at {@code fraction} of the way from {@code entry} to {@code target}. */
    public static double threshold(double entry, double target, double fraction) {
        return entry + fraction * (target - entry);
    }

    /**
     * Whether {@code extreme} of the position opened by {@code opened} is beyond the threshold on
     * the favourable side ("more than 50 % of the way", R-STOP-4: exactly at it does not arm);
     * false when the target is not favourable.
     */
    public static boolean reached(PositionSignal opened, double extreme, double fraction) {
        double entry = opened.entry();
        double target = opened.target();
        double distance = opened.isLong() ? target - entry : entry - target;
        if (!(distance > 0) || Double.isNaN(extreme)) {
            return false;
        }
        double slack = distance * TOLERANCE;
        double threshold = threshold(entry, target, fraction);
        return opened.isLong() ? extreme > threshold + slack : extreme < threshold - slack;
    }

    /** The arm of a position from its opened signal and the extreme that armed it. */
    public static TrailingArm arm(PositionSignal opened, PositionSignal extreme) {
        return new TrailingArm(opened.positionId(), opened.ticker(), extreme.ts(),
                extreme.price(), opened.entry(), opened.target(), opened.isLong(), opened.ts());
    }

    static PositionSignal openedOf(IterativeCondition.Context<PositionSignal> ctx)
            throws Exception {
        return ctx.getEventsForPattern(OPENED).iterator().next();
    }

    /** The {@link #CLOSED} condition: the opened position closes (for any reason). */
    static final class ClosesOpened extends IterativeCondition<PositionSignal> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(PositionSignal s, Context<PositionSignal> ctx) throws Exception {
            return s.closesPosition() && s.positionId().equals(openedOf(ctx).positionId());
        }
    }

    /** The {@link #ARM} condition: an extreme of the opened position reaches the threshold. */
    static final class ReachesThreshold extends IterativeCondition<PositionSignal> {
        private static final long serialVersionUID = 1L;
        private final double fraction;

        ReachesThreshold(double fraction) {
            this.fraction = fraction;
        }

        @Override
        public boolean filter(PositionSignal s, Context<PositionSignal> ctx) throws Exception {
            if (!PositionSignal.EXTREME.equals(s.kind())) {
                return false;
            }
            PositionSignal opened = openedOf(ctx);
            return s.positionId().equals(opened.positionId())
                    && reached(opened, s.price(), fraction);
        }
    }
}
