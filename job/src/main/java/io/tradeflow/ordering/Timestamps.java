package io.tradeflow.ordering;

import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/** Sets the Flink record timestamp of what a process function emits next. */
public final class Timestamps {
    private Timestamps() {}

    /**
     * Stamps the next records with {@code ts}: the engine requires a record's timestamp to equal
     * its event time, which a side output or a CEP match does not carry by itself.
     */
    @SuppressWarnings("unchecked")
    public static <T> void stamp(Collector<T> out, long ts) {
        ((TimestampedCollector<T>) out).setAbsoluteTimestamp(ts);
    }
}
