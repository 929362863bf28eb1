package io.tradeflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads secrets from the environment: {@code NAME} itself, or the file named by {@code NAME_FILE}
 * (trailing newline stripped). Secrets are never logged, traced or put in configuration objects
 * that reach the Flink web UI as strings.
 */
public final class Secrets {
    public static final String WEBHOOK_SECRET = "TRADEFLOW_WEBHOOK_SECRET";
    public static final String JDBC_PASSWORD = "TRADEFLOW_JDBC_PASSWORD";

    private Secrets() {}

    /** Returns the secret, or {@code null} when neither variable is set. */
    public static String read(String name) {
        return read(name, System.getenv());
    }

    static String read(String name, Map<String, String> env) {
        String direct = env.get(name);
        if (direct != null && !direct.isEmpty()) {
            return direct;
        }
        String file = env.get(name + "_FILE");
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + "_FILE", e);
        }
    }
}
