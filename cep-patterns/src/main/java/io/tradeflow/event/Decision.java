package io.tradeflow.event;

/**
 * Records one evaluation of a recommendation for one account (R-REC-1): {@code act} or {@code skip},
 * the failing rule id as {@code reason}, and a JSON {@code trace} of every gate in order.
 *
 * @param id deterministic: a hash of account, recommendation id and evaluation time
 * @param instrument the option contract an options account's entry buys or would have bought,
 *     as its OCC symbol (R-OPT-1): {@code quantity} is then contracts and {@code limitPrice} the
 *     premium; null for shares and for a skip before the series is chosen
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
        String trace,
        String instrument) {

    public static final String ACT = "act";
    public static final String SKIP = "skip";

    /** Returns a decision on shares (no instrument). */
    public Decision(String id, String account, String recommendationId, String ticker, long ts,
            String action, String decision, String reason, long quantity, Double limitPrice,
            Double stopPrice, Double targetPrice, String tier, String trace) {
        this(id, account, recommendationId, ticker, ts, action, decision, reason, quantity,
                limitPrice, stopPrice, targetPrice, tier, trace, null);
    }
}
