package io.tradeflow.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Compares and prints the fractions of the risk rules (losses, drawdowns, shares): a comparison
 * near its threshold is decided in decimal arithmetic on the shortest decimal form of each
 * {@code double}, so that a loss of exactly the limit (3 % of 100.10) never crosses it by binary
 * rounding.
 */
public final class Fractions {
    /** Below this relative gap the double comparison is not trusted and decimals decide. */
    private static final double NEAR = 1e-9;

    private Fractions() {}

    /**
     * Returns whether {@code a − b > limit × base}, i.e. {@code (a − b) / base > limit} for a
     * positive {@code base}, exactly for the decimal values the arguments print as.
     */
    public static boolean exceeds(double a, double b, double base, double limit) {
        double lhs = a - b;
        double rhs = limit * base;
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(base)
                || !Double.isFinite(limit)) {
            return lhs > rhs;
        }
        if (Math.abs(lhs - rhs) > NEAR * (Math.abs(lhs) + Math.abs(rhs))) {
            return lhs > rhs;
        }
        BigDecimal exactLhs = BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b));
        BigDecimal exactRhs = BigDecimal.valueOf(limit).multiply(BigDecimal.valueOf(base));
        return exactLhs.compareTo(exactRhs) > 0;
    }

    /**
     * Returns {@code (a − b) / base} computed in decimal on the shortest decimal form of each
     * argument and rounded once to a {@code double}, so that a ratio that is exactly a decimal
     * limit equals that limit's literal ({@code (100.1 − 80.08) / 100.1} is {@code 0.2}); plain
     * double arithmetic for non-finite arguments or a zero base.
     */
    public static double ratio(double a, double b, double base) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(base) || base == 0) {
            return (a - b) / base;
        }
        return BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b))
                .divide(BigDecimal.valueOf(base), MathContext.DECIMAL64).doubleValue();
    }

    /** Prints a fraction as a percentage with up to six significant digits: {@code 3.0001 %}. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return fraction * 100 + " %";
        }
        return BigDecimal.valueOf(fraction).movePointRight(2).round(new MathContext(6))
                .stripTrailingZeros().toPlainString() + " %";
    }

    /** Prints an amount with up to two decimals and no exponent: {@code 99.5}, {@code 1000}. */
    public static String amount(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal v = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }

    /**
     * Prints {@code value} with exactly {@code scale} decimals, as {@code String.format(Locale.ROOT,
     * "%.<scale>f", value)} does (half up on the shortest decimal form, a minus sign kept on a
     * negative value that rounds to zero), without a {@code Formatter} per call: details of
     * decisions print it for every recommendation.
     */
    public static String fixed(double value, int scale) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String s = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP)
                .toPlainString();
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && s.charAt(0) != '-' ? "-" + s : s;
    }
}
