package io.tradeflow.io.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.io.Keyring;
import io.tradeflow.io.Signatures;
import io.tradeflow.io.TrustDomain;

import java.time.Instant;
import java.util.regex.Pattern;

/** Reads and checks fields of JSON objects and CSV cells, rejecting with a reason code. */
final class Fields {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern NON_FINITE =
            Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private Fields() {}

    /** Parses a whole payload that must be one JSON object. */
    static ObjectNode object(String payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new Reject(Reasons.MALFORMED_JSON, "malformed JSON at "
                    + (e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr()
                            + " column " + e.getLocation().getColumnNr()));
        }
        if (node == null || !node.isObject()) {
            throw new Reject(Reasons.MALFORMED_JSON, "not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Returns a broker message's JSON object (a fill, a position snapshot), its signature
     * verified once the job has broker keys ({@link TrustDomain#BROKER}; gateways sign from then
     * on).
     */
    static ObjectNode brokerMessage(ParseContext ctx, String line) {
        ObjectNode o = object(line);
        if (!ctx.keys(TrustDomain.BROKER).isEmpty()) {
            verifySignature(ctx, TrustDomain.BROKER, o, "ts");
        }
        return o;
    }

    /** Returns the field, or {@code null} when absent or JSON null. */
    static JsonNode opt(ObjectNode o, String field) {
        JsonNode node = o.get(field);
        return node == null || node.isNull() ? null : node;
    }

    static JsonNode required(ObjectNode o, String field) {
        JsonNode node = opt(o, field);
        if (node == null) {
            throw missing(field);
        }
        return node;
    }

    static Reject missing(String field) {
        return new Reject(Reasons.MISSING_FIELD, "missing field '" + field + "'");
    }

    static Reject invalid(String field, String what) {
        return new Reject(Reasons.INVALID_VALUE, "field '" + field + "' " + what);
    }

    /** Reads a required non-blank string. */
    static String text(ObjectNode o, String field) {
        String s = optText(o, field);
        if (s == null) {
            throw missing(field);
        }
        if (s.isBlank()) {
            throw invalid(field, "is empty");
        }
        return s;
    }

    static String optText(ObjectNode o, String field) {
        JsonNode node = opt(o, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return node.textValue();
    }

    static double number(ObjectNode o, String field) {
        return number(required(o, field), field);
    }

    static Double optNumber(ObjectNode o, String field) {
        JsonNode node = opt(o, field);
        return node == null ? null : number(node, field);
    }

    static double number(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw invalid(field, "must be a number");
        }
        return node.doubleValue();
    }

    /** Reads a required whole number (an integer, or a float without fraction). */
    static long integer(ObjectNode o, String field) {
        JsonNode node = required(o, field);
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        return whole(number(node, field), field);
    }

    static long whole(double v, String field) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 0x1p63) {
            return (long) v;
        }
        throw invalid(field, "must be a whole number");
    }

    /** Parses a CSV number cell; NaN and Infinity spelled out are kept for the price checks. */
    static double decimal(String cell, String field) {
        double simple = Scan.simpleDecimal(cell);
        if (!Double.isNaN(simple)) {
            return simple; // what parseDouble returns, in a fraction of its time
        }
        if (Scan.isDecimal(cell)) {
            return Double.parseDouble(cell);
        }
        if (NON_FINITE.matcher(cell).matches()) {
            return cell.toLowerCase().contains("nan") ? Double.NaN
                    : cell.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw invalid(field, "must be a number");
    }

    /** Parses a CSV volume cell: a whole number, not negative. */
    static long volume(String cell, String field) {
        double v = decimal(cell, field);
        if (v < 0) {
            throw new Reject(Reasons.NEGATIVE_VOLUME, "field '" + field + "' is negative");
        }
        return whole(v, field);
    }

    /** Checks a price: finite, then positive. */
    static double price(double v, String field) {
        if (!Double.isFinite(v)) {
            throw new Reject(Reasons.NON_FINITE_PRICE, "field '" + field + "' is not finite");
        }
        if (v <= 0) {
            throw new Reject(Reasons.NON_POSITIVE_PRICE, "field '" + field + "' is not positive");
        }
        return v;
    }

    static String ticker(ParseContext ctx, String ticker) {
        if (ticker.isBlank()) {
            throw new Reject(Reasons.UNKNOWN_TICKER, "empty ticker");
        }
        if (!ctx.knowsTicker(ticker)) {
            throw new Reject(Reasons.UNKNOWN_TICKER, "unknown ticker '" + ticker + "'");
        }
        return ticker;
    }

    static String account(ParseContext ctx, String account) {
        if (!ctx.knowsAccount(account)) {
            throw new Reject(Reasons.UNKNOWN_ACCOUNT, "unknown account '" + account + "'");
        }
        return account;
    }

    /**
     * Verifies the record's HMAC signature (R-SIG-6) with the key of its trust domain named by
     * its {@code key_id} ({@link Keyring#DEFAULT_ID} when absent) and returns that id; secrets
     * never reach a message.
     *
     * @param timeField the record's event time, checked against the key's valid-until date
     */
    static String verifySignature(ParseContext ctx, TrustDomain domain, ObjectNode o,
            String timeField) {
        Keyring keys = ctx.keys(domain);
        if (keys.isEmpty()) {
            throw new Reject(Reasons.BAD_SIGNATURE,
                    "signature cannot be verified: secret is not configured");
        }
        JsonNode signature = o.get(Signatures.FIELD);
        if (signature == null || signature.isNull()) {
            throw new Reject(Reasons.BAD_SIGNATURE, "missing field 'signature'");
        }
        if (!signature.isTextual()) {
            throw new Reject(Reasons.BAD_SIGNATURE, "field 'signature' must be a string");
        }
        String id = keyId(o);
        if (!keys.has(id)) {
            throw new Reject(Reasons.UNKNOWN_KEY, o.hasNonNull(Signatures.KEY_ID)
                    ? "unknown key id '" + id + "'" : "no 'key_id' and no default key");
        }
        boolean valid;
        try {
            valid = keys.verify(id, o);
        } catch (IllegalArgumentException e) {
            // e.g. a number beyond a double (1e400): RFC 8785 gives it no canonical form
            throw new Reject(Reasons.BAD_SIGNATURE,
                    "signature cannot be verified: " + e.getMessage());
        }
        if (!valid) {
            throw new Reject(Reasons.BAD_SIGNATURE, "signature does not match");
        }
        long until = keys.validUntilMs(id);
        JsonNode time = o.get(timeField);
        if (until != Long.MAX_VALUE && time != null && Times.ts(time, timeField) > until) {
            throw new Reject(Reasons.KEY_EXPIRED, "key '" + id + "' is valid for records until "
                    + Instant.ofEpochMilli(until) + ", '" + timeField + "' is later");
        }
        return id;
    }

    private static String keyId(ObjectNode o) {
        JsonNode id = o.get(Signatures.KEY_ID);
        if (id == null || id.isNull()) {
            return Keyring.DEFAULT_ID;
        }
        if (!id.isTextual()) {
            throw new Reject(Reasons.UNKNOWN_KEY, "field 'key_id' must be a string");
        }
        return id.textValue();
    }
}
