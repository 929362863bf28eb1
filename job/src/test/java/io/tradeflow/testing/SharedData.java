package io.tradeflow.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared market data ({@code shared/data} beside the clone, never copied into it) for
 * every test that reads it: {@code TRADEFLOW_DATA} when set, else the nearest {@code
 * shared/data} at or above the working directory (a module, a clone, a worktree). A test whose
 * file is absent is skipped with a message, never failed.
 */
public final class SharedData {
    private SharedData() {}

    /** Returns the data folder, or null when there is none. */
    public static Path find() {
        String configured = System.getenv("TRADEFLOW_DATA");
        if (configured != null && !configured.isBlank()
                && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path data = p.resolve("shared").resolve("data");
            if (Files.isDirectory(data)) {
                return data;
            }
        }
        return null;
    }

    /** Returns the data folder, skipping the calling test when there is none. */
    public static Path dir() {
        Path d = find();
        assumeTrue(d != null, "skipped: no shared/data above " + Path.of("").toAbsolutePath()
                + " (the shared market data is not beside this checkout)");
        return d;
    }

    /** Returns a file of the data folder, skipping the calling test when it is absent. */
    public static Path file(String name) {
        Path f = dir().resolve(name);
        assumeTrue(Files.isRegularFile(f), "skipped: " + f + " is absent");
        return f;
    }
}
