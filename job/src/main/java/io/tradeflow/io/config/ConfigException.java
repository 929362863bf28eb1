package io.tradeflow.io.config;

import java.util.List;

/**
 * Reports every problem found in a configuration at once; the message has a header line, then one
 * line per problem in the form {@code path: what is wrong}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ConfigException(String source, List<String> errors) {
        super(message(source, errors));
        this.errors = List.copyOf(errors);
    }

    /** Returns the problems, one {@code path: what is wrong} each. */
    public List<String> errors() {
        return errors;
    }

    private static String message(String source, List<String> errors) {
        StringBuilder sb = new StringBuilder("invalid configuration ").append(source);
        sb.append(" (").append(errors.size()).append(errors.size() == 1 ? " error):" : " errors):");
        for (String e : errors) {
            sb.append('\n').append(e);
        }
        return sb.toString();
    }
}
