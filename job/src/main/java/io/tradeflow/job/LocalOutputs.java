package io.tradeflow.job;

import io.tradeflow.event.AccountOutput;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Hands a local run's outputs to the client in the same JVM: the records themselves, in
 * batches through a bounded queue (a slow client slows the job, nothing is held twice). Batches,
 * because the client takes a record faster than an engine makes one: it waited on the queue for
 * nearly every record, and each record's hand-over woke its thread (a futex call and a context
 * switch per record, a twentieth of the synthetic market's account stage).
 *
 * <p>Why: a bounded run executes on a MiniCluster in the client's JVM, and the collect sink would
 * make the outputs a stage of their own that serializes each record, ships it through the job
 * manager in batches and deserializes it in the client (a 50-ticker month: 130 MB of decision
 * traces, a tenth of the run). Runs without checkpoints only (every backtest, BATCH or STREAMING):
 * they never restart, so every output is written once; a run that restarts from a checkpoint
 * replays outputs, which the collect sink's checkpointed buffer takes care of. In STREAMING the
 * collect sink was also what paced the job: its client fetches the buffered results one request
 * at a time, and the engine waited for network buffers while the rest of the job stood idle.
 */
final class LocalOutputs {
    /** Records a writer hands over at once, and batches the queue holds: 65 536 records. */
    private static final int BATCH = 512;
    private static final int CAPACITY = 128;
    private static final Map<String, BlockingQueue<List<AccountOutput>>> RECEIVERS =
            new ConcurrentHashMap<>();

    private LocalOutputs() {}

    /** One run's receiving end. */
    static final class Receiver implements AutoCloseable {
        final String id = UUID.randomUUID().toString();
        final BlockingQueue<List<AccountOutput>> queue = new ArrayBlockingQueue<>(CAPACITY);
        private Iterator<AccountOutput> batch = List.<AccountOutput>of().iterator();

        Receiver() {
            RECEIVERS.put(id, queue);
        }

        /** Returns the next output, or {@code null} if none came within {@code millis}. */
        AccountOutput poll(long millis) throws InterruptedException {
            if (!batch.hasNext()) {
                List<AccountOutput> next = queue.poll(millis, TimeUnit.MILLISECONDS);
                if (next == null) {
                    return null;
                }
                batch = next.iterator(); // never empty
            }
            return batch.next();
        }

        @Override
        public void close() {
            RECEIVERS.remove(id);
        }
    }

    /**
     * Sends every output of {@code r} (the engine's and the dead letters) to {@code to}, each from
     * the task that makes it (no stage of its own after the engine's).
     */
    static void sink(Topology.Results r, Receiver to) {
        r.engine().sinkTo(new ToClient(to.id)).name("to client");
        for (DataStream<AccountOutput> part : r.nonEngineOutputs()) {
            StreamParts.followParallelism(part, part.sinkTo(new ToClient(to.id))
                    .name("dead letters and data gaps to client").getTransformation());
        }
    }

    private record ToClient(String receiver) implements Sink<AccountOutput> {
        @Override
        public SinkWriter<AccountOutput> createWriter(WriterInitContext context) {
            BlockingQueue<List<AccountOutput>> queue = RECEIVERS.get(receiver);
            if (queue == null) {
                throw new IllegalStateException("no client receives the outputs of this run in "
                        + "this JVM: local outputs need the job on a local cluster");
            }
            return new SinkWriter<>() {
                private List<AccountOutput> pending = new ArrayList<>(BATCH);

                @Override
                public void write(AccountOutput o, Context ctx) throws InterruptedException {
                    pending.add(o);
                    if (pending.size() == BATCH) {
                        handOver();
                    }
                }

                /** At the end of its input (a BATCH task's last call): the rest. */
                @Override
                public void flush(boolean endOfInput) throws InterruptedException {
                    if (!pending.isEmpty()) {
                        handOver();
                    }
                }

                private void handOver() throws InterruptedException {
                    queue.put(pending);
                    pending = new ArrayList<>(BATCH);
                }

                @Override
                public void close() {}
            };
        }
    }
}
