package io.tradeflow.event;

/**
 * Records one circuit-breaker trip (R-CB-1..5), updated in place when it resolves: one row per
 * trip, keyed by {@code id}.
 *
 * @param type {@code daily_loss} (R-CB-1), {@code position_loss} (R-CB-2), {@code stop_outs}
 *     (R-CB-3) or {@code manual} (R-CB-5)
 * @param status {@code tripped} or {@code resolved}
 * @param threshold the limit that was crossed (a fraction for losses), or {@code null}
 * @param actual the value that crossed it, or {@code null}
 * @param ticker the cooled-down ticker (R-CB-2), else {@code null}
 * @param cooldownExpires when the breaker ends by itself, or {@code null} (manual: until resumed)
 * @param trippedTs event time of the trip
 * @param resolvedTs event time of the resolution, or {@code null} while tripped
 * @param reason the rule id, and for a resolution what ended it ({@code expired}, {@code resume})
 */
public record BreakerEvent(
        String id,
        String account,
        String type,
        String status,
        Double threshold,
        Double actual,
        String ticker,
        Long cooldownExpires,
        long trippedTs,
        Long resolvedTs,
        String reason) {

    public static final String DAILY_LOSS = "daily_loss";
    public static final String POSITION_LOSS = "position_loss";
    public static final String STOP_OUTS = "stop_outs";
    public static final String MANUAL = "manual";
    public static final String TRIPPED = "tripped";
    public static final String RESOLVED = "resolved";

    public BreakerEvent resolved(long ts, String why) {
        return new BreakerEvent(id, account, type, RESOLVED, threshold, actual, ticker,
                cooldownExpires, trippedTs, ts, why);
    }
}
