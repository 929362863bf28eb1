package io.tradeflow.io.jdbc;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.rules.orders.OrderIds;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Buffers one subtask's rows of one table and upserts them from a thread of its own (see {@link
 * BufferedPostgresSink}). The task thread only appends to the buffer; the writing thread is the
 * only one that removes rows, from the head, once their transaction has committed, so a snapshot
 * (the whole buffer) always holds every row received and not yet known to be written.
 *
 * <p>Metrics (group {@code tradeflow.postgres}, label {@code table}): {@code pendingRows},
 * {@code outageMillis} (0 while the server answers), {@code rowsWritten}, {@code failedWrites},
 * {@code outages}, {@code refusedRows}. Logs: a warning when writes start failing, one every 30 s while they do, and
 * {@code "PostgreSQL is back"} with the outage's length and backlog when one succeeds again.
 */
final class BufferedPostgresWriter<T> implements StatefulSinkWriter<T, List<T>> {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedPostgresWriter.class);
    private static final long STILL_DOWN_LOG_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputKind kind;
    private final JdbcSettings pg;
    private final BufferedPostgresSink.Settings settings;
    private final PostgresSinks.Binder<T> binder;
    private final PostgresSinks.Binder<DeadLetter> deadLetters;
    private final String sql;
    private final String name;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}; appended by the task thread, drained by the writing thread. */
    private final ArrayDeque<T> pending;
    private volatile int pendingCount;
    private volatile boolean closed;
    private volatile IOException drainFailure;

    /** Wall-clock start of the current outage, 0 while writes succeed (writing thread only). */
    private volatile long outageStart;
    private long lastOutageLog;
    private boolean holdingBack;

    private final Counter rowsWritten;
    private final Counter failedWrites;
    private final Counter outages;
    private final Counter refusedRows;

    private Connection connection;
    private PreparedStatement statement;
    private final Thread thread;

    BufferedPostgresWriter(OutputKind kind, JdbcSettings pg, String runId,
            BufferedPostgresSink.Settings settings, List<T> recovered,
            WriterInitContext context) {
        this.kind = kind;
        this.pg = pg;
        this.settings = settings;
        this.binder = new PostgresSinks.Binder<>(kind, runId);
        this.deadLetters = new PostgresSinks.Binder<>(OutputKind.DEAD_LETTER, runId);
        this.sql = PostgresSinks.upsertSql(kind);
        this.name = kind.table() + "#" + context.getTaskInfo().getIndexOfThisSubtask();
        this.pending = new ArrayDeque<>(recovered);
        this.pendingCount = pending.size();
        MetricGroup group = context.metricGroup().addGroup("tradeflow").addGroup("postgres")
                .addGroup("table", kind.table());
        group.gauge("pendingRows", () -> pendingCount);
        group.gauge("outageMillis", this::outageMillis);
        rowsWritten = group.counter("rowsWritten");
        failedWrites = group.counter("failedWrites");
        outages = group.counter("outages");
        refusedRows = group.counter("refusedRows");
        if (!recovered.isEmpty()) {
            LOG.info("{}: {} rows restored from the checkpoint, written again (idempotent upserts)",
                    name, recovered.size());
        }
        thread = new Thread(this::run, "postgres-writer-" + name);
        thread.setDaemon(true);
        thread.setContextClassLoader(context.getUserCodeClassLoader().asClassLoader());
        thread.start();
    }

    long outageMillis() {
        long start = outageStart;
        return start == 0 ? 0 : System.currentTimeMillis() - start; // wall clock: outage metric
    }

    @Override
    public void write(T row, Context context) throws InterruptedException {
        synchronized (lock) {
            // the buffer's bound, the design's only limit: past it the input waits
            while (pending.size() >= settings.maxPendingRows() && !closed) {
                if (!holdingBack) {
                    holdingBack = true;
                    LOG.warn("{}: {} rows wait for PostgreSQL, the buffer's limit: holding back "
                            + "the job's output until it drains", name, pending.size());
                }
                lock.wait(1000);
            }
            holdingBack = false;
            pending.addLast(row);
            pendingCount = pending.size();
            lock.notifyAll();
        }
    }

    /**
     * Does nothing before a checkpoint (the snapshot carries the buffer); at the end of a bounded
     * input, waits until every row is written.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (!endOfInput) {
            return;
        }
        synchronized (lock) {
            while (!pending.isEmpty()) {
                if (drainFailure != null) {
                    throw drainFailure;
                }
                lock.wait(200);
            }
        }
    }

    @Override
    public List<List<T>> snapshotState(long checkpointId) {
        synchronized (lock) {
            return List.of(new ArrayList<>(pending));
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        thread.interrupt();
        thread.join(10_000);
        closeConnection();
    }

    // ---------------------------------------------------------------- the writing thread

    private void run() {
        long backoff = settings.minBackoff().toMillis();
        try {
            while (!closed) {
                List<T> batch = nextBatch();
                if (batch.isEmpty()) {
                    continue;
                }
                try {
                    try {
                        upsert(batch);
                        written(batch.size());
                    } catch (SQLException e) {
                        if (!refusesARow(e) || kind == OutputKind.DEAD_LETTER) {
                            throw e;
                        }
                        isolate(batch);
                    }
                } catch (SQLException | RuntimeException e) {
                    failed(e);
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
                    continue;
                }
                backoff = settings.minBackoff().toMillis();
                if (outageStart != 0) {
                    LOG.info("PostgreSQL is back: {} written again after {} s of failed writes; "
                            + "{} rows still pending", name,
                            String.format("%.1f", outageMillis() / 1000.0), pendingCount);
                    outageStart = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            drainFailure = new IOException(name + ": the PostgreSQL writer stopped", t);
            LOG.error("{}: the PostgreSQL writer stopped; rows stay in the checkpointed buffer",
                    name, t);
        }
    }

    /** Removes the first {@code n} rows of the buffer: written (or dead letters). */
    private void written(int n) {
        synchronized (lock) {
            for (int i = 0; i < n; i++) {
                pending.pollFirst();
            }
            pendingCount = pending.size();
            lock.notifyAll();
        }
        rowsWritten.inc(n);
    }

    /**
     * Writes a batch the server refused for a row's values one row at a time: a row it refuses on
     * its own (a constraint, a value out of range) becomes a dead letter with the row as its
     * payload, as bad input does, rather than holding back its table for ever or being dropped.
     * The rows after it keep their order; a later row of the same id is written as usual. Any
     * other error ends the pass; the rows not yet done stay in the buffer and are retried.
     */
    private void isolate(List<T> batch) throws SQLException {
        for (T row : batch) {
            try {
                upsert(List.of(row));
            } catch (SQLException e) {
                if (!refusesARow(e)) {
                    throw e;
                }
                deadLetter(row, e);
            }
            written(1);
        }
    }

    private void deadLetter(T row, SQLException refusal) throws SQLException {
        String payload;
        try {
            payload = JSON.writeValueAsString(row);
        } catch (Exception e) {
            payload = String.valueOf(row);
        }
        String position = kind.table() + ":" + kind.spec().id().apply(row);
        String detail = "SQL state " + refusal.getSQLState() + ": " + refusal.getMessage();
        DeadLetter d = new DeadLetter(OrderIds.hash("postgres", position, payload), "postgres",
                position, "refused", detail, payload);
        connect();
        try (PreparedStatement ps = connection.prepareStatement(
                PostgresSinks.upsertSql(OutputKind.DEAD_LETTER))) {
            deadLetters.accept(ps, d);
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            throw e;
        }
        refusedRows.inc();
        LOG.error("{}: PostgreSQL refused row {} ({}); written to dead_letters instead", name,
                position, detail);
    }

    /**
     * Class 22 (data exception) or 23 (integrity constraint violation): the row's values, not the
     * server, the connection or the schema.
     */
    private static boolean refusesARow(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Class 08: connection exceptions; 57P: the server shutting down or restarting. */
    private static boolean unreachable(Exception e) {
        String state = e instanceof SQLException s ? s.getSQLState() : null;
        return e instanceof SQLException
                && (state == null || state.startsWith("08") || state.startsWith("57P"));
    }

    /** Waits for rows (up to the linger when fewer than a batch) and copies the head. */
    private List<T> nextBatch() throws InterruptedException {
        synchronized (lock) {
            if (pending.isEmpty() && !closed) {
                lock.wait(1000);
            }
            if (!pending.isEmpty() && pending.size() < settings.batchSize() && !closed) {
                long until = System.currentTimeMillis() + settings.lingerMs(); // wall clock: linger
                long left;
                while (pending.size() < settings.batchSize() && !closed
                        && (left = until - System.currentTimeMillis()) > 0) { // wall clock: linger
                    lock.wait(left);
                }
            }
            List<T> batch = new ArrayList<>(Math.min(pending.size(), settings.batchSize()));
            Iterator<T> it = pending.iterator();
            while (it.hasNext() && batch.size() < settings.batchSize()) {
                batch.add(it.next());
            }
            return batch;
        }
    }

    private void connect() throws SQLException {
        if (connection == null) {
            connection = pg.connect(settings.connectTimeout(), settings.socketTimeout());
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(sql);
        }
    }

    private void upsert(List<T> batch) throws SQLException {
        connect();
        try {
            for (T row : batch) {
                binder.accept(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    private void failed(Exception e) {
        failedWrites.inc();
        long now = System.currentTimeMillis(); // wall clock: outage log and metric
        String state = e instanceof SQLException s ? s.getSQLState() : null;
        if (outageStart == 0) {
            outageStart = now;
            lastOutageLog = now;
            outages.inc();
            if (unreachable(e)) {
                LOG.warn("{}: PostgreSQL unreachable ({}); {} rows kept in the checkpointed "
                        + "buffer, retrying", name, e.getMessage(), pendingCount);
            } else {
                // not an outage, and not one row's values (a missing migration, a row of the
                // dead letters' own table): the batch stays pending, loudly, and is retried
                LOG.error("{}: a batch could not be written (SQL state {}); {} rows kept in "
                        + "the checkpointed buffer, retrying", name, state, pendingCount, e);
            }
        } else if (now - lastOutageLog >= STILL_DOWN_LOG_MS) {
            lastOutageLog = now;
            LOG.warn("{}: PostgreSQL writes failing for {} s ({}); {} rows pending", name,
                    (now - outageStart) / 1000, e.getMessage(), pendingCount);
        }
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone already
        }
        connection = null;
        statement = null;
    }
}
