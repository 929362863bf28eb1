package io.tradeflow.rules.options;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Identifies one option series (underlying, expiry, strike, right, multiplier) and writes and
 * reads its 21-character OCC symbol, e.g. {@code SPY   110103C00127000}.
 *
 * <p>The strike is a whole number of thousandths of a dollar, the unit of the OCC symbol's eight
 * strike digits: every listed strike is exact in it, equal strikes are equal numbers (a {@code
 * BigDecimal} component would make 127.0 and 127 different contracts under a record's {@code
 * equals}), and it serializes as a plain {@code long}. {@link #strike()} gives it as a dollar
 * amount, {@link #strikePrice()} as the {@code double} a pricing model takes.
 */
public record OptionContract(
        String underlying,
        LocalDate expiry,
        long strikeThousandths,
        OptionRight right,
        int multiplier) {
    /** Shares delivered by one contract unless the series says otherwise. */
    public static final int DEFAULT_MULTIPLIER = 100;

    static final int ROOT_LENGTH = 6;
    static final int SYMBOL_LENGTH = 21;
    static final long MAX_STRIKE_THOUSANDTHS = 99_999_999L;

    /** Checks the fields an OCC symbol can carry (cheap character checks, no pattern). */
    public OptionContract {
        if (underlying == null || underlying.isEmpty() || underlying.length() > ROOT_LENGTH
                || !lettersAndDigits(underlying)) {
            throw new IllegalArgumentException("option underlying must be 1 to 6 upper-case "
                    + "letters or digits, not '" + underlying + "'");
        }
        if (expiry == null || expiry.getYear() < 2000 || expiry.getYear() > 2099) {
            throw new IllegalArgumentException("option expiry must be in 2000-2099 (the OCC "
                    + "symbol writes two digits of the year), not " + expiry);
        }
        if (strikeThousandths <= 0 || strikeThousandths > MAX_STRIKE_THOUSANDTHS) {
            throw new IllegalArgumentException("option strike must be above 0 and at most "
                    + "99999.999, not " + BigDecimal.valueOf(strikeThousandths, 3).toPlainString());
        }
        if (right == null) {
            throw new IllegalArgumentException("option right must be CALL or PUT, not null");
        }
        if (multiplier <= 0) {
            throw new IllegalArgumentException("option multiplier must be positive, not "
                    + multiplier);
        }
    }

    /** Returns a contract of the default multiplier (100). */
    public OptionContract(String underlying, LocalDate expiry, long strikeThousandths,
            OptionRight right) {
        this(underlying, expiry, strikeThousandths, right, DEFAULT_MULTIPLIER);
    }

    /** Returns a contract of the default multiplier from a dollar strike of at most 3 decimals. */
    public static OptionContract of(String underlying, LocalDate expiry, OptionRight right,
            BigDecimal strike) {
        return new OptionContract(underlying, expiry, thousandths(strike), right);
    }

    /** Returns a dollar amount in thousandths of a dollar; more than 3 decimals is an error. */
    static long thousandths(BigDecimal dollars) {
        try {
            return dollars.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a strike is a whole number of thousandths of a "
                    + "dollar, not " + dollars.toPlainString());
        }
    }

    /** Returns the strike in dollars, scale 3 ({@code 127.000}). */
    public BigDecimal strike() {
        return BigDecimal.valueOf(strikeThousandths, 3);
    }

    /** Returns the strike in dollars as a {@code double}, for pricing. */
    public double strikePrice() {
        return strikeThousandths / 1000.0;
    }

    /**
     * Returns the OCC symbol: the root left-aligned in 6 characters, the expiry as {@code yyMMdd},
     * {@code C} or {@code P}, and the strike in thousandths of a dollar as 8 digits.
     */
    public String occSymbol() {
        StringBuilder b = new StringBuilder(SYMBOL_LENGTH).append(underlying);
        while (b.length() < ROOT_LENGTH) {
            b.append(' ');
        }
        two(b, expiry.getYear() % 100);
        two(b, expiry.getMonthValue());
        two(b, expiry.getDayOfMonth());
        b.append(right.code());
        String strike = Long.toString(strikeThousandths);
        b.append("0".repeat(8 - strike.length())).append(strike);
        return b.toString();
    }

    /**
     * Reads an OCC symbol as written by {@link #occSymbol()}; the multiplier, which the symbol
     * does not carry, is the default. A malformed symbol is an {@link IllegalArgumentException}
     * that quotes it and says which part is wrong.
     */
    public static OptionContract parseOcc(String symbol) {
        if (symbol == null) {
            throw new IllegalArgumentException("OCC symbol is missing (null)");
        }
        if (symbol.length() != SYMBOL_LENGTH) {
            throw malformed(symbol, "it has " + symbol.length() + " characters, not 21 (root "
                    + "padded to 6, yyMMdd, C or P, 8 strike digits)");
        }
        String root = symbol.substring(0, ROOT_LENGTH).stripTrailing();
        if (root.isEmpty() || !lettersAndDigits(root)) {
            throw malformed(symbol, "the root '" + symbol.substring(0, ROOT_LENGTH)
                    + "' is not 1 to 6 upper-case letters or digits padded with spaces");
        }
        String date = symbol.substring(6, 12);
        if (!digits(date)) {
            throw malformed(symbol, "the expiry '" + date + "' is not six digits yyMMdd");
        }
        LocalDate expiry;
        try {
            expiry = LocalDate.of(2000 + Integer.parseInt(date.substring(0, 2)),
                    Integer.parseInt(date.substring(2, 4)), Integer.parseInt(date.substring(4)));
        } catch (DateTimeException e) {
            throw malformed(symbol, "the expiry '" + date + "' is not a date (yyMMdd)");
        }
        char code = symbol.charAt(12);
        if (code != OptionRight.CALL.code() && code != OptionRight.PUT.code()) {
            throw malformed(symbol, "the right '" + code + "' is not C or P");
        }
        String strike = symbol.substring(13);
        if (!digits(strike)) {
            throw malformed(symbol, "the strike '" + strike + "' is not eight digits");
        }
        long thousandths = Long.parseLong(strike);
        if (thousandths == 0) {
            throw malformed(symbol, "the strike is zero");
        }
        return new OptionContract(root, expiry, thousandths, OptionRight.ofCode(code));
    }

    private static IllegalArgumentException malformed(String symbol, String why) {
        return new IllegalArgumentException("malformed OCC symbol '" + symbol + "': " + why);
    }

    private static void two(StringBuilder b, int n) {
        b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static boolean lettersAndDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
