package io.tradeflow.ordering;

import org.apache.flink.api.common.accumulators.IntMaximum;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Handles each key's events and deadlines in one total order, identical in STREAMING and BATCH:
 * by time; at equal times deadlines first (by kind, then ref), then events in
 * {@link #eventOrder()} (content only, never arrival order). A deadline scheduled for the current
 * time outranks the events still waiting at that time.
 *
 * <p>One method, {@link #advanceTo(long)}, does the work; what drives it depends on the mode:
 *
 * <ul>
 *   <li>STREAMING: each event is buffered under its timestamp with an event-time timer there, and
 *       every deadline has a timer; a firing timer (the watermark passing) calls {@code
 *       advanceTo}. An event at or behind the watermark can no longer be placed in order and goes
 *       to {@link #lateEvents()}, unless {@link #handlesLate} takes it: it is then handled at once,
 *       at the watermark.
 *   <li>BATCH: Flink delivers each key's input sorted by timestamp, one key after the other, and
 *       fires timers only when the key's input ends (and drops timers registered while doing so).
 *       A record with a later timestamp {@code t} first calls {@code advanceTo(t − 1)}, so only
 *       the current timestamp's events are ever buffered, never a key's history; one end-of-key
 *       timer drains everything left with {@code advanceTo(Long.MAX_VALUE)}. The buffer is a
 *       plain map: it only ever holds the current key's events.
 * </ul>
 *
 * <p>A record may carry several events ({@link #parts}: a run of one ticker's ticks, BATCH's
 * way of sending them), at or after the record's own time; each is buffered and handled at its
 * own time, as if it had come alone. In BATCH the buffer then holds what the runs of the current
 * time reach into, bounded by their length, not by the key's history.
 *
 * <p>Outputs carry the time of the item that produced them. Subclasses call {@link #now()},
 * {@link #currentKey()}, {@link #emit}, {@link #schedule} only from {@link #onEvent} and
 * {@link #onDeadline}. Accumulators: {@code <name>.events} counts the events handled, and
 * {@code <name>.max-buffered-events} the most events buffered at once for one key in BATCH, the
 * proof that memory stays flat.
 */
public abstract class EventTimeOrderedFunction<K, I, E, O> extends KeyedProcessFunction<K, I, O> {

    private final boolean batch;
    private final String name;
    private final TypeInformation<E> eventType;
    private final OutputTag<E> lateTag;

    /** Buffered events by arrival sequence: each is serialized once, however many share a time. */
    private transient MapState<Long, E> events;
    /** The sequence numbers of the buffered events at each time. */
    private transient MapState<Long, long[]> eventTimes;
    private transient ValueState<Long> nextSeq;
    private transient MapState<Long, List<Deadline>> deadlines;
    /**
     * The times that hold deadlines, ascending: finding the next one never iterates a MapState,
     * which on RocksDB seeks over the tombstones of every deadline already handled.
     */
    private transient ValueState<long[]> deadlineTimes;
    private transient ValueState<Long> batchTs;
    /** BATCH: the current key's buffered events. */
    private transient BatchBuffer<E> pending;
    private transient IntMaximum maxBuffered;
    private transient LongCounter handled;

    private transient Collector<O> out;
    private transient TimerService timers;
    private transient Context context;
    private transient K key;
    private transient long now;
    private transient boolean scheduledAtNow;
    private transient Comparator<E> eventCmp;
    /**
     * STREAMING under a {@link CachedStateOperator}: keyed state on the heap
     * between checkpoints.
     */
    private transient StateCache cache;

    protected EventTimeOrderedFunction(String name, boolean batch, TypeInformation<E> eventType) {
        this.name = name;
        this.batch = batch;
        this.eventType = eventType;
        this.lateTag = new OutputTag<>(name + "-late", eventType);
    }

    /** Returns the event time of an event; it must equal the record's Flink timestamp. */
    protected abstract long timeOf(E event);

    /** Returns the total order of events with equal time, by content only. */
    protected abstract Comparator<E> eventOrder();

    /**
     * Returns an event's tie group, or null (the default: none): events of two different groups
     * must compare by their groups alone in {@link #eventOrder()}, never equal. BATCH then keeps
     * a record of one group's events in its place among others without sorting each time's
     * events again ({@link BatchBuffer}).
     */
    protected Object tieGroup(E event) {
        return null;
    }

    protected abstract void onEvent(E event) throws Exception;

    protected abstract void onDeadline(Deadline deadline) throws Exception;

    /**
     * Returns whether an event that arrived at or behind the watermark (STREAMING only) is handled
     * at once, at the watermark, instead of going to {@link #lateEvents()}: for an event that must
     * never be dropped (a fill, a fact). It then runs after everything up to the watermark, with
     * {@link #now()} the watermark; BATCH has no late events, so a subclass that handles them must
     * make the same decision whenever an event is handled later than its own time.
     */
    protected boolean handlesLate(E event) {
        return false;
    }

    /**
     * Returns the events a record carries, at least one: the first at the record's time, the
     * others at or after it (a record is one event, or a run of them).
     */
    protected abstract List<E> parts(I record);

    /** Returns the side output of events that arrived behind the watermark (STREAMING only). */
    public final OutputTag<E> lateEvents() {
        return lateTag;
    }

    protected final boolean isBatch() {
        return batch;
    }

    protected final long now() {
        return now;
    }

    protected final K currentKey() {
        return key;
    }

    /** Emits a value stamped with {@link #now()}. */
    protected final void emit(O value) {
        if (out instanceof TimestampedCollector<O> timestamped) {
            timestamped.setAbsoluteTimestamp(now);
        }
        out.collect(value);
    }

    /** Returns the processing-time clock, for latency metrics only: it never decides anything. */
    protected final long processingTime() {
        return timers.currentProcessingTime();
    }

    /**
     * Emits a value to a side output, stamped with the time of the current call (in BATCH that
     * may be a later event's): a consumer that needs the value's own time must re-stamp it.
     */
    protected final <X> void sideOutput(OutputTag<X> tag, X value) {
        context.output(tag, value);
    }

    /** Schedules a deadline at or after {@link #now()}. */
    protected final void schedule(long at, String kind, String ref) throws Exception {
        if (at < now) {
            throw new IllegalArgumentException(
                    kind + " " + ref + " at " + at + " is before " + now);
        }
        if (TimeLists.add(deadlines, at, new Deadline(at, kind, ref)) == 1) {
            deadlineTimes.update(TimeLists.insert(deadlineTimes.value(), at));
        }
        if (at == now) {
            scheduledAtNow = true;
        }
        if (!batch) {
            timers.registerEventTimeTimer(at);
        }
    }

    /**
     * Returns the states whose keys may have a timer pending: for the operator to visit each such
     * key after a restore ({@link #rearmTimers}). A subclass with timers of its own adds the
     * state that holds them.
     */
    protected List<String> timerStates() {
        return List.of(name + "-event-times", name + "-deadline-times");
    }

    /**
     * After a restore, for the current key: registers again a timer at each buffered event's and
     * each deadline's time, and the subclass's own ({@link #rearmOwnTimers}). Flink keeps timers
     * in RocksDB or on the heap, as configured, and a restore from a checkpoint does not carry
     * them from one to the other; what is pending is in this function's state, so the timers
     * follow from it. Registering a timer that exists changes nothing.
     */
    final void rearmTimers(TimerService service) throws Exception {
        for (Long t : eventTimes.keys()) {
            service.registerEventTimeTimer(t);
        }
        long[] times = deadlineTimes.value();
        if (times != null) {
            for (long t : times) {
                service.registerEventTimeTimer(t);
            }
        }
        rearmOwnTimers(service);
    }

    /** Registers again, after a restore, the current key's timers of a subclass's own. */
    protected void rearmOwnTimers(TimerService service) throws Exception {}

    /**
     * Has the operator hold this function's keyed state on the heap between checkpoints (STREAMING
     * only: BATCH's backend is a heap already); before {@link #open}.
     */
    final void useCache(StateCache stateCache) {
        if (batch) {
            throw new IllegalStateException(name + ": no state cache in BATCH");
        }
        this.cache = stateCache;
    }

    /**
     * Returns this function's keyed states: through the operator's {@link StateCache} when it has
     * one, else the backend's. Subclasses take their state from here, in {@link #open}.
     */
    protected final KeyedStates states() {
        return cache != null ? cache : KeyedStates.of(getRuntimeContext());
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        KeyedStates states = states();
        // keyed by a sequence number that is never reused
        events = states.map(new MapStateDescriptor<>(name + "-events", Types.LONG, eventType),
                true);
        eventTimes = states.map(new MapStateDescriptor<>(name + "-event-times", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        nextSeq = states.value(new ValueStateDescriptor<>(name + "-next-seq", Types.LONG));
        deadlines = states.map(new MapStateDescriptor<>(name + "-deadlines", Types.LONG,
                Types.LIST(TypeInformation.of(Deadline.class))));
        deadlineTimes = states.value(new ValueStateDescriptor<>(name + "-deadline-times",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        batchTs = states.value(new ValueStateDescriptor<>(name + "-batch-ts", Types.LONG));
        maxBuffered = new IntMaximum();
        getRuntimeContext().addAccumulator(name + ".max-buffered-events", maxBuffered);
        handled = new LongCounter();
        getRuntimeContext().addAccumulator(name + ".events", handled);
        eventCmp = eventOrder();
        pending = new BatchBuffer<>(this::timeOf, eventCmp, this::tieGroup);
    }

    @Override
    public void processElement(I record, Context ctx, Collector<O> collector) throws Exception {
        bind(ctx, collector);
        List<E> parts = parts(record);
        long t = timeOf(parts.get(0));
        if (ctx.timestamp() == null || ctx.timestamp() != t) {
            throw new IllegalStateException(
                    "record timestamp " + ctx.timestamp() + " differs from event time " + t);
        }
        if (batch) {
            Long current = batchTs.value();
            if (current == null) {
                if (pending.size() > 0) {
                    throw new IllegalStateException("BATCH key " + key + " starts with "
                            + pending.size() + " events of the previous key unhandled");
                }
                timers.registerEventTimeTimer(Long.MAX_VALUE);
            } else if (t < current) {
                throw new IllegalStateException(
                        "BATCH input out of order: " + t + " after " + current);
            } else if (t > current) {
                advanceTo(t - 1);
            }
            batchTs.update(t);
            for (E e : parts) {
                long at = timeOf(e);
                if (at < t) {
                    throw new IllegalStateException("an event at " + at + " in a record at "
                            + t);
                }
            }
            pending.add(parts);
            maxBuffered.add(pending.size());
            return;
        }
        for (E e : parts) {
            buffer(e, ctx);
        }
    }

    /** STREAMING: buffers an event under its time, with a timer there, unless it is late. */
    private void buffer(E event, Context ctx) throws Exception {
        long t = timeOf(event);
        if (t <= timers.currentWatermark()) {
            if (handlesLate(event)) {
                // every timer up to the watermark has fired, so everything up to it has
                // been handled: the event is handled now, at the watermark, after all of it
                now = timers.currentWatermark();
                scheduledAtNow = false;
                handled.add(1);
                onEvent(event);
            } else {
                ctx.output(lateTag, event);
            }
            return;
        }
        timers.registerEventTimeTimer(t);
        long seq = nextSeq.value() == null ? 0 : nextSeq.value();
        nextSeq.update(seq + 1);
        events.put(seq, event);
        long[] seqs = eventTimes.get(t);
        eventTimes.put(t, seqs == null ? new long[] {seq} : TimeLists.append(seqs, seq));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> collector)
            throws Exception {
        bind(ctx, collector);
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            long watermark = timers.currentWatermark();
            // every event-time timer up to the watermark has fired: all of it is handled
            now = Math.max(now, watermark);
            scheduledAtNow = false;
            onProcessingTime(timestamp, watermark != Long.MIN_VALUE);
            return;
        }
        advanceTo(batch ? Long.MAX_VALUE : timestamp);
    }

    /**
     * Handles a processing-time timer this function registered ({@link #scheduleProcessingTime}),
     * at {@link #now()} = the watermark: for a live watchdog only, never for what BATCH and
     * STREAMING must decide alike.
     *
     * @param hasWatermark false before the first watermark: {@link #now()} means nothing yet
     */
    protected void onProcessingTime(long wallTime, boolean hasWatermark) throws Exception {}

    /** Registers a processing-time timer for the current key (STREAMING only). */
    protected final void scheduleProcessingTime(long at) {
        if (batch) {
            throw new IllegalStateException("no processing time in BATCH");
        }
        timers.registerProcessingTimeTimer(at);
    }

    /** Handles, in order, every deadline and every buffered event with time at most limit. */
    final void advanceTo(long limit) throws Exception {
        // STREAMING: timers fire in time order and every buffered event has one, so nothing
        // earlier than limit is left
        boolean streamingDue = !batch && eventTimes.contains(limit);
        while (true) {
            long[] times = deadlineTimes.value();
            Long dueDeadline = times != null && times.length > 0 && times[0] <= limit
                    ? times[0] : null;
            Long dueEvent;
            if (batch) {
                Long first = pending.firstTime();
                dueEvent = first == null || first > limit ? null : first;
            } else {
                dueEvent = streamingDue ? limit : null;
            }
            if (dueDeadline == null && dueEvent == null) {
                return;
            }
            if (dueDeadline != null && (dueEvent == null || dueDeadline <= dueEvent)) {
                runFirstDeadline(dueDeadline);
            } else if (batch ? runPending(dueEvent) : runEvents(dueEvent)) {
                streamingDue = false;
            }
        }
    }

    private void runFirstDeadline(long at) throws Exception {
        List<Deadline> due = deadlines.get(at);
        int first = 0;
        for (int i = 1; i < due.size(); i++) {
            if (Deadline.ORDER.compare(due.get(i), due.get(first)) < 0) {
                first = i;
            }
        }
        Deadline d = due.remove(first);
        if (due.isEmpty()) {
            deadlines.remove(at);
            deadlineTimes.update(TimeLists.dropFirst(deadlineTimes.value()));
        } else {
            deadlines.put(at, due);
        }
        now = at;
        onDeadline(d);
    }

    /**
     * BATCH: runs the buffered events at one time; returns false when a deadline at that time
     * interrupted them (the rest stay buffered, in order).
     */
    private boolean runPending(long at) throws Exception {
        List<E> waiting = pending.take(at);
        now = at;
        scheduledAtNow = false;
        int i = 0;
        while (i < waiting.size()) {
            handled.add(1);
            onEvent(waiting.get(i++));
            if (scheduledAtNow && i < waiting.size()) {
                pending.putBack(at, new ArrayList<>(waiting.subList(i, waiting.size())));
                return false;
            }
        }
        return true;
    }

    /**
     * STREAMING: runs the events at one time; returns false when a deadline at that time
     * interrupted them.
     */
    private boolean runEvents(long at) throws Exception {
        long[] seqs = eventTimes.get(at);
        List<Map.Entry<Long, E>> waiting = new ArrayList<>(seqs.length);
        for (long seq : seqs) {
            waiting.add(Map.entry(seq, events.get(seq)));
        }
        waiting.sort((a, b) -> eventCmp.compare(a.getValue(), b.getValue()));
        now = at;
        scheduledAtNow = false;
        int i = 0;
        while (i < waiting.size()) {
            handled.add(1);
            Map.Entry<Long, E> next = waiting.get(i++);
            events.remove(next.getKey());
            onEvent(next.getValue());
            if (scheduledAtNow && i < waiting.size()) {
                long[] rest = new long[waiting.size() - i];
                for (int j = 0; j < rest.length; j++) {
                    rest[j] = waiting.get(i + j).getKey();
                }
                eventTimes.put(at, rest);
                return false;
            }
        }
        eventTimes.remove(at);
        return true;
    }

    private void bind(Context ctx, Collector<O> collector) {
        this.context = ctx;
        this.key = ctx.getCurrentKey();
        this.timers = ctx.timerService();
        this.out = collector;
    }
}
