package io.tradeflow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies JSON records with HMAC-SHA256 (R-SIG-6).
 *
 * <p>The signature is the lowercase hex HMAC-SHA256, keyed with the shared secret, of the record's
 * canonical JSON: the record without its top-level {@code signature} field, in the form of RFC 8785
 * ({@link Jcs}), encoded as UTF-8. A record signed with a {@link Keyring}'s key carries the key's
 * id in {@code key_id}, which the signature covers.
 */
public final class Signatures {
    public static final String FIELD = "signature";
    /** Names the key that signed a record; signed like the other fields. */
    public static final String KEY_ID = "key_id";

    private Signatures() {}

    /** Returns the canonical form that is signed: the record without its signature, in JCS. */
    public static String canonical(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove(FIELD);
        return Jcs.canonical(copy);
    }

    public static String sign(byte[] secret, ObjectNode record) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(
                    mac.doFinal(canonical(record).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Returns a copy of the record with its {@code signature} field set. */
    public static ObjectNode signed(byte[] secret, ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.put(FIELD, sign(secret, record));
        return copy;
    }

    /** Returns a copy of the record with {@code key_id} set and its {@code signature} field set. */
    public static ObjectNode signed(byte[] secret, String keyId, ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.put(KEY_ID, keyId);
        copy.put(FIELD, sign(secret, copy));
        return copy;
    }

    /** Returns whether the record carries a valid signature (constant-time comparison). */
    public static boolean verify(byte[] secret, ObjectNode record) {
        JsonNode given = record.get(FIELD);
        if (given == null || !given.isTextual()) {
            return false;
        }
        byte[] expected = sign(secret, record).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.asText().getBytes(StandardCharsets.US_ASCII));
    }
}
