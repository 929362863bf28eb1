package io.tradeflow.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code ctl} in the test JVM with an environment of the test's choosing (the Kafka security
 * variables), signing with a test key file, and keeps what it printed and threw.
 */
public final class CtlClient {
    private CtlClient() {}

    /** What one run printed, and the exception it ended with ({@code null} when it published). */
    public record Result(Exception error, String out, String err) {
        /** Throws the run's exception, if any; returns this otherwise. */
        public Result rethrow() throws Exception {
            if (error != null) {
                throw error;
            }
            return this;
        }
    }

    public static Result run(Map<String, String> environment, String... args) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "ctl-client"));
        Path secret = Files.writeString(dir.resolve("control-key"),
                "ctl-client-test-secret-of-at-least-32-bytes\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--secret-file=" + secret);
        CtlCommand cmd = new CtlCommand();
        cmd.config.environment = environment;
        new CommandLine(cmd).parseArgs(all.toArray(String[]::new));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Exception error = null;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            cmd.call();
        } catch (Exception e) {
            error = e;
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(error, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
