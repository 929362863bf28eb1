package io.tradeflow.io;

import java.io.Serializable;

/**
 * Turns one raw record into an input value or a dead letter; never throws. Implementations are
 * created on the client, shipped with the job, and may keep per-source state (one instance per
 * source reader).
 */
@FunctionalInterface
public interface RecordParser extends Serializable {
    /** Returns the parsed record, or {@code null} for a line to skip silently (a header). */
    Ingested parse(RawRecord raw);
}
