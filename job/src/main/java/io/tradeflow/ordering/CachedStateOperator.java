package io.tradeflow.ordering;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs an {@link EventTimeOrderedFunction} with its keyed state on the heap between checkpoints
 * in STREAMING over a backend that serializes it ({@link StateCache}): with RocksDB, reading and
 * writing a ticker's indicators or an account's book through the serializers at every record was
 * most of the live job's work. The cache is written back to the backend before the backend takes
 * each snapshot, so checkpoints, savepoints and restores see the backend's state as without it.
 * BATCH, and STREAMING over the heap backend (a replay from files), whose states are objects
 * already, run the function as {@link KeyedProcessOperator} does.
 *
 * <p>Metrics: {@code stateCacheEntries}, the entries held; {@code stateCacheWriteBackMs}, the time
 * each checkpoint's write-back took (it runs in the checkpoint's synchronous part, on the task
 * thread: records wait behind it).
 */
public class CachedStateOperator<K, I, O> extends KeyedProcessOperator<K, I, O> {
    private static final long serialVersionUID = 1L;
    /**
     * Entries (values, map entries) held before everything is written back and let go: tens of
     * MB at most (a ticker's indicators or an account's last tick are a few hundred bytes), about
     * 15 000 tickers or 100 000 account prices held whole.
     */
    public static final int DEFAULT_CAPACITY = 100_000;
    /**
     * Between two records, entries unchanged for this many records are written back, a few at a
     * time ({@link StateCache#settle}): about a second at a live job's rate, so a checkpoint's
     * write-back is mostly the entries still changing.
     */
    static final long SETTLE_AFTER_RECORDS = 5_000;
    static final int SETTLE_PER_RECORD = 4;

    private final int capacity;
    private transient StateCache cache;
    private transient Histogram writeBackMs;
    private transient boolean restored;

    public CachedStateOperator(EventTimeOrderedFunction<K, I, ?, O> function) {
        this(function, DEFAULT_CAPACITY);
    }

    public CachedStateOperator(EventTimeOrderedFunction<K, I, ?, O> function, int capacity) {
        super(function);
        this.capacity = capacity;
    }

    @Override
    public void open() throws Exception {
        EventTimeOrderedFunction<?, ?, ?, ?> streaming =
                userFunction instanceof EventTimeOrderedFunction<?, ?, ?, ?> f && !f.isBatch()
                        ? f : null;
        if (streaming != null && !(getKeyedStateBackend() instanceof HeapKeyedStateBackend)) {
            cache = new StateCache(getKeyedStateStore(), this, capacity);
            streaming.useCache(cache);
            StateCache held = cache;
            getMetricGroup().gauge("stateCacheEntries", held::size);
            writeBackMs = getMetricGroup().histogram("stateCacheWriteBackMs",
                    new DescriptiveStatisticsHistogram(256));
        }
        super.open(); // opens the function, which takes its states from the cache
        if (streaming != null && restored) {
            rearmTimers(streaming);
        }
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restored = context.isRestored();
    }

    /**
     * Arms again the timers of every key with something pending ({@link
     * EventTimeOrderedFunction#rearmTimers}): a checkpoint taken with timers in RocksDB restores
     * none into timers on the heap (the job's setting since they were moved there).
     */
    private void rearmTimers(EventTimeOrderedFunction<?, ?, ?, ?> f) throws Exception {
        // the service KeyedProcessOperator.open made for the function's timers (the same name)
        TimerService service = new SimpleTimerService(getInternalTimerService("user-timers",
                VoidNamespaceSerializer.INSTANCE, this));
        // the keys first: RocksDB's key iterator must not see the state change under it
        Set<K> keys = new LinkedHashSet<>();
        for (String state : f.timerStates()) {
            try (Stream<K> s = this.<K>getKeyedStateBackend().getKeys(state,
                    VoidNamespace.INSTANCE)) {
                s.forEach(keys::add);
            }
        }
        for (K key : keys) {
            setCurrentKey(key);
            f.rearmTimers(service);
        }
    }

    @Override
    public void processElement(StreamRecord<I> element) throws Exception {
        betweenRecords();
        super.processElement(element);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        betweenRecords();
        super.onEventTime(timer);
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        betweenRecords();
        super.onProcessingTime(timer);
    }

    /** Writes the cache back first: the backend's snapshot then holds every change. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        if (cache != null) {
            long start = System.nanoTime(); // wall clock: a metric of the write-back, no decision
            cache.flush();
            writeBackMs.update((System.nanoTime() - start) / 1_000_000);
        }
        super.snapshotState(context);
    }

    /** Between two records only: nothing the function holds is in use. */
    private void betweenRecords() throws Exception {
        if (cache == null) {
            return;
        }
        if (cache.full()) {
            cache.evict();
        } else {
            cache.settle(SETTLE_AFTER_RECORDS, SETTLE_PER_RECORD);
        }
    }

    /** Returns the write-back times, or null (no cache): for tests. */
    Histogram writeBackMs() {
        return writeBackMs;
    }
}
