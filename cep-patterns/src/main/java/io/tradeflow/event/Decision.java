package io.tradeflow.event;

/**
 * Records one evaluation of a recommendation for one account (R-REC-1): {@code act} or {@code skip},
 * the failing rule id as {@code reason}, and a JSON {@code trace} of every gate in order.
 *
 * @param id deterministic: a hash of account, recommendation id and evaluation time
 */
public record Decision(
        String id,
        String account,
        String recommendationId,
        String ticker,
        long ts,
        String action,
        String decision,
        String reason,
        long quantity,
        Double limitPrice,
        Double stopPrice,
        Double targetPrice,
        String tier,
        String trace) {

    public static final String ACT = "act";
    public static final String SKIP = "skip";
}
