package io.tradeflow.event;

import java.math.BigDecimal;

/**
 * Records one movement of the reserve pool (R-POOL-1, R-POOL-4): a siphon from a profitable close
 * or an emergency release, with the balance after it.
 *
 * @param kind {@code siphon} or {@code release}
 * @param amount positive into the reserve, negative out of it
 * @param positionId the closed position a siphon came from, else {@code null}
 * @param profit the realized profit a siphon was taken from, else {@code null}
 */
public record ReserveEntry(
        String id,
        String account,
        String kind,
        BigDecimal amount,
        BigDecimal balanceAfter,
        String positionId,
        BigDecimal profit,
        String reason,
        long ts) {

    public static final String SIPHON = "siphon";
    public static final String RELEASE = "release";
}
