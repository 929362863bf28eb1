package io.tradeflow.demo;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Decision;
import io.tradeflow.event.VixQuote;
import io.tradeflow.io.Secrets;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.job.Collected;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.Runs;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.sample.MarketGenerator;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code demo} command, the embedded default: one command, no services installed. Starts an
 * embedded PostgreSQL, an in-process Kafka broker and a local Flink cluster with its web UI,
 * replays a seeded synthetic trading day or two through Kafka into the job (STREAMING, RocksDB,
 * checkpoints every 10 s), writes every decision, order, fill, position and dead letter to
 * PostgreSQL, and prints a summary and how to query it.
 *
 * <p>The webhook secret is {@code TRADEFLOW_WEBHOOK_SECRET} when set, otherwise a per-run demo
 * secret derived from the seed; the generator signs with it and the job verifies with it. It is
 * never printed.
 */
public final class Demo {
    /** The demo accounts: intraday (all tickers), swing (conservative, 3), momentum (aggressive). */
    public static final List<String> ACCOUNTS = List.of("day-trader", "swing", "momentum");
    static final String TOPIC_PREFIX = "demo";
    static final int PARTITIONS = 2;
    static final String PG_USER = "postgres";

    private Demo() {}


    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /**
     * Runs the demo and returns its summary. Unless {@link DemoOptions#keepRunning()}, every
     * service is stopped before it returns; with it, it waits for Enter (or Ctrl-C) first.
     */
    public static DemoSummary run(DemoOptions o, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(o.workDir());
        Path runDir = Files.createTempDirectory(o.workDir(), "run-");
        Services services = new Services(runDir);
        Thread hook = new Thread(services::closeQuietly, "tradeflow-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        DemoSummary summary;
        try {
            summary = runWith(services, o, out, t0);
            if (o.keepRunning()) {
                waitForStop(services, out);
            }
        } finally {
            out.println("stopping Flink, Kafka and PostgreSQL …");
            services.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running already
            }
        }
        out.println("stopped.");
        return withClosed(summary);
    }

    private static DemoSummary runWith(Services services, DemoOptions o, PrintStream out, long t0)
            throws Exception {
        out.println("Tradeflow demo: seed " + o.seed() + ", " + o.days() + " trading day"
                + (o.days() == 1 ? "" : "s") + ", accounts " + ACCOUNTS);

        // 1. services
        long t = System.nanoTime();
        services.pg = EmbeddedPostgres.builder().setPort(o.pgPort()).start();
        String jdbcUrl = "jdbc:postgresql://localhost:" + services.pg.getPort() + "/postgres";
        JdbcSettings jdbc = new JdbcSettings(jdbcUrl, PG_USER, null);
        out.printf("  PostgreSQL  started in %5d ms  %s%n", millisSince(t), jdbcUrl);
        services.kafka = EmbeddedKafka.start();
        out.printf("  Kafka       started in %5d ms  %s%n", services.kafka.startupMillis(),
                services.kafka.bootstrapServers());

        // 2. data, signed with the run's webhook secret
        String envSecret = Secrets.read(Secrets.WEBHOOK_SECRET);
        byte[] secret = envSecret != null
                ? envSecret.getBytes(StandardCharsets.UTF_8) : demoSecret(o.seed());
        out.println("  webhook secret: " + (envSecret != null
                ? "from " + Secrets.WEBHOOK_SECRET : "a per-run demo secret derived from the seed"));
        MarketGenerator.Spec spec = spec(o, secret);
        MarketGenerator.Generated data = MarketGenerator.generate(spec);
        String runId = "demo-" + o.seed();
        TradeflowConfig cfg = config(runId, services.kafka.bootstrapServers(), jdbcUrl);

        // 3. topics and records, timestamps = event times
        t = System.nanoTime();
        produce(services.kafka, cfg, data);
        int uniqueRecs = (int) data.recommendationJsonLines().stream().distinct().count();
        out.printf("  data        produced in %5d ms  %d bars (%s), %d VIX quotes, "
                        + "%d recommendations (%d duplicates), days %s%n", millisSince(t),
                data.bars().size(), String.join(" ", spec.tickers()), data.vix().size(),
                data.recommendationJsonLines().size(),
                data.recommendationJsonLines().size() - uniqueRecs, spec.days());
        int crossings = vixCrossings(data.vix());
        MarketGenerator.Highlights h = data.highlights();
        out.printf("              VIX >= %.0f from %s until %s; %s gaps %+.1f %% on %s%n",
                MarketGenerator.VIX_THRESHOLD, MarketTime.iso(h.vixAboveFrom()),
                MarketTime.iso(h.vixAboveUntil()), h.gapTicker(), 100 * h.gapFraction(),
                h.gapDay());

        // 4. Flink with its web UI
        t = System.nanoTime();
        boolean fallback = o.webUiPort() != 0 && !portFree(o.webUiPort());
        int uiPort = fallback ? 0 : o.webUiPort();
        services.flink = startFlink(services.runDir.resolve("flink-tmp"), uiPort, cfg.parallelismOrDefault());
        URI rest = services.flink.getRestAddress().get();
        String webUi = "http://localhost:" + rest.getPort();
        if (fallback) {
            out.println("  port " + o.webUiPort() + " is busy: the web UI uses a random port");
        }
        out.printf("  Flink       started in %5d ms  web UI %s%n", millisSince(t), webUi);

        // 5. the job: STREAMING from Kafka, bounded, RocksDB + checkpoints, into PostgreSQL
        Configuration flink = new Configuration();
        Pipeline.enableCheckpoints(flink, cfg, services.runDir.resolve("checkpoints"));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        String host = rest.getHost();
        int port = rest.getPort();
        out.println("running the job (STREAMING from Kafka, checkpoints every "
                + Duration.ofMillis(cfg.checkpointIntervalMs()).toSeconds() + " s) …");
        Progress progress = new Progress(out);
        Collected c = Runs.run(cfg, Runs.Inputs.kafka(cfg), RuntimeExecutionMode.STREAMING, flink,
                jdbc, runId, "demo", progress,
                conf -> StreamExecutionEnvironment.createRemoteEnvironment(host, port, conf),
                secret);
        progress.done();

        Map<String, Long> rows = tableRows(jdbc, runId);
        long wall = millisSince(t0);
        DemoSummary s = summary(runId, jdbcUrl, webUi, fallback, data, crossings, c, rows, wall);
        print(s, cfg, spec, out);
        return s;
    }

