package io.tradeflow.io.jdbc;

import static io.tradeflow.testing.EmbeddedPostgresExtension.rows;
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
