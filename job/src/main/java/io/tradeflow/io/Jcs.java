package io.tradeflow.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a JSON tree in the canonical form of RFC 8785 (JSON Canonicalization Scheme): object
 * keys sorted by UTF-16 code units, no whitespace, numbers as ECMAScript's {@code
 * Number.prototype.toString} writes the IEEE double they stand for, strings with the minimal
 * escaping of ECMAScript's {@code JSON.stringify}; the caller encodes the result as UTF-8.
 */
public final class Jcs {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final RoundingMode[] CANDIDATES =
            {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

    private Jcs() {}

    /**
     * Returns the canonical text of the tree.
     *
     * @throws IllegalArgumentException for a number that is not finite, a string with a lone
     *     surrogate, or a node JSON has no form for (binary, POJO)
     */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                // String.compareTo orders by UTF-16 code units, as RFC 8785 § 3.2.3 asks
                Collections.sort(names);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(number(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(
                    "no canonical JSON for a " + node.getNodeType() + " node");
        }
    }

    /**
     * Returns the number as ECMAScript's {@code Number.prototype.toString} writes it: the shortest
     * digits that read back as the same double (the closest to it when several do), in plain
     * notation for 1e-7 &lt; |v| &lt; 1e21, otherwise as {@code d.ddde±x}; {@code -0} is "0".
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot carry
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("no canonical JSON for " + v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal shortest = shortest(v);
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // v = 0.digits × 10^n
        StringBuilder out = new StringBuilder(24);
        if (v < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /** Returns the shortest decimal that reads back as v, trailing zeros stripped. */
    private static BigDecimal shortest(double v) {
        // Double.toString is not always shortest before JDK 19, so search the precision
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p < 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : CANDIDATES) {
                BigDecimal c = exact.round(new MathContext(p, mode));
                if (c.doubleValue() == v && (best == null
                        || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        // 17 significant digits always read back as the same double
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(
                                "no canonical JSON for a string with a lone surrogate");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
