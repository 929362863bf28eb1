package io.tradeflow.event;

/** Carries every output of the account engine as one record: a kind and one payload field. */
public record AccountOutput(
        String kind, Decision decision, Order order, Fill fill, PositionEvent position) {

    public static final String DECISION = "decision";
    public static final String ORDER = "order";
    public static final String FILL = "fill";
    public static final String POSITION = "position";

    public static AccountOutput of(Decision d) {
        return new AccountOutput(DECISION, d, null, null, null);
    }

    public static AccountOutput of(Order o) {
        return new AccountOutput(ORDER, null, o, null, null);
    }

    public static AccountOutput of(Fill f) {
        return new AccountOutput(FILL, null, null, f, null);
    }

    public static AccountOutput of(PositionEvent p) {
        return new AccountOutput(POSITION, null, null, null, p);
    }
}
