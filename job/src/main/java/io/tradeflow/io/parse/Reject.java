package io.tradeflow.io.parse;

/** Signals, inside a parser only, that the record becomes a dead letter; never escapes. */
final class Reject extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String reason;

    Reject(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
