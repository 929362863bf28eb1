package io.tradeflow.io.parse;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.RawRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds dead letters whose id is deterministic: the first 32 hex characters of SHA-256 over
 * {@code source + '\0' + position + '\0' + payload} (UTF-8, null read as empty), so a replay
 * upserts the same row.
 */
public final class DeadLetters {
    private DeadLetters() {}

    public static DeadLetter of(RawRecord raw, String reason, String detail) {
        return new DeadLetter(id(raw), raw.source(), raw.position(), reason, detail,
                raw.payload());
    }

    /** Returns the deterministic id of a raw record. */
    public static String id(RawRecord raw) {
        String key = orEmpty(raw.source()) + '\u0000' + orEmpty(raw.position()) + '\u0000'
                + orEmpty(raw.payload());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