    /** The demo's secret when {@code TRADEFLOW_WEBHOOK_SECRET} is not set: from the seed. */
    static byte[] demoSecret(long seed) {
        return ("demo-secret-" + seed).getBytes(StandardCharsets.UTF_8);
    }

    /** {@link MarketGenerator.Spec#demo}, cut to the first {@code o.days()} days, our accounts. */
    static MarketGenerator.Spec spec(DemoOptions o, byte[] secret) {
        MarketGenerator.Spec base = MarketGenerator.Spec.demo(o.seed(), secret);
        List<LocalDate> days = MarketGenerator.tradingDays(base.days().get(0), o.days(), Set.of());
        return new MarketGenerator.Spec(o.seed(), base.tickers(), base.startPrices(), days,
                o.recommendationsPerDay(), base.duplicateFraction(), ACCOUNTS, secret);
    }

    /**
     * The three paper accounts, reading the demo topics of the embedded broker.
     *
     * <p>Idleness is 10 s, not the live default of 1 s: it is measured in wall time, and on a busy
     * machine a Kafka reader may take over a second to fetch its first records, by when the
     * other sources have pushed the watermark past them (seen: the first VIX quotes became
     * {@code late} dead letters). The replay is bounded, so empty partitions finish at once and
     * need no idleness to release the watermark.
     */
    static TradeflowConfig config(String runId, String bootstrap, String jdbcUrl) {
        List<String> tickers = MarketGenerator.Spec.demo(0, new byte[] {0}).tickers();
        String yaml = """
                run-id: %s
                accounts:
                  - id: day-trader
                    profile: intraday
                    mode: paper
                    cash: 100000
                    universe: [%s]
                  - id: swing
                    profile: swing
                    mode: paper
                    cash: 250000
                    tier: conservative
                    universe: [AAPL, MSFT, SPY]
                  - id: momentum
                    profile: intraday
                    mode: paper
                    cash: 50000
                    tier: aggressive
                    universe: [NVDA, AMD, SPY]
                input: { out-of-orderness: PT2M, idleness: PT10S }
                checkpoint-interval: PT10S
                parallelism: 2
                """.formatted(runId, String.join(", ", tickers));
        List<String> sets = new ArrayList<>(List.of(
                "kafka.bootstrap-servers=" + bootstrap,
                "kafka.group-id=" + runId,
                "jdbc.url=" + jdbcUrl,
                "jdbc.user=" + PG_USER));
        for (String key : inputTopics()) {
            sets.add("kafka.topics." + key + "=" + TOPIC_PREFIX + "-" + key);
        }
        return ConfigLoader.parse(yaml, sets);
    }

