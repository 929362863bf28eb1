package io.tradeflow.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds control commands in the form {@link io.tradeflow.io.parse.ControlParser} reads:
 * {@code {"id","account","command","args","issued_by","ts","signature"}}, {@code ts} in epoch
 * milliseconds, signed with a control key ({@link Keyring}, R-SIG-6).
 */
public final class ControlMessages {
    /** Prefixes an id derived from a command's content. */
    public static final String ID_PREFIX = "ctl-";

    private ControlMessages() {}

    /** Returns the command without id and signature: what its content id is derived from. */
    public static ObjectNode content(String account, String command, Map<String, String> args,
            String issuedBy, long ts) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("account", account);
        o.put("command", command);
        ObjectNode a = o.putObject("args");
        new TreeMap<>(args).forEach(a::put);
        o.put("issued_by", issuedBy);
        o.put("ts", ts);
        return o;
    }

    /**
     * Returns an id that depends only on the command's content ({@code ctl-} and 20 hex digits of
     * the SHA-256 of its canonical JSON): the same command at the same time gets the same id, so
     * a re-sent copy is recognised as one command.
     */
    public static String contentId(ObjectNode content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Signatures.canonical(content).getBytes(StandardCharsets.UTF_8));
            return ID_PREFIX + HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * Returns the command signed with the keyring's signing key, whose id it carries in
     * {@code key_id} and {@code issued_by}.
     *
     * @param id the command id, or {@code null} for {@link #contentId}
     * @throws IllegalArgumentException when the keyring is empty
     */
    public static ObjectNode signed(Keyring keys, String id, String account, String command,
            Map<String, String> args, long ts) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no control key is configured");
        }
        ObjectNode content = content(account, command, args, keys.signingId(), ts);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id != null ? id : contentId(content));
        o.setAll(content);
        return keys.sign(o);
    }
}
