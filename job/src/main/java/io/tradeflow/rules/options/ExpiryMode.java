package io.tradeflow.rules.options;

/** Names which expiry R-OPT-1 trades ({@code option-expiry}): same day, next day or the week's. */
public enum ExpiryMode {
    ZERO_DTE("0dte"),
    ONE_DTE("1dte"),
    WEEKLY("weekly");

    private final String key;

    ExpiryMode(String key) {
        this.key = key;
    }

    /** Returns the configuration value, {@code 0dte}, {@code 1dte} or {@code weekly}. */
    public String key() {
        return key;
    }

    /** Returns the mode of a configuration value. */
    public static ExpiryMode parse(String key) {
        for (ExpiryMode m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "option expiry must be 0dte, 1dte or weekly, not '" + key + "'");
    }
}
