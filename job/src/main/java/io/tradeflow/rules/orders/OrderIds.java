package io.tradeflow.rules.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives deterministic ids (R-ORD-3): a decision id from account, recommendation and evaluation
 * time; client order ids from the decision or exit that makes the order. A replay computes the same
 * ids, so upserts rewrite the same rows and a broker gateway drops repeated orders.
 */
public final class OrderIds {
    public static final String RULE = "R-ORD-3";
    /**
     * One digest per thread, reset by each {@code digest()}: looking the algorithm up in the
     * security providers on every id was a third of an id's cost, one id per decision.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private OrderIds() {}

    /** Returns the first 24 hex digits of SHA-256 over the parts joined by NUL. */
    public static String hash(String... parts) {
        MessageDigest sha = SHA256.get();
        sha.reset(); // in case an earlier call on this thread failed half-way
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sha.update((byte) 0);
            }
            sha.update(String.valueOf(parts[i]).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    public static String decisionId(String account, String recommendationId, long evaluatedAt) {
        return "d-" + hash(account, recommendationId, Long.toString(evaluatedAt));
    }

    /** Returns the client order id of a decision's entry order. */
    public static String entryOrderId(String decisionId) {
        return "e-" + decisionId.substring(2);
    }

    /** Returns whether a client order id is an entry's (a single entry or a tranche of one). */
    public static boolean isEntry(String clientOrderId) {
        return clientOrderId.startsWith("e-");
    }

    /**
     * Returns the execution id of a simulated fill (paper and backtest accounts): the order, the
     * fill's time and the quantity of the order filled before it, so that every fill of an order
     * has its own id and a replay, in BATCH or STREAMING, derives the same ones (R-FILL-1).
     */
    public static String simulatedExecutionId(String clientOrderId, long ts, long filledBefore) {
        return clientOrderId + ":" + ts + ":" + filledBefore;
    }

    /** Returns the client order id of the exit of a position for a reason at a time. */
    public static String exitOrderId(String positionId, String reason, long ts) {
        return "x-" + hash(positionId, reason, Long.toString(ts));
    }
}
