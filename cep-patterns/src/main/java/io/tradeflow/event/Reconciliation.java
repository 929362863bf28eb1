package io.tradeflow.event;

import java.math.BigDecimal;

/**
 * Records one comparison of an account's book with a broker snapshot (R-REC-2), or the adoption
 * of the broker's state by an operator.
 *
 * @param id deterministic: the snapshot's id, the account and the status
 * @param status {@link #MATCHED}, {@link #MISMATCH} or {@link #ACCEPTED}
 * @param cashDifference broker cash minus book cash
 * @param differences the tickers whose quantities differ, as JSON {@code
 *     [{"ticker":…,"book":…,"broker":…}]} ({@code []} when none)
 * @param bookPositions the book's quantities by ticker, as JSON {@code {"T":q,…}}
 * @param brokerPositions the broker's quantities by ticker, as JSON
 * @param tolerance the {@code reconcile-tolerance} the cash was compared with
 */
public record Reconciliation(
        String id,
        String account,
        String snapshotId,
        long ts,
        String status,
        BigDecimal bookCash,
        BigDecimal brokerCash,
        BigDecimal cashDifference,
        String differences,
        String bookPositions,
        String brokerPositions,
        double tolerance,
        String issuedBy) {

    public static final String MATCHED = "matched";
    public static final String MISMATCH = "mismatch";
    public static final String ACCEPTED = "accepted";
}
