package io.tradeflow.notebooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the shared market data the notebooks read (never copied into the repository): the folder
 * named by {@code TRADEFLOW_DATA}, else {@code ../shared/data} relative to the repository root.
 * A notebook asks for a file with {@link #file(String)} and falls back to generated data, saying
 * so, when it is absent.
 */
public final class SharedData {
    /** The environment variable naming the data folder. */
    public static final String ENV = "TRADEFLOW_DATA";

    private SharedData() {}

    /** Returns the data folder (it may not exist). */
    public static Path dir() {
        return dir(System.getenv(), Path.of("").toAbsolutePath());
    }

    static Path dir(Map<String, String> env, Path workingDir) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path root = repositoryRoot(workingDir);
        return root.resolve("../shared/data").normalize();
    }

    /**
     * Returns the repository root: the nearest folder at or above {@code from} holding both
     * {@code notebooks/} and {@code job/}; else the parent of {@code from} (notebooks run in
     * {@code notebooks/}).
     */
    static Path repositoryRoot(Path from) {
        for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isDirectory(p.resolve("job"))) {
                return p;
            }
        }
        Path parent = from.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : from;
    }

    /** Returns the file of that name in the data folder, when it is there. */
    public static Optional<Path> file(String name) {
        Path p = dir().resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Prints which data a notebook uses: the shared file, or generated data and why. */
    public static Optional<Path> announce(String name, String fallback) {
        Optional<Path> p = file(name);
        if (p.isPresent()) {
            System.out.println("data: " + p.get());
        } else {
            System.out.println("data: " + name + " not found in " + dir() + " (set " + ENV
                    + " to the shared data folder): using " + fallback + " instead");
        }
        return p;
    }
}
