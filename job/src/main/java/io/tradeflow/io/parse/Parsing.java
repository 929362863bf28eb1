package io.tradeflow.io.parse;

import io.tradeflow.io.RawRecord;

import java.util.function.Function;

/** Runs a parser body so that every failure becomes a dead letter and nothing is thrown. */
final class Parsing {
    private Parsing() {}

    static <T> Parsed<T> guard(RawRecord raw, Function<RawRecord, Parsed<T>> body) {
        RawRecord record = raw == null ? new RawRecord("", "", RawRecord.UNKNOWN_TS, null) : raw;
        try {
            if (record.payload() == null) {
                throw new Reject(Reasons.MALFORMED_JSON, "no payload");
            }
            return body.apply(record);
        } catch (Reject r) {
            return Parsed.bad(DeadLetters.of(record, r.reason, r.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // a bug here must not stop the job: the record is kept as a dead letter
            return Parsed.bad(DeadLetters.of(record, Reasons.INVALID_VALUE,
                    "unexpected " + e.getClass().getSimpleName()));
        }
    }

    /** Returns the payload without a leading byte order mark and trailing line terminators. */
    static String line(String payload) {
        String s = payload.startsWith("\uFEFF") ? payload.substring(1) : payload;
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Returns whether a blank payload is a skippable blank line (files) rather than bad input. */
    static boolean blankLine(RawRecord raw, String line) {
        if (!line.isBlank()) {
            return false;
        }
        if (raw.hasRefTs()) {
            throw new Reject(Reasons.MALFORMED_JSON, "empty payload");
        }
        return true;
    }
}
