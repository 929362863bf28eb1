package io.tradeflow.job;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;

/** Carries any one output of the job, for callers that collect every output in one stream. */
public record JobOutput(
        String kind,
        Decision decision,
        Order order,
        Fill fill,
        PositionEvent position,
        DeadLetter deadLetter) {

    public static final String DECISION = "decision";
    public static final String ORDER = "order";
    public static final String FILL = "fill";
    public static final String POSITION = "position";
    public static final String DEAD_LETTER = "dead_letter";

    public static JobOutput of(DeadLetter d) {
        return new JobOutput(DEAD_LETTER, null, null, null, null, d);
    }
}
