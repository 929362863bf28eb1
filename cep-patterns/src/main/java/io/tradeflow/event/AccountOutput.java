package io.tradeflow.event;

/**
 * Carries every output of the job as one record: a kind and one payload field per kind (a sealed
 * hierarchy would fall back to Kryo). The engine's outputs, and the dead letters of the job.
 */
public record AccountOutput(
        String kind,
        Decision decision,
        Order order,
        Fill fill,
        PositionEvent position,
        BreakerEvent breaker,
        TierChange tierChange,
        ReserveEntry reserve,
        ConfigAudit audit,
        Notification notification,
        StopLevelChange stopLevel,
        DeadLetter deadLetter,
        PortfolioSnapshot snapshot,
        DataGap dataGap,
        Reconciliation reconciliation) {

    public static final String DECISION = "decision";
    public static final String ORDER = "order";
    public static final String FILL = "fill";
    public static final String POSITION = "position";
    public static final String BREAKER = "breaker";
    public static final String TIER_CHANGE = "tier_change";
    public static final String RESERVE = "reserve";
    public static final String AUDIT = "audit";
    public static final String NOTIFICATION = "notification";
    public static final String STOP_LEVEL = "stop_level";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String SNAPSHOT = "snapshot";
    public static final String DATA_GAP = "data_gap";
    public static final String RECONCILIATION = "reconciliation";

    public static AccountOutput of(Decision d) {
        return new AccountOutput(DECISION, d, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(Order o) {
        return new AccountOutput(ORDER, null, o, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(Fill f) {
        return new AccountOutput(FILL, null, null, f, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(PositionEvent p) {
        return new AccountOutput(POSITION, null, null, null, p, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(BreakerEvent b) {
        return new AccountOutput(BREAKER, null, null, null, null, b, null, null, null, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(TierChange t) {
        return new AccountOutput(TIER_CHANGE, null, null, null, null, null, t, null, null, null,
                null, null, null, null, null);
    }

    public static AccountOutput of(ReserveEntry r) {
        return new AccountOutput(RESERVE, null, null, null, null, null, null, r, null, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(ConfigAudit a) {
        return new AccountOutput(AUDIT, null, null, null, null, null, null, null, a, null, null,
                null, null, null, null);
    }

    public static AccountOutput of(Notification n) {
        return new AccountOutput(NOTIFICATION, null, null, null, null, null, null, null, null, n,
                null, null, null, null, null);
    }

    public static AccountOutput of(StopLevelChange s) {
        return new AccountOutput(STOP_LEVEL, null, null, null, null, null, null, null, null, null,
                s, null, null, null, null);
    }

    public static AccountOutput of(DeadLetter d) {
        return new AccountOutput(DEAD_LETTER, null, null, null, null, null, null, null, null, null,
                null, d, null, null, null);
    }

    public static AccountOutput of(PortfolioSnapshot s) {
        return new AccountOutput(SNAPSHOT, null, null, null, null, null, null, null, null, null,
                null, null, s, null, null);
    }

    public static AccountOutput of(DataGap g) {
        return new AccountOutput(DATA_GAP, null, null, null, null, null, null, null, null, null,
                null, null, null, g, null);
    }

    public static AccountOutput of(Reconciliation r) {
        return new AccountOutput(RECONCILIATION, null, null, null, null, null, null, null, null,
                null, null, null, null, null, r);
    }
}
