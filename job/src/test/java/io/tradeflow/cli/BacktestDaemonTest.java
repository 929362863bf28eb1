package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.sample.MarketGenerator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The backtest daemon: a command it runs writes what the same command writes in its own JVM,
 * with the client's relative paths and output; it refuses what it cannot run as the client
 * would; a client that goes away cancels its backtest.
 */
class BacktestDaemonTest {
    private static final String BUILD = "build-1";

    @TempDir
    static Path dir;

    private static Path socket;
    private static Path client;
    private static BacktestDaemon daemon;
    private static CompletableFuture<Void> serving;

    record Answer(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        socket = dir.resolve("d").resolve("daemon.sock");
        Path daemonHome = Files.createDirectories(dir.resolve("daemon-home"));
        client = Files.createDirectories(dir.resolve("client"));
        Files.createDirectories(client.resolve("in"));
        market(3, 1).writeBarsCsv(client.resolve("in").resolve("bars.csv"));
        market(8, 6).writeBarsCsv(client.resolve("in").resolve("long.csv"));
        market(8, 40).writeBarsCsv(client.resolve("in").resolve("huge.csv"));
        daemon = new BacktestDaemon(socket, BUILD, System.getenv(), daemonHome,
                Duration.ofHours(1), Duration.ZERO);
        serving = serving(daemon);
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
        serving.get(30, TimeUnit.SECONDS);
    }

