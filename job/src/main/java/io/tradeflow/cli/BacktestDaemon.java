package io.tradeflow.cli;

import io.tradeflow.backtest.Backtest;

import picocli.CommandLine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code backtest} commands for clients in one JVM that stays up, so that only its first
 * backtest pays for a cold JVM: class loading, the local cluster's start and, on two cores
 * above all, the JIT compiler's warm-up (on the 50-ticker month, the C2 compiler alone used as
 * much CPU as the job's stages). Commands run one at a time, each with the client's arguments,
 * working directory and output; a client that goes away cancels its backtest. The daemon refuses
 * (and the client runs the command itself) what it cannot run as the client would: another
 * build, another environment, another command than {@code backtest}.
 *
 * <p>The socket lives in a directory only its user may enter: whoever can connect could run
 * commands as that user.
 */
final class BacktestDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BacktestDaemon.class);

    private final Path socket;
    private final String build;
    private final String environment;
    private final Path workingDirectory;
    private final Duration idle;
    private final Duration warmUp;
    private final ServerSocketChannel server;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tradeflow-daemon-command");
        t.setDaemon(true);
        return t;
    });
    /** Commands queued or running: the warm-up aside. */
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger warmUps = new AtomicInteger();
    private volatile Runnable whileIdle = System::gc;
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime()); // wall clock: idle
    private final long started = System.nanoTime(); // wall clock: the status's uptime only
    /**
     * The command that runs now: its client's hang-up interrupts the worker only while that
     * command runs (a hang-up seen late must not cancel the next command).
     */
    private DaemonWire.Request running;
    /** The thread of the warm-up while it runs, interrupted when a command comes. */
    private Thread warming;

    /**
     * Binds the socket (removing a stale one: a daemon that died leaves its file behind).
     *
     * @param build the build this JVM runs ({@link DaemonWire#build})
     * @param env the environment this JVM's commands read
     * @param idle how long the daemon waits for a command before it stops
     * @param warmUp how long it runs backtests of its own at start ({@link WarmUp}), unless a
     *     command comes first
     */
    BacktestDaemon(Path socket, String build, Map<String, String> env, Path workingDirectory,
            Duration idle, Duration warmUp) throws IOException {
        this.socket = socket.toAbsolutePath();
        this.build = build;
        this.environment = DaemonWire.environment(env);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.idle = idle;
        this.warmUp = warmUp;
        Path dir = this.socket.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(this.socket) && answers(this.socket)) {
            throw new IllegalStateException("a daemon already serves " + this.socket);
        }
        Files.deleteIfExists(this.socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(this.socket));
    }

    private static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Serves until {@code daemon stop}, an idle period or a client of a newer build. */
    void serve() throws IOException {
        Backtest.startCluster(); // this thread keeps the local cluster up between commands
        Thread idleWatch = new Thread(this::closeWhenIdle, "tradeflow-daemon-idle");
        idleWatch.setDaemon(true);
        idleWatch.start();
        LOG.info("serving backtests at {} (build {}, idle stop after {})", socket, build, idle);
        if (!warmUp.isZero()) {
            worker.execute(this::warmUp);
        }
        try {
            while (true) {
                SocketChannel client = server.accept();
                lastActive.set(System.nanoTime()); // wall clock: idle
                take(client);
            }
        } catch (ClosedChannelException stopped) {
            LOG.info("stopped after {} command(s)", served.get());
        } finally {
            idleWatch.interrupt();
            endWarmUp();
            worker.shutdown();
            try {
                // the command that runs, and those that wait for it, end first
                worker.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void closeWhenIdle() {
        try {
            while (true) {
                Thread.sleep(Math.min(idle.toMillis(), 10_000));
                long quiet = System.nanoTime() - lastActive.get(); // wall clock: idle
                if (commands.get() == 0 && !warmingUp() && quiet >= idle.toNanos()) {
                    LOG.info("no command for {}: stopping", idle);
                    close();
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            // stopped otherwise
        }
    }

    /**
     * Reads a client's request: answers a status or stop at once, queues a command (ending the
     * warm-up), refuses a request it cannot read.
     */
    private void take(SocketChannel client) {
        DataInputStream in = DaemonWire.input(client);
        DataOutputStream out = DaemonWire.output(client);
        try {
            DaemonWire.Request request;
            try {
                request = DaemonWire.Request.read(in);
            } catch (IOException | IllegalArgumentException e) {
                DaemonWire.refuse(out, "bad request: " + e.getMessage());
                client.close();
                return;
            }
            switch (request.kind()) {
                case STATUS -> {
                    status(out);
                    client.close();
                }
                case STOP -> {
                    DaemonWire.exit(out, 0);
                    client.close();
                    close();
                }
                case RUN -> {
                    endWarmUp(); // a command comes first
                    if (commands.getAndIncrement() > 0) {
                        DaemonWire.text(out, DaemonWire.ERR, "tradeflow: the daemon runs "
                                + "another backtest; this one waits for it\n");
                    }
                    worker.execute(() -> handle(client, request, in, out));
                }
                default -> throw new IllegalStateException("unknown request " + request.kind());
            }
        } catch (IOException e) {
            LOG.warn("a client went away: {}", e.toString());
        }
    }

    private void handle(SocketChannel client, DaemonWire.Request request, InputStream in,
            DataOutputStream out) {
        try (client) {
            run(request, in, out);
        } catch (IOException e) {
            LOG.warn("a client went away: {}", e.toString());
        } finally {
            lastActive.set(System.nanoTime()); // wall clock: idle
            commands.decrementAndGet();
        }
    }

    private void status(DataOutputStream out) throws IOException {
        Runtime rt = Runtime.getRuntime();
        String s = String.format("daemon pid %d at %s: up %d s, %d warm-up backtest(s)%s, %d "
                        + "command(s) served, %d job(s) running, heap %d of %d MB used%n",
                ProcessHandle.current().pid(), socket,
                (System.nanoTime() - started) / 1_000_000_000L, // wall clock: uptime
                warmUps.get(), warmingUp() ? " (warming up)" : "", served.get(),
                io.tradeflow.job.Runs.localJobs(),
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        DaemonWire.text(out, DaemonWire.OUT, s);
        DaemonWire.exit(out, 0);
    }

    private void run(DaemonWire.Request r, InputStream in, DataOutputStream out)
            throws IOException {
        String refusal = refusal(r);
        if (refusal != null) {
            DaemonWire.refuse(out, refusal);
            if (!r.build().equals(build)) {
                close(); // a newer build is about: this daemon's days are over
            }
            return;
        }
        PrintWriter stdout = writer(out, DaemonWire.OUT);
        PrintWriter stderr = writer(out, DaemonWire.ERR);
        Thread self = Thread.currentThread();
        Thread hangUp = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // the client sends nothing more: end of stream is its hang-up
                }
            } catch (IOException e) {
                // the command ended and closed the socket, or the client went away
            }
            synchronized (this) {
                if (running != r) {
                    return;
                }
                LOG.info("the client went away: cancelling its backtest");
                self.interrupt();
                io.tradeflow.job.Runs.cancel(self);
            }
        }, "tradeflow-daemon-hangup");
        hangUp.setDaemon(true);
        int code;
        synchronized (this) {
            running = r;
        }
        hangUp.start();
        try {
            code = commandLine(r.workingDirectory(), stdout, stderr)
                    .execute(r.args().toArray(String[]::new));
        } finally {
            synchronized (this) {
                running = null;
                Thread.interrupted(); // an interrupt meant for this command only
            }
            served.incrementAndGet();
        }
        stdout.flush();
        stderr.flush();
        DaemonWire.exit(out, code);
        collectWhileIdle();
    }

    /**
     * Collects the heap once the client has its answer, while this daemon waits for the next
     * command: the parallel collector otherwise started each command with a full collection of
     * the previous one's old objects ({@code Pause Full (Ergonomics)}, 100-220 ms,
     * {@code -Xlog:gc}), and the 50-ticker month's warm command ran 1.11 times as fast without it
     * (two daemons alternating, a second between commands).
     */
    private void collectWhileIdle() {
        whileIdle.run();
    }

    /** Replaces what runs after each command and warm-up ({@link System#gc()}): for tests. */
    void whileIdle(Runnable r) {
        whileIdle = r;
    }

    private void warmUp() {
        synchronized (this) {
            warming = Thread.currentThread();
        }
        try {
            WarmUp.run(warmUp, warmUps);
            collectWhileIdle(); // the warm-up's own garbage, before the first command
        } catch (InterruptedException e) {
            LOG.info("warm-up ended: a command came");
        } catch (Exception e) {
            LOG.warn("warm-up failed (commands are served all the same)", e);
        } finally {
            synchronized (this) {
                warming = null;
                Thread.interrupted(); // meant for the warm-up only
            }
            lastActive.set(System.nanoTime()); // wall clock: idle
        }
    }

    private synchronized void endWarmUp() {
        if (warming != null) {
            warming.interrupt();
        }
    }

    private synchronized boolean warmingUp() {
        return warming != null;
    }

    /** Why this daemon cannot run {@code r} as the client would, or {@code null}. */
    String refusal(DaemonWire.Request r) {
        if (!r.build().equals(build)) {
            return "it runs another build of the jar (it stops now; start it again)";
        }
        if (!r.environment().equals(environment)) {
            return "its TRADEFLOW_* variables differ from this shell's (start it from here)";
        }
        List<String> args = r.args();
        if (args.isEmpty() || !args.get(0).equals("backtest") || args.contains("--help")
                || args.contains("-h")) {
            return "it runs backtests only";
        }
        boolean elsewhere = !r.workingDirectory().normalize().equals(workingDirectory);
        if (elsewhere && args.contains("--config")) {
            return "a configuration file may name files relative to the daemon's directory "
                    + workingDirectory + ": run from there";
        }
        return null;
    }

    private static PrintWriter writer(DataOutputStream out, byte kind) {
        return new PrintWriter(new OutputStreamWriter(DaemonWire.stream(out, kind),
                StandardCharsets.UTF_8), true);
    }

    /**
     * The command line of one client: its paths resolved against its working directory, its
     * output sent back to it.
     */
    private static CommandLine commandLine(Path cwd, PrintWriter out, PrintWriter err) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = Main.commandLine(new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                return cls == BacktestCommand.class ? (K) new BacktestCommand(cwd)
                        : defaults.create(cls);
            }
        });
        cl.registerConverter(Path.class, s -> cwd.resolve(s));
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }
}
