package io.tradeflow.notebooks;

import io.tradeflow.notebooks.runner.NotebookRunner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link NotebookRunner} on one notebook in a JVM of its own, as the notebook tests do. */
final class NotebookProcess {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path EXECUTED = MODULE.resolve("target/executed");

    /** The outcome of one run: exit code, the runner's log, the executed copy and the time. */
    record Result(int exitCode, String log, Path executed, long millis) {}

    private NotebookProcess() {}

    private static String classpath;

    /**
     * The notebook class path: this module's classes and its runtime dependencies, with the
     * SNAPSHOT jars (the project's own modules) copied to {@code target/notebook-lib/} once per
     * test run: a {@code mvn install} in another clone sharing {@code ~/.m2} rewrites them in
     * place, and a notebook JVM whose jar changes under it fails with NoClassDefFoundError.
     */
    static synchronized String classpath() throws IOException {
        if (classpath == null) {
            Path lib = Files.createDirectories(MODULE.resolve("target/notebook-lib"));
            List<String> entries = new ArrayList<>();
            entries.add(MODULE.resolve("target/classes").toString());
            String listed = Files.readString(MODULE.resolve("target/notebook-classpath.txt"));
            for (String entry : listed.strip().split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (entry.endsWith("-SNAPSHOT.jar") && Files.isRegularFile(jar)) {
                    Path copy = lib.resolve(jar.getFileName());
                    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
            classpath = String.join(File.pathSeparator, entries);
        }
        return classpath;
    }

    /** Extra JVM options for a notebook's JVM ({@code -Dnotebook.jvm-options}, space-separated). */
    static List<String> jvmOptions() {
        String options = System.getProperty("notebook.jvm-options", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    static long cellTimeoutSeconds() {
        return Long.getLong("notebook.cell-timeout", 120);
    }

    static Result run(Path notebook, Path outDir, String... runnerArgs) throws Exception {
        Files.createDirectories(outDir);
        String name = notebook.getFileName().toString();
        Path executed = outDir.resolve(name);
        Path log = outDir.resolve(name.replaceAll("\\.ipynb$", "") + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + MODULE.resolve("target"),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", classpath(), NotebookRunner.class.getName()));
        command.addAll(List.of(runnerArgs));
        command.add(notebook.toAbsolutePath().toString());
        command.add(executed.toString());
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(notebook.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + ": the runner did not end within 15 minutes");
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Result(process.exitValue(), Files.readString(log), executed, millis);
    }
}
