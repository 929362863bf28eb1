package io.tradeflow.event;

/**
 * Carries a trade recommendation from upstream (R-SIG-4), verified by its HMAC signature (R-SIG-6).
 *
 * @param account the one account it is meant for, or {@code null} for every account whose universe
 *     holds the ticker
 * @param action {@code buy} or {@code sell}; anything else is recorded as a skip
 * @param mode {@code live_eligible}, {@code paper_eligible} or anything else (a skip)
 * @param generatedAt event time in epoch milliseconds
 * @param price the signal price, used as the entry limit (R-ORD-1); {@code null}: the last price
 * @param signature lowercase hex HMAC-SHA256 over the canonical JSON without the signature
 */
public record Recommendation(
        String id,
        String account,
        String ticker,
        String action,
        double confidence,
        String signalType,
        String mode,
        long generatedAt,
        Double price,
        Double score,
        Double maxScore,
        Double relVol,
        String sector,
        String signature) {}
