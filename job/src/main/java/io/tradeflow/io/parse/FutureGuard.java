package io.tradeflow.io.parse;

import io.tradeflow.io.RawRecord;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Rejects event times too far in the future: beyond the Kafka record timestamp plus the skew, or,
 * when the source gives no timestamp (files), beyond the highest accepted time of that source plus
 * the skew (the first record of a source, or after {@link #reset()}, is accepted: a bar file
 * resets it at each of its chunks). The maximum grows with accepted records only, so one
 * far-future record cannot open the door to others; the price is that a real gap longer than the
 * skew rejects the rest of that source's chunk.
 */
final class FutureGuard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long skewMs;
    /** Each source's highest accepted time (Long.MIN_VALUE: none yet), updated in place. */
    private final Map<String, long[]> maxBySource = new HashMap<>();
    /** The source of the previous record and its entry: a file's records come one source. */
    private transient String lastSource;
    private transient long[] last;

    FutureGuard(long skewMs) {
        this.skewMs = skewMs;
    }

    /** Forgets every accepted time: the next record of each source is accepted. */
    void reset() {
        maxBySource.clear();
        lastSource = null;
        last = null;
    }

    /** Checks {@code ts} and, when it passes, records it as accepted. */
    void admit(RawRecord raw, long ts) {
        if (raw.hasRefTs()) {
            if (ts > plus(raw.refTs())) {
                throw new Reject(Reasons.TIMESTAMP_IN_FUTURE, "ts " + Times.show(ts)
                        + " is more than " + skewMs + " ms after the record timestamp "
                        + Times.show(raw.refTs()));
            }
            return;
        }
        String source = raw.source() == null ? "" : raw.source();
        if (!source.equals(lastSource)) {
            lastSource = source;
            last = maxBySource.computeIfAbsent(source, k -> new long[] {Long.MIN_VALUE});
        }
        long max = last[0];
        if (max != Long.MIN_VALUE && ts > plus(max)) {
            throw new Reject(Reasons.TIMESTAMP_IN_FUTURE, "ts " + Times.show(ts) + " is more than "
                    + skewMs + " ms after the latest accepted ts " + Times.show(max)
                    + " of this source");
        }
        if (ts > max) {
            last[0] = ts;
        }
    }

    private long plus(long ts) {
        long sum = ts + skewMs;
        return sum < ts ? Long.MAX_VALUE : sum;
    }
}
