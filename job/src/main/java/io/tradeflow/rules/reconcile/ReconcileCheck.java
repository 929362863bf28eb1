package io.tradeflow.rules.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares an account's book with the broker's snapshot of it (R-REC-2): every ticker whose
 * signed quantity differs (shares are whole: one share is a break), and the cash difference,
 * a break when beyond {@code reconcile-tolerance}. Pure: values in, a verdict out.
 */
public final class ReconcileCheck {
    public static final String RULE = "R-REC-2";

    private ReconcileCheck() {}

    /**
     * One ticker held differently.
     *
     * @param book signed shares in the book (short below zero), 0 when not held
     * @param broker signed shares at the broker
     */
    public record Difference(String ticker, long book, long broker) {}

    /**
     * The comparison's outcome.
     *
     * @param differences by ticker, empty when every quantity matches
     * @param cashDifference broker cash minus book cash
     * @param mismatch whether a quantity differs or the cash is beyond the tolerance
     */
    public record Result(List<Difference> differences, BigDecimal cashDifference,
            boolean mismatch) {}

    /**
     * Returns how the book differs from the broker's snapshot.
     *
     * @param book signed quantities by ticker; zero quantities count as not held
     * @param broker the broker's, likewise
     * @param tolerance the cash difference, in account currency, still taken as equal
     */
    public static Result compare(Map<String, Long> book, BigDecimal bookCash,
            Map<String, Long> broker, BigDecimal brokerCash, double tolerance) {
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> tickers = new TreeSet<>(book.keySet());
        tickers.addAll(broker.keySet());
        for (String t : tickers) {
            long b = book.getOrDefault(t, 0L);
            long k = broker.getOrDefault(t, 0L);
            if (b != k) {
                differences.add(new Difference(t, b, k));
            }
        }
        BigDecimal cash = brokerCash.subtract(bookCash);
        boolean mismatch = !differences.isEmpty()
                || cash.abs().compareTo(BigDecimal.valueOf(tolerance)) > 0;
        return new Result(List.copyOf(differences), cash, mismatch);
    }
}
