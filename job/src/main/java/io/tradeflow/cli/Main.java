package io.tradeflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the {@code tradeflow} command line: one jar, one main, a subcommand per mode. */
@Command(
        name = "tradeflow",
        mixinStandardHelpOptions = true,
        version = "tradeflow 0.1.0",
        description = "A checkpointed Apache Flink trading engine: live, paper and backtest.",
        subcommands = {
            RunCommand.class,
            BacktestCommand.class,
            IndicatorsCommand.class,
            OptionPriceCommand.class,
            MigrateCommand.class,
            SignCommand.class,
            CtlCommand.class,
            NotifyCommand.class,
            TaxLotsCommand.class,
            MetricsCommand.class,
            DaemonCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 bad usage). */
    public static int execute(String... args) {
        return commandLine(CommandLine.defaultFactory()).execute(args);
    }

    /** The command line, its commands made by {@code factory}. */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Main(), factory);
        Object demo = demoCommand();
        if (demo != null) {
            cl.addSubcommand(demo);
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message(e)));
            return e instanceof io.tradeflow.io.config.ConfigException
                    || e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    /**
     * Returns the {@code demo} command when its classes are on the class path: the -local jar has
     * them, the cluster jar does not (no embedded broker or database in a cluster).
     */
    private static Object demoCommand() {
        try {
            return Class.forName("io.tradeflow.demo.DemoCommand").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
