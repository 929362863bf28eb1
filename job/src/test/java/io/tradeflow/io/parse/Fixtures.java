package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.Signatures;

import io.tradeflow.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared fixtures of the parser tests. */
final class Fixtures {
    static final byte[] SECRET = "test-secret-do-not-use".getBytes(StandardCharsets.UTF_8);
    static final ParseContext CTX =
            new ParseContext(Set.of("acc-1", "acc-2"), Set.of("SPY", "AAPL", "AAL"), SECRET);
    static final ParseContext ANY = new ParseContext(null, null, SECRET);
    /** A Kafka record timestamp. */
    static final long REF = Instant.parse("2024-03-01T15:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;
    static final long SKEW = ParseContext.DEFAULT_MAX_FUTURE_SKEW_MS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static RawRecord kafka(String topic, String payload) {
        return new RawRecord(topic, "0/42", REF, payload);
    }

    static RawRecord kafka(String topic, long refTs, String payload) {
        return new RawRecord(topic, "0/43", refTs, payload);
    }

    static RawRecord line(String path, long number, String payload) {
        return RawRecord.ofLine(path, number, payload);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String signed(ObjectNode o) {
        return Signatures.signed(SECRET, o).toString();
    }

    static DeadLetter assertBad(Parsed<?> p, String reason) {
        assertThat(p.isBad()).as("expected %s, got %s", reason, p).isTrue();
        assertThat(p.deadLetter().reason()).isEqualTo(reason);
        return p.deadLetter();
    }

    static <T> T assertOk(Parsed<T> p) {
        assertThat(p.isOk()).as("expected ok, got %s", p).isTrue();
        return p.value();
    }

    static Path sharedData() {
        return SharedData.dir();
    }

    static Path sharedFile(String name) {
        return SharedData.file(name);
    }
}
