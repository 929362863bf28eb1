package io.tradeflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tradeflow daemon serve|status|stop}: a JVM that stays up and runs the backtests of
 * {@code bin/tradeflow backtest} warm ({@link BacktestDaemon}). {@code bin/tradeflow daemon start}
 * starts {@code serve} in the background.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Keep a JVM up that runs backtests warm: bin/tradeflow backtest hands its "
                + "commands to it (bin/tradeflow daemon start|status|stop).",
        subcommands = DaemonCommand.Serve.class)
final class DaemonCommand {
    /** Where the launcher and the daemon meet, unless told otherwise. */
    static Path defaultSocket() {
        return Path.of(System.getProperty("java.io.tmpdir"), "tradeflow-daemon", "daemon.sock");
    }

    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's Unix socket. "
            + "Default: <java.io.tmpdir>/tradeflow-daemon/daemon.sock.")
    Path socket;

    Path socket() {
        return socket != null ? socket : defaultSocket();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve backtests in this JVM until stopped or idle.")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        DaemonCommand daemon;

        @Option(names = "--idle", defaultValue = "PT1H", paramLabel = "DURATION",
                description = "Stop after this long without a command (ISO-8601, e.g. PT30M). "
                        + "Default: one hour.")
        Duration idle;

        @Option(names = "--warm-up", defaultValue = "PT3M", paramLabel = "DURATION",
                description = "Run backtests of a generated market at start until the JIT has "
                        + "settled (its compilers busy under a fifth of the last 10 s), for this "
                        + "long at most, so that the first command finds the JIT warm; a command "
                        + "ends it at once. PT0S: none. Default: 3 minutes.")
        Duration warmUp;

        @Option(names = "--jar", paramLabel = "FILE", description = "The jar this JVM runs, "
                + "whose clients it serves (its size and time identify the build). Default: the "
                + "jar of this class.")
        Path jar;

        @Override
        public Integer call() throws Exception {
            Path j = jar != null ? jar : ownJar();
            String build = j == null ? "classes" : DaemonWire.build(j);
            try (BacktestDaemon d = new BacktestDaemon(daemon.socket(), build, System.getenv(),
                    Path.of(""), idle, warmUp)) {
                d.serve();
            }
            return 0;
        }

        private static Path ownJar() throws Exception {
            Path p = Path.of(DaemonCommand.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print the daemon's pid, uptime, commands served and heap.")
    int status() {
        return ask(socket(), DaemonWire.Kind.STATUS);
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the daemon after the command it runs.")
    int stop() {
        return ask(socket(), DaemonWire.Kind.STOP);
    }

    private static int ask(Path socket, DaemonWire.Kind kind) {
        int code = DaemonClient.send(socket, new DaemonWire.Request(kind, "", "",
                Path.of("").toAbsolutePath(), List.of()), System.out, System.err);
        if (code == DaemonWire.RUN_HERE) {
            System.err.println("no daemon answers at " + socket);
            return 1;
        }
        return code;
    }
}