    private static List<String> inputTopics() {
        return KafkaSettings.INPUT_TOPIC_KEYS;
    }

    /**
     * Creates the input topics and produces bars keyed by ticker, VIX keyed {@code VIX} and the
     * signed recommendations with their duplicates, each with its event time as record timestamp.
     */
    static void produce(EmbeddedKafka kafka, TradeflowConfig cfg, MarketGenerator.Generated data)
            throws Exception {
        KafkaSettings k = cfg.kafka();
        kafka.createTopics(PARTITIONS, inputTopics().stream().map(k::topic).toArray(String[]::new));
        List<String[]> bars = new ArrayList<>();
        List<Long> barTs = new ArrayList<>();
        for (Bar b : data.bars()) {
            bars.add(new String[] {b.ticker(), MarketGenerator.barJson(b)});
            barTs.add(b.ts());
        }
        kafka.produce(k.topic(KafkaSettings.BARS), bars, barTs);
        List<String[]> recs = new ArrayList<>();
        for (String line : data.recommendationJsonLines()) {
            recs.add(new String[] {null, line});
        }
        kafka.produce(k.topic(KafkaSettings.RECOMMENDATIONS), recs,
                data.recommendationEmittedAt());
        List<String[]> vix = new ArrayList<>();
        for (VixQuote q : data.vix()) {
            vix.add(new String[] {"VIX", MarketGenerator.vixJson(q)});
        }
        kafka.produce(k.topic(KafkaSettings.VIX), vix,
                data.vix().stream().map(VixQuote::ts).toList());
    }

    /** Counts VIX quotes at or above the threshold whose predecessor was below it. */
    static int vixCrossings(List<VixQuote> vix) {
        int n = 0;
        for (int i = 1; i < vix.size(); i++) {
            if (vix.get(i - 1).value() < MarketGenerator.VIX_THRESHOLD
                    && vix.get(i).value() >= MarketGenerator.VIX_THRESHOLD) {
                n++;
            }
        }
        return n;
    }

