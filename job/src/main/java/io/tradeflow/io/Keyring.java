package io.tradeflow.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Holds the HMAC keys of one trust domain by key id (R-SIG-6), so keys rotate without downtime:
 * during the overlap both the old key (with a valid-until date) and the new one verify.
 *
 * <p>Keys come from two variables, each also readable from the file named by {@code NAME_FILE}
 * ({@link Secrets}): the domain's single secret ({@code TRADEFLOW_CONTROL_SECRET}), whose id is
 * {@link #DEFAULT_ID}, and a list of keys with ids ({@code TRADEFLOW_CONTROL_KEYS}), entries
 * separated by commas or newlines, each {@code ID[@YYYY-MM-DD]:SECRET}; the date is the last day
 * (UTC) of messages the key may sign. The last listed key is the one tools sign with. Secrets
 * never appear in {@link #toString()} or in error messages.
 */
public final class Keyring implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The id of the key given by a domain's single-secret variable. */
    public static final String DEFAULT_ID = "default";
    /** The shortest key accepted from the environment, in bytes (the HMAC-SHA256 block half). */
    public static final int MIN_KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** One key: its secret and the last event time (epoch ms) it may sign, or Long.MAX_VALUE. */
    record Key(byte[] secret, long validUntilMs) implements Serializable {}

    private final Map<String, Key> keys;
    private final String signingId;

    private Keyring(Map<String, Key> keys, String signingId) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.signingId = signingId;
    }

    /** Returns a keyring with no key: every signed message of the domain is rejected. */
    public static Keyring empty() {
        return new Keyring(Map.of(), null);
    }

    /** Returns a keyring of one key with id {@link #DEFAULT_ID} that never expires. */
    public static Keyring single(byte[] secret) {
        if (secret == null || secret.length == 0) {
            return empty();
        }
        return new Keyring(Map.of(DEFAULT_ID, new Key(secret.clone(), Long.MAX_VALUE)),
                DEFAULT_ID);
    }

    /**
     * Reads the domain's keys from the environment, or returns {@code null} when neither
     * variable is set.
     *
     * @throws IllegalArgumentException naming the variable (never the value) of a malformed
     *     entry or of a key shorter than {@link #MIN_KEY_BYTES}
     */
    public static Keyring fromEnv(TrustDomain domain) {
        return fromEnv(domain, System.getenv());
    }

    static Keyring fromEnv(TrustDomain domain, Map<String, String> env) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String single = Secrets.read(domain.secretVariable(), env);
        if (single != null) {
            keys.put(DEFAULT_ID, key(single, Long.MAX_VALUE, domain.secretVariable()));
        }
        String list = Secrets.read(domain.keysVariable(), env);
        if (list != null) {
            keys.putAll(parse(list, domain.keysVariable()).keys);
        }
        if (keys.isEmpty()) {
            return null;
        }
        String last = null;
        for (String id : keys.keySet()) {
            last = id;
        }
        return new Keyring(keys, last);
    }

    /**
     * Parses {@code ID[@YYYY-MM-DD]:SECRET} entries separated by commas or newlines.
     *
     * @param variable where the text comes from, named in errors
     */
    public static Keyring parse(String text, String variable) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String last = null;
        int n = 0;
        for (String entry : text.split("[,\\n]")) {
            n++;
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            String where = variable + " entry " + n;
            if (colon < 0) {
                throw new IllegalArgumentException(where + ": expected ID[@YYYY-MM-DD]:SECRET");
            }
            String head = e.substring(0, colon);
            int at = head.indexOf('@');
            String id = at < 0 ? head : head.substring(0, at);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": a key id is 1-64 letters, digits, "
                        + "'.', '_' or '-'");
            }
            long until = Long.MAX_VALUE;
            if (at >= 0) {
                try {
                    until = LocalDate.parse(head.substring(at + 1)).plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
                } catch (DateTimeParseException ex) {
                    throw new IllegalArgumentException(where + " (" + id
                            + "): valid-until must be YYYY-MM-DD");
                }
            }
            if (keys.put(id, key(e.substring(colon + 1), until, where + " (" + id + ")"))
                    != null) {
                throw new IllegalArgumentException(where + ": key id " + id + " given twice");
            }
            last = id;
        }
        return new Keyring(keys, last);
    }

    /**
     * Returns a keyring of one key that never expires.
     *
     * @param where where the secret comes from, named in errors
     * @throws IllegalArgumentException for a malformed id or a key shorter than
     *     {@link #MIN_KEY_BYTES}
     */
    public static Keyring of(String id, String secret, String where) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a key id is 1-64 letters, digits, '.', '_' or '-'");
        }
        return new Keyring(Map.of(id, key(secret, Long.MAX_VALUE, where)), id);
    }

    /**
     * Returns this keyring signing with the key of this id.
     *
     * @throws IllegalArgumentException when no key has the id
     */
    public Keyring signingWith(String id) {
        if (!keys.containsKey(id)) {
            throw new IllegalArgumentException("no key has the id '" + id + "' (known: "
                    + String.join(", ", keys.keySet()) + ")");
        }
        return new Keyring(keys, id);
    }

    private static Key key(String secret, long until, String where) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(where + ": a key must be at least "
                    + MIN_KEY_BYTES + " bytes (got " + bytes.length + ")");
        }
        return new Key(bytes, until);
    }

    /** Returns whether a key has this id. */
    public boolean has(String id) {
        return keys.containsKey(id);
    }

    /** Returns whether the record carries a valid signature made with the key of this id. */
    public boolean verify(String id, ObjectNode record) {
        Key k = keys.get(id);
        return k != null && Signatures.verify(k.secret(), record);
    }

    /** Returns the last event time (epoch ms) the key may sign, Long.MAX_VALUE when unbounded. */
    public long validUntilMs(String id) {
        Key k = keys.get(id);
        return k == null ? Long.MIN_VALUE : k.validUntilMs();
    }

    /**
     * Returns a copy of the record with {@code key_id} set to the signing key and signed with it.
     *
     * @throws IllegalArgumentException when the keyring is empty
     */
    public ObjectNode sign(ObjectNode record) {
        if (signingId == null) {
            throw new IllegalArgumentException("no signing key is configured");
        }
        return Signatures.signed(keys.get(signingId).secret(), signingId, record);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Returns the id tools sign with: the last listed key, or {@code null} when empty. */
    public String signingId() {
        return signingId;
    }

    /** Returns a copy of the secret of the key with this id, or {@code null}. */
    public byte[] secret(String id) {
        Key k = keys.get(id);
        return k == null ? null : k.secret().clone();
    }

    @Override
    public String toString() {
        return "Keyring" + keys.keySet();
    }
}
