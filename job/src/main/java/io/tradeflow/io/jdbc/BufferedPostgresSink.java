package io.tradeflow.io.jdbc;

import io.tradeflow.io.out.OutputKind;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The live job's idempotent upsert sink of one output kind: it never fails the job and never
 * holds back its input because PostgreSQL is down or slow. Each row is handed to a buffer in
 * memory and returns at once; a thread of the writer upserts the buffer in batches, in arrival
 * order, and retries with a capped exponential backoff for as long as the server is away. Every
 * checkpoint stores the rows not yet written, so a restore writes them again (the upsert keyed by
 * {@code (run_id, id)} makes a repeat harmless): no row is lost, none is duplicated.
 *
 * <p>A row the table refuses for its values (SQL state class 22 or 23) becomes a row of {@code
 * dead_letters}, as bad input does; any other error is retried like an outage.
 *
 * <p>The one limit is the buffer's size ({@link Settings#maxPendingRows} per subtask): past it,
 * and only then, the sink holds back its input, so an outage outlasting it slows the engine
 * instead of losing rows. Nothing else depends on how long an outage lasts.
 *
 * <p>A backtest keeps {@link PostgresSinks#sink}: a bounded run should fail when its database is
 * gone, not wait for it.
 */
public final class BufferedPostgresSink<T>
        implements Sink<T>, SupportsWriterState<T, List<T>> {
    private static final long serialVersionUID = 1L;

    /**
     * How the sink batches and retries.
     *
     * @param batchSize rows per transaction at most
     * @param lingerMs how long a batch smaller than {@code batchSize} waits for more rows
     * @param maxPendingRows rows kept per subtask before the sink holds back its input
     * @param minBackoff the first wait after a failed write
     * @param maxBackoff the longest wait between attempts
     * @param connectTimeout how long opening a connection may take
     * @param socketTimeout how long a statement may wait for the server
     */
    public record Settings(int batchSize, long lingerMs, int maxPendingRows, Duration minBackoff,
            Duration maxBackoff, Duration connectTimeout, Duration socketTimeout)
            implements java.io.Serializable {
        /** The live job's settings: 500-row batches, 200 ms linger, 200 000 rows, 0.2–10 s. */
        public static final Settings DEFAULT = new Settings(PostgresSinks.BATCH_SIZE,
                PostgresSinks.BATCH_INTERVAL_MS, 200_000, Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    private final OutputKind kind;
    private final JdbcSettings pg;
    private final String runId;
    private final Settings settings;

    public BufferedPostgresSink(OutputKind kind, JdbcSettings pg, String runId,
            Settings settings) {
        this.kind = kind;
        this.pg = pg;
        this.runId = runId;
        this.settings = settings;
    }

    @Override
    public StatefulSinkWriter<T, List<T>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, List<T>> restoreWriter(WriterInitContext context,
            Collection<List<T>> recovered) {
        List<T> rows = new ArrayList<>();
        recovered.forEach(rows::addAll);
        return new BufferedPostgresWriter<>(kind, pg, runId, settings, rows, context);
    }

    @Override
    public SimpleVersionedSerializer<List<T>> getWriterStateSerializer() {
        return new PendingRowsSerializer<>(kind);
    }

    /**
     * Serializes the rows not yet written with the serializer of the kind's payload record
     * (version 1; a change of the record's fields needs a new version that reads the old one).
     */
    static final class PendingRowsSerializer<T> implements SimpleVersionedSerializer<List<T>> {
        private final TypeSerializer<T> rows;

        @SuppressWarnings("unchecked")
        PendingRowsSerializer(OutputKind kind) {
            this.rows = TypeInformation.of((Class<T>) kind.spec().type())
                    .createSerializer(new SerializerConfigImpl());
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<T> pending) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeInt(pending.size());
            for (T row : pending) {
                rows.serialize(row, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<T> deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("unknown version of pending rows: " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            List<T> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pending.add(rows.deserialize(in));
            }
            return pending;
        }
    }
}
