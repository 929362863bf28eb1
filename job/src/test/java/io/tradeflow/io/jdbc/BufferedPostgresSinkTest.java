package io.tradeflow.io.jdbc;

import static io.tradeflow.testing.EmbeddedPostgresExtension.rows;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Decision;
import io.tradeflow.event.Order;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The buffered sink's writer on its own, against a real PostgreSQL and a port nobody listens on:
 * an unreachable server fails nothing and loses nothing, the rows wait in the snapshot in their
 * order, and a writer restored from it writes them once.
 */
class BufferedPostgresSinkTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static final long T0 = 1_709_303_400_000L;
    static final BufferedPostgresSink.Settings FAST = new BufferedPostgresSink.Settings(2, 10,
            1000, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(5));

    static JdbcSettings db;

    @BeforeAll
    static void database() {
        db = EmbeddedPostgresExtension.freshDatabase("buffered_sink_test");
        Migrations.migrate(db);
    }

    static List<Decision> decisions(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new Decision(prefix + i,
                "acc-1", "rec-" + i, "AAPL", T0 + i, "buy", Decision.SKIP, "R-HEAT-1", 0, null,
                null, null, "T2", "{\"i\": " + i + "}")).toList();
    }

    @Test
    @DisplayName("an unreachable server: writes return, rows wait in the snapshot in order")
    void keepsRowsWhileUnreachable() throws Exception {
        JdbcSettings nowhere = new JdbcSettings("jdbc:postgresql://localhost:" + freePort()
                + "/x", "u", null);
        List<Decision> rows = decisions("down-", 5);
        List<Decision> pending;
        BufferedPostgresSink<Decision> sink = new BufferedPostgresSink<>(OutputKind.DECISION,
                nowhere, "down", FAST);
        try (StatefulSinkWriter<Decision, List<Decision>> w = sink.createWriter(new Context())) {
            long t0 = System.nanoTime();
            for (Decision d : rows) {
                w.write(d, null);
            }
            w.flush(false); // before a checkpoint: returns at once
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            Thread.sleep(500); // several failed attempts
            assertThat(((BufferedPostgresWriter<Decision>) w).outageMillis()).isPositive();
            List<List<Decision>> snapshot = w.snapshotState(1);
            assertThat(snapshot).hasSize(1);
            pending = snapshot.get(0);
            assertThat(pending).containsExactlyElementsOf(rows);
        }

        // through the state serializer into a writer that reaches the server
        var serializer = sink.getWriterStateSerializer();
        List<Decision> restored = serializer.deserialize(serializer.getVersion(),
                serializer.serialize(pending));
        assertThat(restored).containsExactlyElementsOf(rows);
        BufferedPostgresSink<Decision> up = new BufferedPostgresSink<>(OutputKind.DECISION, db,
                "down", FAST);
        try (StatefulSinkWriter<Decision, List<Decision>> w = up.restoreWriter(new Context(),
                List.of(restored))) {
            w.write(rows.get(0), null); // a replayed row: the upsert rewrites it
            w.flush(true);
            assertThat(w.snapshotState(2)).containsExactly(List.of());
        }
        assertThat(rows(db, "trading_decisions", "down")).hasSize(5);
    }

    @Test
    @DisplayName("a later row of an order replaces the earlier, in arrival order")
    void writesInArrivalOrder() throws Exception {
        Order placed = new Order("o-1", "acc-1", "d-1", "p-1", "AAPL", "buy", Order.LIMIT, 10,
                101.25, T0, Order.NEW, "R-ORD-1", T0);
        Order filled = new Order("o-1", "acc-1", "d-1", "p-1", "AAPL", "buy", Order.LIMIT, 10,
                101.25, T0, Order.FILLED, "R-ORD-1", T0 + 5);
        BufferedPostgresSink<Order> sink = new BufferedPostgresSink<>(OutputKind.ORDER, db,
                "order", FAST);
        try (StatefulSinkWriter<Order, List<Order>> w = sink.createWriter(new Context())) {
            w.write(placed, null);
            w.write(filled, null);
            w.flush(true);
        }
        assertThat(rows(db, "orders", "order")).singleElement().asString()
                .contains("status=" + Order.FILLED);
    }

    @Test
    @DisplayName("a row the table refuses becomes a dead letter; the rows around it are written")
    void refusedRowBecomesADeadLetter() throws Exception {
        List<Decision> rows = decisions("refused-", 3);
        Decision bad = rows.get(1);
        Decision refused = new Decision(bad.id(), bad.account(), bad.recommendationId(),
                bad.ticker(), bad.ts(), bad.action(), "maybe", bad.reason(), bad.quantity(),
                null, null, null, bad.tier(), bad.trace()); // decision IN ('act', 'skip')
        BufferedPostgresSink<Decision> sink = new BufferedPostgresSink<>(OutputKind.DECISION, db,
                "refused", FAST);
        try (StatefulSinkWriter<Decision, List<Decision>> w = sink.createWriter(new Context())) {
            w.write(rows.get(0), null);
            w.write(refused, null);
            w.write(rows.get(2), null);
            w.flush(true);
        }
        assertThat(rows(db, "trading_decisions", "refused")).hasSize(2)
                .noneMatch(r -> r.contains(bad.id()));
        assertThat(EmbeddedPostgresExtension.query(db, "SELECT source, position, reason, payload "
                + "FROM dead_letters WHERE run_id = 'refused'")).singleElement().satisfies(d -> {
                    assertThat(d.get("source")).isEqualTo("postgres");
                    assertThat(d.get("position")).isEqualTo("trading_decisions:" + bad.id());
                    assertThat(d.get("reason")).isEqualTo("refused");
                    assertThat((String) d.get("payload")).contains("\"maybe\"");
                });
    }

    @Test
    @DisplayName("the pending rows of every kind come back from a checkpoint as they were")
    void pendingRowsOfEveryKindRoundTrip() throws Exception {
        // every kind PostgresSinksTest has samples of: all but data gaps
        Map<OutputKind, List<?>> samples = Map.ofEntries(
                entry(OutputKind.DECISION, PostgresSinksTest.DECISIONS),
                entry(OutputKind.ORDER, PostgresSinksTest.ORDERS), entry(OutputKind.FILL,
                        PostgresSinksTest.FILLS), entry(OutputKind.POSITION,
                        PostgresSinksTest.POSITIONS), entry(OutputKind.DEAD_LETTER,
                        PostgresSinksTest.DEAD_LETTERS), entry(OutputKind.BREAKER,
                        PostgresSinksTest.BREAKERS), entry(OutputKind.TIER_CHANGE,
                        PostgresSinksTest.TIER_CHANGES), entry(OutputKind.RESERVE,
                        PostgresSinksTest.RESERVE), entry(OutputKind.AUDIT,
                        PostgresSinksTest.AUDITS), entry(OutputKind.NOTIFICATION,
                        PostgresSinksTest.NOTIFICATIONS), entry(OutputKind.SNAPSHOT,
                        PostgresSinksTest.SNAPSHOTS), entry(OutputKind.STOP_LEVEL,
                        PostgresSinksTest.STOP_LEVELS));
        samples.forEach((kind, rows) -> assertThat(roundTrip(kind, rows)).as(kind.name())
                .isEqualTo(rows));
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> roundTrip(OutputKind kind, List<?> rows) {
        var serializer = new BufferedPostgresSink<T>(kind, db, "x", FAST)
                .getWriterStateSerializer();
        try {
            return serializer.deserialize(serializer.getVersion(),
                    serializer.serialize((List<T>) rows));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What a writer uses of its context: task info, metrics, class loader. */
    static final class Context implements WriterInitContext {
        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return new UserCodeClassLoader() {
                @Override
                public ClassLoader asClassLoader() {
                    return BufferedPostgresSinkTest.class.getClassLoader();
                }

                @Override
                public void registerReleaseHookIfAbsent(String name, Runnable hook) {}
            };
        }

        @Override
        public MailboxExecutor getMailboxExecutor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProcessingTimeService getProcessingTimeService() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SinkWriterMetricGroup metricGroup() {
            return InternalSinkWriterMetricGroup.wrap(
                    UnregisteredMetricsGroup.createOperatorMetricGroup());
        }

        @Override
        public SerializationSchema.InitializationContext
                asSerializationSchemaInitializationContext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isObjectReuseEnabled() {
            return true;
        }

        @Override
        public <IN> TypeSerializer<IN> createInputSerializer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return OptionalLong.empty();
        }

        @Override
        public JobInfo getJobInfo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskInfo getTaskInfo() {
            return new TaskInfoImpl("pg", 1, 0, 1, 0);
        }
    }
}
