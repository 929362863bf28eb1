package io.tradeflow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies JSON records with HMAC-SHA256 (R-SIG-6).
 *
 * <p>The signature is the lowercase hex HMAC-SHA256, keyed with the shared secret, of the record's
 * canonical JSON: the record without its top-level {@code signature} field, object keys sorted at
 * every depth, no whitespace, UTF-8.
 */
public final class Signatures {
    public static final String FIELD = "signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Signatures() {}

    /** Returns the canonical form that is signed. */
    public static String canonical(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove(FIELD);
        try {
            return JSON.writeValueAsString(sorted(copy));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize " + record, e);
        }
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

    /** Returns whether the record carries a valid signature (constant-time comparison). */
    public static boolean verify(byte[] secret, ObjectNode record) {
        JsonNode given = record.get(FIELD);
        if (given == null || !given.isTextual()) {
            return false;
        }
        byte[] expected = sign(secret, record).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.asText().getBytes(StandardCharsets.US_ASCII));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }
}
