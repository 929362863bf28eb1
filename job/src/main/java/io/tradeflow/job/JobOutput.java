package io.tradeflow.job;

import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;

/** Carries any one output of the job, for callers that collect every output in one stream. */
public record JobOutput(
        String kind,
        Decision decision,
        Order order,
        Fill fill,
        PositionEvent position,
        DeadLetter deadLetter,
        BreakerEvent breaker,
        TierChange tierChange,
        ReserveEntry reserve,
        ConfigAudit audit,
        Notification notification,
        StopLevelChange stopLevel) {

    public static final String DECISION = "decision";
    public static final String ORDER = "order";
    public static final String FILL = "fill";
    public static final String POSITION = "position";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String BREAKER = "breaker";
    public static final String TIER_CHANGE = "tier_change";
    public static final String RESERVE = "reserve";
    public static final String AUDIT = "audit";
    public static final String NOTIFICATION = "notification";
    public static final String STOP_LEVEL = "stop_level";

    public static JobOutput of(Decision d) {
        return new JobOutput(DECISION, d, null, null, null, null, null, null, null, null, null,
                null);
    }

    public static JobOutput of(Order o) {
        return new JobOutput(ORDER, null, o, null, null, null, null, null, null, null, null, null);
    }

    public static JobOutput of(Fill f) {
        return new JobOutput(FILL, null, null, f, null, null, null, null, null, null, null, null);
    }

    public static JobOutput of(PositionEvent p) {
        return new JobOutput(POSITION, null, null, null, p, null, null, null, null, null, null,
                null);
    }

    public static JobOutput of(DeadLetter d) {
        return new JobOutput(DEAD_LETTER, null, null, null, null, d, null, null, null, null,
                null, null);
    }

    public static JobOutput of(BreakerEvent b) {
        return new JobOutput(BREAKER, null, null, null, null, null, b, null, null, null, null,
                null);
    }

    public static JobOutput of(TierChange t) {
        return new JobOutput(TIER_CHANGE, null, null, null, null, null, null, t, null, null,
                null, null);
    }

    public static JobOutput of(ReserveEntry r) {
        return new JobOutput(RESERVE, null, null, null, null, null, null, null, r, null, null,
                null);
    }

    public static JobOutput of(ConfigAudit a) {
        return new JobOutput(AUDIT, null, null, null, null, null, null, null, null, a, null, null);
    }

    public static JobOutput of(Notification n) {
        return new JobOutput(NOTIFICATION, null, null, null, null, null, null, null, null, null,
                n, null);
    }

    public static JobOutput of(StopLevelChange s) {
        return new JobOutput(STOP_LEVEL, null, null, null, null, null, null, null, null, null,
                null, s);
    }
}