    /** Serves {@code d} on another thread until it stops. */
    private static CompletableFuture<Void> serving(BacktestDaemon d) {
        return CompletableFuture.runAsync(() -> {
            try {
                d.serve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static MarketGenerator.Generated market(int tickers, int days) {
        List<String> names = List.of("SPY", "QQQ", "IWM", "DIA", "XLF", "XLK", "XLE", "XLV");
        return MarketGenerator.generate(new MarketGenerator.Spec(5, names.subList(0, tickers),
                List.of(500.0, 440.0, 200.0, 380.0, 40.0, 180.0, 90.0, 140.0).subList(0, tickers),
                MarketGenerator.tradingDays(LocalDate.of(2025, 2, 3), days, Set.of()), 0, 0.0,
                List.of(), "k".getBytes(StandardCharsets.UTF_8)));
    }

    private static Answer ask(DaemonWire.Kind kind, String build, Map<String, String> env,
            Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DaemonClient.send(socket, new DaemonWire.Request(kind, build,
                DaemonWire.environment(env), cwd, List.of(args)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Answer(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private static Answer run(String... args) {
        return ask(DaemonWire.Kind.RUN, BUILD, System.getenv(), client, args);
    }

    @Test
    void aBacktestThroughTheDaemonWritesWhatItWritesHere() throws Exception {
        Answer there = run("backtest", "--bars", "in/bars.csv", "--out", "out-daemon",
                "--run-id", "same");
        assertThat(there.code()).as(there.err()).isZero();
        Path here = dir.resolve("out-here");
        assertThat(Main.execute("backtest", "--bars",
                client.resolve("in/bars.csv").toString(), "--out", here.toString(), "--run-id",
                "same")).isZero();
        Path daemonOut = client.resolve("out-daemon"); // the client's relative path
        assertThat(there.out()).contains("\"run_id\" : \"same\"");
        assertThat(there.err()).contains("backtest same: BATCH", "wrote " + daemonOut);
        List<String> files;
        try (var list = Files.list(here)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("decisions.csv", "orders.csv", "fills.csv", "trades.csv");
        for (String f : files) {
            if (f.equals("summary.json") || f.equals("report.html")) {
                continue; // they hold the run's wall time
            }
            assertThat(Files.mismatch(here.resolve(f), daemonOut.resolve(f))).as(f).isEqualTo(-1);
        }
        assertThat(Files.readAllLines(daemonOut.resolve("decisions.csv"))).hasSizeGreaterThan(1);
    }

    @Test
    void theOutDirectoryDefaultsToTheClientsOwn() {
        Answer a = run("backtest", "--bars", "in/bars.csv", "--run-id", "by-default");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(client.resolve("out/by-default/decisions.csv")).exists();
    }

    @Test
    void aUsageErrorReachesTheClientWithItsExitCode() {
        Answer a = run("backtest", "--bars", "in/none.csv");
        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).contains("--bars: no such file: " + client.resolve("in/none.csv"));
    }

    @Test
    void whatItCannotRunAsTheClientWouldItRefuses() throws Exception {
        Map<String, String> otherSecret = new HashMap<>(System.getenv());
        otherSecret.put("TRADEFLOW_WEBHOOK_SECRET", "another-secret-of-at-least-32-bytes!!");
        Answer env = ask(DaemonWire.Kind.RUN, BUILD, otherSecret, client, "backtest", "--bars",
                "in/bars.csv");
        assertThat(env.code()).isEqualTo(DaemonWire.RUN_HERE);
        assertThat(env.err()).contains("TRADEFLOW_* variables differ", "it runs here")
                .doesNotContain("another-secret");
        Map<String, String> launcher = new HashMap<>(System.getenv());
        launcher.put("TRADEFLOW_JAVA", "/opt/other/java");
        assertThat(ask(DaemonWire.Kind.RUN, BUILD, launcher, client, "backtest", "--bars",
                "in/none.csv").code()).as("the launcher's own variables do not count").isEqualTo(2);
        Answer other = run("migrate", "--jdbc-url", "jdbc:postgresql://localhost/x");
        assertThat(other.code()).isEqualTo(DaemonWire.RUN_HERE);
        assertThat(other.err()).contains("it runs backtests only");
        Path cfg = Files.writeString(client.resolve("c.yaml"), "accounts: []\n");
        Answer config = run("backtest", "--bars", "in/bars.csv", "--config", cfg.toString());
        assertThat(config.code()).isEqualTo(DaemonWire.RUN_HERE);
        assertThat(config.err()).contains("configuration file");
        Answer status = ask(DaemonWire.Kind.STATUS, "", Map.of(), client);
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("pid " + ProcessHandle.current().pid(),
                "command(s) served");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BATCH", "STREAMING"})
    void aClientThatGoesAwayCancelsItsBacktest(String mode) throws Exception {
        String cancelled = "cancelled-" + mode;
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = DaemonWire.output(ch);
            new DaemonWire.Request(DaemonWire.Kind.RUN, BUILD,
                    DaemonWire.environment(System.getenv()), client, List.of("backtest",
                    "--bars", "in/huge.csv", "--runtime-mode", mode, "--out", cancelled))
                    .write(out);
            DataInputStream in = DaemonWire.input(ch);
            assertThat(in.readByte()).as("the command's first line").isEqualTo(DaemonWire.ERR);
            // hang up while the job runs: as soon as the daemon says it does
            boolean runs = false;
            for (int i = 0; i < 3000 && !runs; i++) {
                runs = statusOf(socket).contains(" 1 job(s) running");
                if (!runs) {
                    Thread.sleep(10);
                }
            }
            assertThat(runs).as("the job ran").isTrue();
        } // the client hangs up while the job runs
        // the daemon takes its next command only when the cancelled one has ended
        Answer next = run("backtest", "--bars", "in/bars.csv", "--out", "after-" + mode);
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(client.resolve(cancelled + "/decisions.csv")).doesNotExist();
        assertThat(client.resolve("after-" + mode + "/decisions.csv")).exists();
    }

    @Test
    void itCollectsTheHeapOnceTheClientHasItsAnswer() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<Boolean> collectedAfter = new CompletableFuture<>();
        daemon.whileIdle(() -> {
            try {
                // the client's answer is counted only after it came: a collection before the
                // answer waits here in vain
                collectedAfter.complete(answered.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                collectedAfter.completeExceptionally(e);
            }
        });
        try {
            Answer a = run("backtest", "--bars", "in/bars.csv", "--out", "collected");
            assertThat(a.code()).as(a.err()).isZero();
            answered.countDown();
            assertThat(collectedAfter.get(30, TimeUnit.SECONDS)).as("collected after the answer")
                    .isTrue();
        } finally {
            daemon.whileIdle(System::gc);
        }
    }

    @Test
    void aWarmUpThatEndsByItselfCollectsTheHeapAfterIt() throws Exception {
        Path s = dir.resolve("d5").resolve("daemon.sock");
        BacktestDaemon warm = new BacktestDaemon(s, BUILD, System.getenv(), client,
                Duration.ofHours(1), Duration.ofSeconds(1));
        CompletableFuture<String> collected = new CompletableFuture<>();
        warm.whileIdle(() -> collected.complete(statusOf(s)));
        CompletableFuture<Void> warmServing = serving(warm);
        try {
            // a warm-up of a second runs a backtest or two, then its time is spent
            assertThat(collected.get(120, TimeUnit.SECONDS)).as("the status when it collected")
                    .containsPattern(" [1-9][0-9]* warm-up backtest\\(s\\)");
        } finally {
            warm.close();
            warmServing.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondCommandWaitsForTheFirstAndSaysSo() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            new DaemonWire.Request(DaemonWire.Kind.RUN, BUILD,
                    DaemonWire.environment(System.getenv()), client, List.of("backtest",
                    "--bars", "in/long.csv", "--out", "first")).write(DaemonWire.output(ch));
            DataInputStream in = DaemonWire.input(ch);
            assertThat(in.readByte()).as("the first command runs").isEqualTo(DaemonWire.ERR);
            Answer second = run("backtest", "--bars", "in/bars.csv", "--out", "second");
            assertThat(second.code()).as(second.err()).isZero();
            assertThat(second.err()).startsWith("tradeflow: the daemon runs another backtest;"
                    + " this one waits for it");
            assertThat(client.resolve("first/decisions.csv")).as("the first ended first")
                    .exists();
        }
    }

    @Test
    void aClientOfAnotherBuildStopsAnOlderDaemon() throws Exception {
        Path s = dir.resolve("d2").resolve("daemon.sock");
        BacktestDaemon old = new BacktestDaemon(s, "old-build", System.getenv(), client,
                Duration.ofHours(1), Duration.ZERO);
        CompletableFuture<Void> oldServing = serving(old);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DaemonClient.send(s, new DaemonWire.Request(DaemonWire.Kind.RUN, "new-build",
                DaemonWire.environment(System.getenv()), client, List.of("backtest")),
                new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(DaemonWire.RUN_HERE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("another build");
        oldServing.get(30, TimeUnit.SECONDS); // it stopped
        assertThat(s).doesNotExist();
        assertThat(DaemonClient.send(s, new DaemonWire.Request(DaemonWire.Kind.STATUS, "", "",
                client, List.of()), new ByteArrayOutputStream(), new PrintStream(err)))
                .as("nobody answers").isEqualTo(DaemonWire.RUN_HERE);
    }

    @Test
    void theCommandLineServesAnswersAndStops() throws Exception {
        String s = dir.resolve("d3").resolve("daemon.sock").toString();
        assertThat(Main.execute("daemon", "--socket", s, "status")).as("nobody serves yet")
                .isEqualTo(1);
        CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() ->
                Main.execute("daemon", "--socket", s, "serve", "--idle", "PT1M",
                        "--warm-up", "PT1M"));
        for (int i = 0; i < 300 && !Files.exists(Path.of(s)); i++) {
            Thread.sleep(100);
        }
        assertThat(Main.execute("daemon", "--socket", s, "status")).isZero();
        assertThat(Main.execute("daemon", "--socket", s, "stop")).isZero();
        assertThat(serve.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(Path.of(s)).doesNotExist();
    }

    @Test
    void itWarmsUpUntilACommandComes() throws Exception {
        Path s = dir.resolve("d4").resolve("daemon.sock");
        BacktestDaemon warm = new BacktestDaemon(s, BUILD, System.getenv(), client,
                Duration.ofHours(1), Duration.ofMinutes(10));
        CompletableFuture<Void> warmServing = serving(warm);
        try {
            String status = "";
            for (int i = 0; i < 600 && !status.contains(" 2 warm-up backtest(s) (warming up)");
                    i++) {
                Thread.sleep(100);
                status = statusOf(s);
            }
            assertThat(status).as("a BATCH and a STREAMING warm-up backtest ended")
                    .contains(" 2 warm-up backtest(s) (warming up)");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int code = DaemonClient.send(s, new DaemonWire.Request(DaemonWire.Kind.RUN, BUILD,
                    DaemonWire.environment(System.getenv()), client, List.of("backtest",
                    "--bars", "in/bars.csv", "--out", "after-warm-up")),
                    new ByteArrayOutputStream(), new PrintStream(err, true,
                            StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("the command ended the warm-up").isLessThan(Duration.ofMinutes(2));
            assertThat(client.resolve("after-warm-up/decisions.csv")).exists();
            assertThat(statusOf(s)).doesNotContain("warming up").contains("1 command(s)");
        } finally {
            warm.close();
            warmServing.get(30, TimeUnit.SECONDS);
        }
    }

    private static String statusOf(Path s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DaemonClient.send(s, new DaemonWire.Request(DaemonWire.Kind.STATUS, "", "", client,
                List.of()), out, new PrintStream(new ByteArrayOutputStream()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
