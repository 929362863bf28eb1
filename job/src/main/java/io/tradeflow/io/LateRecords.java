package io.tradeflow.io;

import io.tradeflow.io.parse.DeadLetters;
import io.tradeflow.io.parse.Reasons;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects as {@code late} a value more than the allowed out-of-orderness behind the latest event
 * time of its split (a file, or a Kafka topic partition), and drops the raw record from every
 * value it passes. Fills are never late here: a fill is a fact (R-FILL-1), which the account
 * engine applies even when it comes behind the watermark.
 *
 * <p>It runs chained right after its source, so it sees each split's records in the order the
 * split holds them: the outcome is independent of how fast other sources are read. The latest
 * time per split is checkpointed, so a job restored from a checkpoint re-reads the records after
 * it against the same marks and rejects exactly what an uninterrupted run rejects (the watermark
 * itself restarts from nothing after a restore). The marks are union state: after a restore or a
 * rescale a subtask may read any split, so each keeps every split's mark.
 */
public final class LateRecords extends ProcessFunction<Ingested, Ingested>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** One split's latest accepted event time, as checkpointed. */
    public record Mark(String split, long latest) {}

    private final long latenessMs;
    private transient Map<String, Long> latestBySplit;
    private transient ListState<Mark> checkpointed;

    /** Checks against {@code latenessMs}; {@link Long#MAX_VALUE} (BATCH) rejects nothing. */
    public LateRecords(long latenessMs) {
        this.latenessMs = latenessMs;
    }

    @Override
    public void processElement(Ingested value, Context ctx, Collector<Ingested> out) {
        RawRecord raw = value.raw();
        if (raw == null) { // a dead letter of the parser
            out.collect(value);
            return;
        }
        if (Ingested.FILL.equals(value.kind()) || Ingested.CALENDAR.equals(value.kind())) {
            // a fill is a fact (R-FILL-1), a calendar entry an announcement: never rejected as
            // late; the engine applies both even behind its watermark
            out.collect(value.withRaw(null));
            return;
        }
        String split = split(raw);
        Long latest = latestBySplit.get(split);
        if (latest != null && latenessMs != Long.MAX_VALUE && value.ts() < latest - latenessMs) {
            out.collect(Ingested.of(DeadLetters.of(raw, Reasons.LATE, "event time "
                    + MarketTime.iso(value.ts()) + " is more than " + latenessMs + " ms behind "
                    + MarketTime.iso(latest) + ", the latest of this source: beyond the allowed "
                    + "out-of-orderness")));
            return;
        }
        if (latest == null || value.ts() > latest) {
            latestBySplit.put(split, value.ts());
        }
        out.collect(value.withRaw(null));
    }

    /** Returns the file, or the topic and partition of a Kafka record. */
    static String split(RawRecord raw) {
        if (!raw.hasRefTs()) {
            return raw.source();
        }
        int slash = raw.position().indexOf('/');
        return raw.source() + "#"
                + (slash < 0 ? raw.position() : raw.position().substring(0, slash));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Mark> marks = new ArrayList<>(latestBySplit.size());
        latestBySplit.forEach((split, latest) -> marks.add(new Mark(split, latest)));
        checkpointed.update(marks);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("latest-by-split", Mark.class));
        latestBySplit = new HashMap<>();
        if (context.isRestored()) {
            for (Mark m : checkpointed.get()) {
                latestBySplit.merge(m.split(), m.latest(), Math::max);
            }
        }
    }
}
