package io.tradeflow.io;

import io.tradeflow.io.parse.DeadLetters;
import io.tradeflow.io.parse.InputParser;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.io.parse.Reasons;
import io.tradeflow.rules.calendar.MarketTime;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one raw record into an {@link Ingested} value or dead letter inside a source reader; never
 * throws. Created on the client and shipped with the job: one instance per source reader.
 */
@FunctionalInterface
public interface SourceParser extends Serializable {
    /** Returns the parsed record, or {@code null} for a line to skip silently (a header). */
    Ingested parse(RawRecord raw);

    /**
     * Wraps a typed parser and rejects as {@code late} a value more than {@code latenessMs}
     * behind the latest event time of its split (file, or Kafka partition): the split's watermark
     * has passed it already. Deciding it here, by the split's own order, makes the outcome
     * independent of how fast other sources are read. BATCH passes {@link Long#MAX_VALUE}: there
     * nothing is late.
     */
    static <T> SourceParser of(InputParser<T> parser, Wrap<T> wrap, long latenessMs) {
        return new Guarded<>(parser, wrap, latenessMs);
    }

    /** Wraps a typed value into the {@link Ingested} union. */
    @FunctionalInterface
    interface Wrap<T> extends Serializable {
        Ingested apply(T value);
    }

    /** A typed parser with the lateness check, per split. */
    final class Guarded<T> implements SourceParser {
        private static final long serialVersionUID = 1L;
        private final InputParser<T> parser;
        private final Wrap<T> wrap;
        private final long latenessMs;
        private final Map<String, Long> latestBySplit = new HashMap<>();

        Guarded(InputParser<T> parser, Wrap<T> wrap, long latenessMs) {
            this.parser = parser;
            this.wrap = wrap;
            this.latenessMs = latenessMs;
        }

        @Override
        public Ingested parse(RawRecord raw) {
            Parsed<T> p;
            try {
                p = parser.parse(raw);
            } catch (RuntimeException e) { // parsers never throw; if one does, nothing is lost
                return Ingested.of(DeadLetters.of(raw, Reasons.INVALID_VALUE,
                        "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            if (p.isSkip()) {
                return null;
            }
            if (p.isBad()) {
                return Ingested.of(p.deadLetter());
            }
            Ingested value = wrap.apply(p.value());
            String split = split(raw);
            Long latest = latestBySplit.get(split);
            if (latest != null && latenessMs != Long.MAX_VALUE && value.ts() < latest - latenessMs) {
                return Ingested.of(DeadLetters.of(raw, Reasons.LATE, "event time "
                        + MarketTime.iso(value.ts()) + " is more than " + latenessMs
                        + " ms behind " + MarketTime.iso(latest) + ", the latest of this "
                        + "source: beyond the allowed out-of-orderness"));
            }
            if (latest == null || value.ts() > latest) {
                latestBySplit.put(split, value.ts());
            }
            return value;
        }

        /** Returns the file, or the topic and partition of a Kafka record. */
        private static String split(RawRecord raw) {
            if (!raw.hasRefTs()) {
                return raw.source();
            }
            int slash = raw.position().indexOf('/');
            return raw.source() + "#" + (slash < 0 ? raw.position() : raw.position().substring(0, slash));
        }
    }
}
