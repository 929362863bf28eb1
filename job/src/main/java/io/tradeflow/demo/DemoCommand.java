package io.tradeflow.demo;

import io.tradeflow.demo.Demo;
import io.tradeflow.demo.DemoOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Runs the embedded default: PostgreSQL, Kafka and Flink in this JVM, a generated market day. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded PostgreSQL, a Kafka broker and a local Flink cluster "
                + "(web UI on :8081), replay a generated, seeded market day through the job, and "
                + "print what it decided and how to query it.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep", description = "Keep the services up after the summary, until Enter.")
    boolean keep;

    @Option(names = "--seed", defaultValue = "42", description = "Data seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--days", defaultValue = "2", description = "Trading days, 1 to 5. "
            + "Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--recommendations-per-day", defaultValue = "60",
            description = "Default: ${DEFAULT-VALUE}.")
    int recommendationsPerDay;

    @Option(names = "--web-ui-port", defaultValue = "8081", description = "Flink web UI port; a "
            + "busy port falls back to a free one. Default: ${DEFAULT-VALUE}.")
    int webUiPort;

    @Option(names = "--pg-port", defaultValue = "0", description = "PostgreSQL port, 0 = any "
            + "free port. Default: ${DEFAULT-VALUE}.")
    int pgPort;

    @Option(names = "--work-dir", description = "Where the services keep their files. "
            + "Default: a directory under java.io.tmpdir.")
    Path workDir;

    DemoOptions options() {
        DemoOptions d = DemoOptions.defaults();
        return new DemoOptions(seed, days, recommendationsPerDay, pgPort, webUiPort,
                workDir == null ? d.workDir() : workDir, keep);
    }

    @Override
    public Integer call() throws Exception {
        Demo.run(options(), System.out);
        return 0;
    }
}
