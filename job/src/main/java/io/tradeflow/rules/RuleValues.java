package io.tradeflow.rules;

import io.tradeflow.rules.RuleKeys.InvalidValue;
import io.tradeflow.rules.RuleKeys.Kind;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads a rule key's value from text and checks it against what the key holds. */
final class RuleValues {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]");

    private RuleValues() {}

    /** Returns a number as written in the rules, without trailing zeros or an exponent. */
    static String plain(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    static Object parse(String key, Kind kind, String value) {
        if (value == null) {
            if (kind == Kind.TIME_OR_NONE) {
                return null;
            }
            throw new InvalidValue(key, "a value is required");
        }
        String v = value.strip();
        switch (kind) {
            case FRACTION_ABOVE_ZERO -> {
                double d = number(key, v);
                if (d <= 0 || d > 1) {
                    throw new InvalidValue(key, "must be a fraction in (0, 1] (0.2 = 20 %), got "
                            + d);
                }
                return d;
            }
            case FRACTION -> {
                double d = number(key, v);
                if (d < 0 || d > 1) {
                    throw new InvalidValue(key, "must be a fraction in [0, 1] (0.2 = 20 %), got "
                            + d);
                }
                return d;
            }
            case POSITIVE -> {
                double d = number(key, v);
                if (d <= 0) {
                    throw new InvalidValue(key, "must be greater than 0, got " + d);
                }
                return d;
            }
            case NON_NEGATIVE -> {
                double d = number(key, v);
                if (d < 0) {
                    throw new InvalidValue(key, "must not be negative, got " + d);
                }
                return d;
            }
            case COUNT -> {
                int n = whole(key, v);
                if (n < 0) {
                    throw new InvalidValue(key, "must not be negative (0 turns the rule off), "
                            + "got " + n);
                }
                return n;
            }
            case PERIOD -> {
                int n = whole(key, v);
                if (n < 1) {
                    throw new InvalidValue(key, "must be at least 1, got " + n);
                }
                return n;
            }
            case DURATION -> {
                if (v.matches("[+-]?\\d+(\\.\\d+)?")) {
                    throw new InvalidValue(key, "expected a duration with a unit (PT10S, 10s, "
                            + "5m, 24h), got the bare number " + v);
                }
                Duration d;
                try {
                    d = RuleKeys.duration(v);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValue(key, e.getMessage());
                }
                if (d.isNegative() || d.isZero()) {
                    throw new InvalidValue(key, "must be greater than 0, got " + v);
                }
                return d;
            }
            case TIME -> {
                return time(key, v);
            }
            case TIME_OR_NONE -> {
                return v.isEmpty() || v.equalsIgnoreCase("none") ? null : time(key, v);
            }
            case BOOLEAN -> {
                if (v.equalsIgnoreCase("true")) {
                    return true;
                }
                if (v.equalsIgnoreCase("false")) {
                    return false;
                }
                throw new InvalidValue(key, "expected true or false, got '" + v + "'");
            }
            case NAMES -> {
                Set<String> names = new LinkedHashSet<>();
                for (String n : v.split(",", -1)) {
                    if (n.isBlank()) {
                        throw new InvalidValue(key, "expected comma-separated names, got an "
                                + "empty one in '" + v + "'");
                    }
                    names.add(n.strip());
                }
                return Set.copyOf(names);
            }
            case CHOICE -> {
                if (v.isEmpty()) {
                    throw new InvalidValue(key, "a value is required");
                }
                return v.toLowerCase(java.util.Locale.ROOT);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static double number(String key, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidValue(key, "expected a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new InvalidValue(key, "expected a finite number, got " + v);
        }
        return d;
    }

    private static int whole(String key, String v) {
        try {
            return new BigDecimal(v).intValueExact();
        } catch (NumberFormatException e) {
            throw new InvalidValue(key, "expected a whole number, got '" + v + "'");
        } catch (ArithmeticException e) {
            throw new InvalidValue(key, "expected a whole number, got " + v);
        }
    }

    private static LocalTime time(String key, String v) {
        try {
            return LocalTime.parse(v, TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidValue(key, "expected a time HH:mm (America/New_York), got '" + v
                    + "'");
        }
    }
}
