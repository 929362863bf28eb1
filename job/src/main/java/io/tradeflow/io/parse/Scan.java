package io.tradeflow.io.parse;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the common spellings of numbers and times in a bar line by hand: a regular expression or a
 * {@code java.time} formatter per cell cost more than the rest of a bar's parse. Each scanner
 * accepts exactly what its documented equivalent accepts, or says "not the simple form" so the
 * caller falls back to the general parser (and its error messages).
 */
final class Scan {
    /** Returned by the time scanners for text that is not in their simple form. */
    static final long NOT_SIMPLE = Long.MIN_VALUE;

    private Scan() {}

    /** Same as matching {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,6})?}. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = sign(s, 0);
        int whole = digits(s, i);
        i += whole;
        int fraction = 0;
        boolean dot = i < n && s.charAt(i) == '.';
        if (dot) {
            fraction = digits(s, ++i);
            i += fraction;
        }
        if (whole == 0 && fraction == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
            return false;
        }
        i = sign(s, i + 1);
        int exponent = digits(s, i);
        return exponent >= 1 && exponent <= 6 && i + exponent == n;
    }

    /** The powers of ten a decimal of at most {@link #EXACT_DIGITS} digits is divided by. */
    private static final double[] TENS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15};
    /** Digits whose whole number is exact in a double (below 2^53). */
    private static final int EXACT_DIGITS = 15;

    /**
     * Reads {@code [+-]?(\d+\.?\d*|\.\d+)} of at most 15 digits (a price, a volume) as {@link
     * Double#parseDouble} does, else returns NaN (not this simple form: the caller asks {@link
     * #isDecimal} and the general parser). The digits make a whole number and the point a power of
     * ten, both exact in a double, and one division of exact operands is correctly rounded: the
     * double nearest the decimal, which is what {@code parseDouble} returns (its own fast path).
     */
    static double simpleDecimal(String s) {
        return simpleDecimal(s, 0, s.length());
    }

    /** {@link #simpleDecimal(String)} of the text from {@code from} to {@code to} (exclusive). */
    static double simpleDecimal(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (to > i && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long whole = 0;
        int digits = 0;
        int fraction = -1; // digits after the point, -1 before it
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                whole = whole * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > EXACT_DIGITS) {
            return Double.NaN;
        }
        double v = fraction > 0 ? whole / TENS[fraction] : whole;
        return negative ? -v : v;
    }

    /** Same as matching {@code -?\d{1,19}}. */
    static boolean isEpoch(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int d = digits(s, i);
        return d >= 1 && d <= 19 && i + d == s.length();
    }

    /**
     * Reads {@code yyyy-MM-ddTHH:mm:ss} followed by {@code Z} or {@code ±HH:MM} (what {@code
     * OffsetDateTime.parse} accepts in that shape) as epoch milliseconds, else {@link #NOT_SIMPLE}.
     */
    static long isoMillis(String s) {
        return isoMillis(s, 0, s.length());
    }

    /** {@link #isoMillis(String)} of the text from {@code from} to {@code to} (exclusive). */
    static long isoMillis(String s, int from, int to) {
        int n = to - from;
        int f = from;
        if ((n != 20 && n != 25) || s.charAt(f + 4) != '-' || s.charAt(f + 7) != '-'
                || s.charAt(f + 10) != 'T' || s.charAt(f + 13) != ':' || s.charAt(f + 16) != ':') {
            return NOT_SIMPLE;
        }
        int offset;
        if (n == 20) {
            if (s.charAt(f + 19) != 'Z') {
                return NOT_SIMPLE;
            }
            offset = 0;
        } else {
            char sign = s.charAt(f + 19);
            int oh = number(s, f + 20, 2);
            int om = number(s, f + 23, 2);
            if ((sign != '+' && sign != '-') || s.charAt(f + 22) != ':' || oh < 0 || oh > 17
                    || om < 0 || om > 59) {
                return NOT_SIMPLE;
            }
            offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        }
        return millis(number(s, f, 4), number(s, f + 5, 2), number(s, f + 8, 2),
                number(s, f + 11, 2), number(s, f + 14, 2), number(s, f + 17, 2), offset);
    }

    /** Reads {@code yyyyMMdd HHmmss} (UTC) as epoch milliseconds, else {@link #NOT_SIMPLE}. */
    static long ninjaMillis(String s) {
        if (s.length() != 15 || s.charAt(8) != ' ') {
            return NOT_SIMPLE;
        }
        return millis(number(s, 0, 4), number(s, 4, 2), number(s, 6, 2), number(s, 9, 2),
                number(s, 11, 2), number(s, 13, 2), 0);
    }

    private static long millis(int year, int month, int day, int hour, int minute, int second,
            int offsetSeconds) {
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59
                || day > Month.of(month).length(Year.isLeap(year))) {
            return NOT_SIMPLE;
        }
        long days = epochDay(year, month, day);
        return (days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds) * 1_000;
    }

    /**
     * {@link LocalDate#toEpochDay} of a valid date without making the date (every line of a bar
     * file has one): whole 400-year eras, then the year's days counted from March 1st, so that
     * February's length comes last ({@code ScanProperties} holds it to {@code LocalDate}).
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        int yearOfEra = (int) (y - era * 400);
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Returns the value of {@code len} ASCII digits at {@code from}, or -1. */
    private static int number(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int sign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    /** Returns how many ASCII digits run from {@code i}. */
    private static int digits(String s, int i) {
        int j = i;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        return j - i;
    }
}