    private static MiniCluster startFlink(Path tmp, int restPort, int slots) throws Exception {
        Files.createDirectories(tmp);
        Configuration c = new Configuration();
        c.set(RestOptions.ADDRESS, "localhost");
        c.set(RestOptions.BIND_ADDRESS, "localhost");
        c.set(RestOptions.PORT, restPort);
        c.set(CoreOptions.TMP_DIRS, tmp.toAbsolutePath().toString());
        c.set(WebOptions.TMP_DIR, tmp.resolve("web").toAbsolutePath().toString());
        c.set(WebOptions.UPLOAD_DIR, tmp.resolve("web-upload").toAbsolutePath().toString());
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("128m"));
        c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        MiniCluster mc = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(c).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots)
                .build());
        try {
            mc.start();
        } catch (Exception e) {
            mc.close();
            throw e;
        }
        return mc;
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The tables the job writes, in the order the summary lists them. */
    static final List<String> TABLES =
            List.of("trading_decisions", "orders", "fills", "positions", "dead_letters");

    /** Counts the run's rows in each table the job writes. */
    static Map<String, Long> tableRows(JdbcSettings jdbc, String runId) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection conn = jdbc.connect()) {
            for (String table : TABLES) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE run_id = ?")) {
                    ps.setString(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rows.put(table, rs.getLong(1));
                    }
                }
            }
        }
        return rows;
    }

    private static DemoSummary summary(String runId, String jdbcUrl, String webUi,
            boolean fallback, MarketGenerator.Generated data, int crossings, Collected c,
            Map<String, Long> rows, long wall) {
        List<Decision> decisions = c.decisionsWithoutTraces();
        long acts = decisions.stream().filter(d -> Decision.ACT.equals(d.decision())).count();
        long skips = decisions.stream().filter(d -> Decision.SKIP.equals(d.decision())).count();
        Map<String, BigDecimal> pnl = new TreeMap<>();
        ACCOUNTS.forEach(a -> pnl.put(a, BigDecimal.ZERO));
        pnl.putAll(c.realizedPnl());
        return new DemoSummary(runId, jdbcUrl, webUi, fallback, data.bars().size(),
                data.recommendationJsonLines().size(), data.vix().size(), crossings,
                c.decisions().size(), acts, skips, c.decisionsByReason(), c.orders().size(),
                c.ordersByStatus(), c.fills().size(), c.positions().size(), pnl,
                c.deadLetters().size(), c.deadLettersByReason(), rows, c.wallMillis(), wall,
                false);
    }

    private static DemoSummary withClosed(DemoSummary s) {
        return new DemoSummary(s.runId(), s.jdbcUrl(), s.webUiUrl(), s.webUiFallback(), s.bars(),
                s.recommendations(), s.vixQuotes(), s.vixCrossings(), s.decisions(), s.acts(),
                s.skips(), s.decisionsByReason(), s.orders(), s.ordersByStatus(), s.fills(),
                s.positions(), s.realizedPnl(), s.deadLetters(), s.deadLettersByReason(),
                s.tableRows(), s.jobMillis(), s.wallMillis(), true);
    }

    private static void print(DemoSummary s, TradeflowConfig cfg, MarketGenerator.Spec spec,
            PrintStream out) {
        out.println();
        out.println("== Tradeflow demo summary (run " + s.runId() + ") ==");
        out.printf("decisions: %d (%d act, %d skip)%n", s.decisions(), s.acts(), s.skips());
        s.decisionsByReason().forEach((k, v) -> out.printf("    %-32s %6d%n", k, v));
        out.printf("orders: %d%n", s.orders());
        s.ordersByStatus().forEach((k, v) -> out.printf("    %-32s %6d%n", k, v));
        out.printf("fills: %d; positions: %d%n", s.fills(), s.positions());
        out.println("realized P&L (closed positions):");
        s.realizedPnl().forEach((k, v) -> out.printf("    %-32s %12s%n", k,
                v.setScale(2, RoundingMode.HALF_EVEN).toPlainString()));
        out.printf("dead letters: %d%n", s.deadLetters());
        s.deadLettersByReason().forEach((k, v) -> out.printf("    %-32s %6d%n", k, v));
        out.printf("wall time: %.1f s (job %.1f s)%n", s.wallMillis() / 1000.0,
                s.jobMillis() / 1000.0);
        out.println();
        out.println("rows in PostgreSQL: " + s.tableRows().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.println("Query the tables (run_id '" + s.runId() + "')"
                + ": JDBC URL " + s.jdbcUrl() + ", user " + PG_USER + ", no password");
        out.println("  psql -h localhost -p " + URI.create(s.jdbcUrl().substring(5)).getPort()
                + " -U " + PG_USER + " postgres");
        out.println("  SELECT decision, reason, count(*) FROM trading_decisions GROUP BY 1,2"
                + " ORDER BY 3 DESC;");
        out.println("  SELECT account, status, count(*), sum(realized_pnl) FROM positions"
                + " GROUP BY 1,2 ORDER BY 1,2;");
        out.println("  SELECT o.account, o.ticker, o.side, f.quantity, f.price, f.ts FROM fills f"
                + " JOIN orders o ON o.run_id = f.run_id AND o.id = f.client_order_id"
                + " ORDER BY f.ts LIMIT 20;");
        out.println("Flink web UI: " + s.webUiUrl()
                + (s.webUiFallback() ? " (the requested port was busy)" : ""));
    }

    /** Blocks until Enter (or end of input) on stdin, or Ctrl-C. */
    private static void waitForStop(Services services, PrintStream out) throws InterruptedException {
        out.println();
        out.println("Services keep running: press Enter (or Ctrl-C) to stop.");
        Thread reader = new Thread(() -> {
            try {
                InputStream in = System.in;
                int ch;
                do {
                    ch = in.read();
                } while (ch != -1 && ch != '\n');
                if (ch == '\n') {
                    services.stop.countDown();
                }
                // end of input (no terminal): wait for Ctrl-C
            } catch (IOException e) {
                // no stdin: wait for Ctrl-C
            }
        }, "tradeflow-demo-stdin");
        reader.setDaemon(true);
        reader.start();
        services.stop.await();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

}
