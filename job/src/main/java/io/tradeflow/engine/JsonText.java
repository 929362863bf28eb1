package io.tradeflow.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes JSON text straight into a {@link StringBuilder}, as Jackson writes the same values from
 * a tree (an {@code ObjectNode} through {@code ObjectMapper.writeValueAsString}): strings escaped
 * by Jackson's own encoder, doubles as {@link Double#toString}, NaN and infinities quoted,
 * decimals as {@link BigDecimal#toString}. A decision's trace is built once per decision; without
 * the tree it costs a fraction (JsonTextProperties checks the text against Jackson's).
 *
 * <p>A comma goes before every field or array element but the first of its object or array.
 */
final class JsonText {
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();
    /**
     * Each field name quoted with its colon, once: the names are mostly the code's own constants
     * (a trace writes about sixty), and one append of the kept text is cheaper than quoting
     * again. Names from data (a reconciliation's tickers) are kept too, up to a bound.
     */
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();
    private static final int MAX_NAMES = 4096;

    private final StringBuilder out;

    JsonText(StringBuilder out) {
        this.out = out;
    }

    /** Returns the text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    JsonText startObject() {
        separate();
        out.append('{');
        return this;
    }

    JsonText object(String name) {
        field(name);
        out.append('{');
        return this;
    }

    JsonText end() {
        out.append('}');
        return this;
    }

    JsonText array(String name) {
        field(name);
        out.append('[');
        return this;
    }

    JsonText endArray() {
        out.append(']');
        return this;
    }

    JsonText put(String name, String value) {
        field(name);
        string(value);
        return this;
    }

    JsonText put(String name, double value) {
        field(name);
        number(value);
        return this;
    }

    JsonText put(String name, Double value) {
        field(name);
        if (value == null) {
            out.append("null");
        } else {
            number(value);
        }
        return this;
    }

    JsonText put(String name, long value) {
        field(name);
        out.append(value);
        return this;
    }

    JsonText put(String name, Integer value) {
        field(name);
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    JsonText put(String name, boolean value) {
        field(name);
        out.append(value);
        return this;
    }

    JsonText put(String name, BigDecimal value) {
        field(name);
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    /** Writes an array field whose elements are JSON text already ({@code elements}, unchecked). */
    JsonText putArray(String name, CharSequence elements) {
        field(name);
        out.append('[').append(elements).append(']');
        return this;
    }

    /** Writes a field whose value is JSON text already ({@code json} is not checked). */
    JsonText putJson(String name, CharSequence json) {
        field(name);
        out.append(json);
        return this;
    }

    JsonText putNull(String name) {
        field(name);
        out.append("null");
        return this;
    }

    /** Adds a number to the array being written. */
    JsonText add(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** Returns {@code s} as a JSON string, quotes included. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        new JsonText(b).string(s);
        return b.toString();
    }

    private void field(String name) {
        separate();
        String quoted = NAMES.get(name);
        if (quoted == null) {
            quoted = quote(name) + ':';
            if (NAMES.size() < MAX_NAMES) {
                NAMES.put(name, quoted);
            }
        }
        out.append(quoted);
    }

    private void separate() {
        int n = out.length();
        if (n > 0) {
            char last = out.charAt(n - 1);
            if (last != '{' && last != '[') {
                out.append(',');
            }
        }
    }

    private void string(String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        if (plain(s)) {
            out.append(s); // nothing to escape: one copy, not a character at a time
        } else {
            QUOTER.quoteAsString(s, out);
        }
        out.append('"');
    }

    /** Returns whether Jackson would write {@code s} unchanged: no control, quote or backslash. */
    private static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void number(double d) {
        if (Double.isFinite(d)) {
            out.append(Double.toString(d));
        } else {
            out.append('"').append(Double.toString(d)).append('"');
        }
    }
}
