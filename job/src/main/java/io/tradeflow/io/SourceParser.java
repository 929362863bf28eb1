package io.tradeflow.io;

import io.tradeflow.io.parse.DeadLetters;
import io.tradeflow.io.parse.InputParser;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.io.parse.Reasons;

import java.io.Serializable;

/**
 * Turns one raw record into an {@link Ingested} value or dead letter inside a source reader; never
 * throws. Created on the client and shipped with the job: one instance per source reader.
 */
@FunctionalInterface
public interface SourceParser extends Serializable {
    /** Returns the parsed record, or {@code null} for a line to skip silently (a header). */
    Ingested parse(RawRecord raw);

    /** Called before the first line of each chunk of a file read in chunks ({@link LineChunks}). */
    default void startChunk() {}

    /**
     * Wraps a typed parser; a value keeps the record it came from until {@link LateRecords},
     * chained right after the source, has decided whether it is late. That decision needs the
     * latest event time of the record's split, which a source reader cannot checkpoint.
     */
    static <T> SourceParser of(InputParser<T> parser, Wrap<T> wrap) {
        return new Typed<>(parser, wrap);
    }

    /** Wraps a typed value into the {@link Ingested} union. */
    @FunctionalInterface
    interface Wrap<T> extends Serializable {
        Ingested apply(T value);
    }

    /** A typed parser whose values carry their raw record. */
    final class Typed<T> implements SourceParser {
        private static final long serialVersionUID = 2L;
        private final InputParser<T> parser;
        private final Wrap<T> wrap;

        Typed(InputParser<T> parser, Wrap<T> wrap) {
            this.parser = parser;
            this.wrap = wrap;
        }

        @Override
        public void startChunk() {
            parser.startChunk();
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
            return wrap.apply(p.value()).withRaw(raw);
        }
    }
}
