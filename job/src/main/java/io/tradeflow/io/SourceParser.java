package io.tradeflow.io;

import io.tradeflow.io.parse.Parsed;

import java.io.Serializable;

/**
 * Turns one raw record into an {@link Ingested} value or dead letter inside a source reader; never
 * throws. Created on the client and shipped with the job: one instance per source.
 */
@FunctionalInterface
public interface SourceParser extends Serializable {
    /** Returns the parsed record, or {@code null} for a line to skip silently (a header). */
    Ingested parse(RawRecord raw);

    /** Wraps a typed parser; {@code wrap} names the {@link Ingested} factory of its kind. */
    static <T> SourceParser of(io.tradeflow.io.parse.InputParser<T> parser, Wrap<T> wrap) {
        return raw -> {
            Parsed<T> p;
            try {
                p = parser.parse(raw);
            } catch (RuntimeException e) { // parsers never throw; if one does, nothing is lost
                return Ingested.of(io.tradeflow.io.parse.DeadLetters.of(raw, "parser_error",
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            if (p.isOk()) {
                return wrap.apply(p.value());
            }
            return p.isBad() ? Ingested.of(p.deadLetter()) : null;
        };
    }

    /** Wraps a typed value into the {@link Ingested} union. */
    @FunctionalInterface
    interface Wrap<T> extends Serializable {
        Ingested apply(T value);
    }
}
