package io.tradeflow.io.parse;

import io.tradeflow.io.RawRecord;

import java.io.Serializable;

/** Turns one raw record into a value, a dead letter or a skip, and never throws. */
public interface InputParser<T> extends Serializable {
    Parsed<T> parse(RawRecord raw);

    /** Called before the first line of each chunk of a file read in chunks. */
    default void startChunk() {}
}
