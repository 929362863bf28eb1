package io.tradeflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.job.Pipeline;
import io.tradeflow.sample.MarketGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The demo end to end: embedded PostgreSQL and Kafka, the job on a local cluster, a summary. */
class DemoTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard; speed belongs to bench/
    void runsTheDemoAndShutsEverythingDown() throws Exception {
        Path work = Path.of("target", "demo-test");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(System.out, buf), true,
                StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        DemoSummary s = Demo.run(DemoOptions.defaults().withWebUiPort(0).withWorkDir(work), tee);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("DemoTest: Demo.run took %d ms (job %d ms)%n", wall, s.jobMillis());

        assertThat(s.servicesClosed()).isTrue();
        assertThat(s.vixCrossings()).isGreaterThanOrEqualTo(1);
        assertThat(s.bars()).isEqualTo(2 * 5 * MarketGenerator.BARS_PER_DAY);
        assertThat(s.acts()).isPositive();
        assertThat(s.skips()).isPositive();
        assertThat(s.decisions()).isEqualTo(s.acts() + s.skips());
        assertThat(s.orders()).isPositive();
        assertThat(s.fills()).isPositive();
        assertThat(s.decisionsByReason().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(s.decisions());
        assertThat(s.realizedPnl()).containsOnlyKeys(Demo.ACCOUNTS);
        // every input reached the engine in time (no idleness race at start-up)
        assertThat(s.deadLettersByReason()).doesNotContainKey("late");
        // everything reached PostgreSQL (orders and positions: one row per id, last state)
        assertThat(s.tableRows()).containsEntry("trading_decisions", (long) s.decisions())
                .containsEntry("orders", (long) s.orders())
                .containsEntry("fills", (long) s.fills())
                .containsEntry("positions", (long) s.positions())
                .containsEntry("dead_letters", (long) s.deadLetters());
        assertThat(s.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
        assertThat(s.webUiUrl()).startsWith("http://localhost:");

        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("SELECT decision, reason, count(*) FROM trading_decisions")
                .contains(s.jdbcUrl()).contains("wall time");
        // the secret is never printed (surefire sets TRADEFLOW_WEBHOOK_SECRET)
        String secret = System.getenv("TRADEFLOW_WEBHOOK_SECRET");
        if (secret != null) {
            assertThat(printed).doesNotContain(secret);
        }
        assertThat(printed).doesNotContain(new String(Demo.demoSecret(42), StandardCharsets.UTF_8));

        // the services are gone: PostgreSQL refuses connections, the run directory is deleted
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), "postgres", null)) {
            throw new AssertionError("PostgreSQL still accepts connections");
        } catch (SQLException expected) {
            // closed
        }
        try (var runs = Files.list(work)) {
            assertThat(runs.toList()).isEmpty();
        }
    }

    @Test
    void configHasTheThreePaperAccountsOnTheDemoTopics() {
        TradeflowConfig cfg = Demo.config("demo-1", "localhost:1234", "jdbc:postgresql://x/y");
        assertThat(cfg.engine().accounts()).extracting(a -> a.id())
                .containsExactlyElementsOf(Demo.ACCOUNTS);
        assertThat(cfg.engine().accounts()).allMatch(a -> a.mode().equals("paper"));
        assertThat(cfg.engine().accounts().get(1).cash()).isEqualByComparingTo("250000");
        assertThat(cfg.kafka().topic("bars")).isEqualTo("demo-bars");
        assertThat(cfg.kafka().bootstrapServers()).isEqualTo("localhost:1234");
        // the job verifies with the secret the demo signs with, not the environment's
        assertThat(Pipeline.parseContext(cfg, Demo.demoSecret(1)).secret())
                .isEqualTo(Demo.demoSecret(1));
    }

    @Test
    void demoSecretIsDeterministic() {
        assertThat(Arrays.equals(Demo.demoSecret(7), Demo.demoSecret(7))).isTrue();
        assertThat(Arrays.equals(Demo.demoSecret(7), Demo.demoSecret(8))).isFalse();
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
