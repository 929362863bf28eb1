package io.tradeflow.rules.tax;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Holds one buy or sell of shares of one ticker in one account, as tax lots see it (R-TAX-1).
 *
 * @param date the trade date
 * @param quantity shares, &gt; 0
 * @param amount total dollars paid (buy) or received (sell), costs included, ≥ 0; booked in
 *     cents ({@link TaxLots#MONEY_SCALE}, {@link TaxLots#ROUNDING})
 */
public record Execution(String account, String ticker, LocalDate date, Side side, long quantity,
        BigDecimal amount) {

    /** Whether shares are bought or sold. */
    public enum Side {
        BUY,
        SELL;

        /** Returns the side of {@code buy} or {@code sell} (any case). */
        public static Side parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "buy" -> BUY;
                case "sell" -> SELL;
                default -> throw new IllegalArgumentException(
                        "unknown side '" + s + "' (expected buy or sell)");
            };
        }
    }

    public Execution {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, not " + quantity);
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be ≥ 0, not " + amount);
        }
        amount = amount.setScale(TaxLots.MONEY_SCALE, TaxLots.ROUNDING);
    }

    /** Returns a buy of {@code quantity} shares for {@code amount} dollars. */
    public static Execution buy(String account, String ticker, LocalDate date, long quantity,
            String amount) {
        return new Execution(account, ticker, date, Side.BUY, quantity, new BigDecimal(amount));
    }

    /** Returns a sale of {@code quantity} shares for {@code amount} dollars. */
    public static Execution sell(String account, String ticker, LocalDate date, long quantity,
            String amount) {
        return new Execution(account, ticker, date, Side.SELL, quantity, new BigDecimal(amount));
    }
}
