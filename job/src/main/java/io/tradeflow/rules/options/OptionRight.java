package io.tradeflow.rules.options;

import java.util.Locale;

/** Names the right an option gives its holder: to buy (CALL) or to sell (PUT) the underlying. */
public enum OptionRight {
    CALL('C'),
    PUT('P');

    private final char code;

    OptionRight(char code) {
        this.code = code;
    }

    /** Returns the letter of the right in an OCC symbol, {@code C} or {@code P}. */
    public char code() {
        return code;
    }

    /** Returns the right of an OCC letter, {@code C} or {@code P}. */
    public static OptionRight ofCode(char code) {
        return switch (code) {
            case 'C' -> CALL;
            case 'P' -> PUT;
            default -> throw new IllegalArgumentException(
                    "option right must be C or P, not '" + code + "'");
        };
    }

    /** Returns the right named {@code call} or {@code put}, in any case. */
    public static OptionRight parse(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "CALL" -> CALL;
            case "PUT" -> PUT;
            default -> throw new IllegalArgumentException(
                    "option right must be call or put, not '" + name + "'");
        };
    }
}
