package io.tradeflow.io.parse;

import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.json;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.Signatures;
import io.tradeflow.io.TrustDomain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Keys per trust domain and their rotation (R-SIG-6): the key is picked by {@code key_id}, an old
 * key verifies until its valid-until date, an unknown id or an expired key is a dead letter.
 */
class KeyRotationTest {
    private static final String OLD = "old-control-key-0123456789abcdef0123";
    private static final String NEW = "new-control-key-0123456789abcdef0123";
    private static final String RECS = "recommendation-key-0123456789abcdef01";
    private static final Keyring CONTROL =
            Keyring.parse("ops-a@2024-03-01:" + OLD + ",ops-b:" + NEW, "TRADEFLOW_CONTROL_KEYS");
    private static final ParseContext CTX = new ParseContext(null, null, Map.of(
            TrustDomain.RECOMMENDATIONS, Keyring.of(Keyring.DEFAULT_ID, RECS, "test"),
            TrustDomain.CONTROL, CONTROL), Fixtures.SKEW);
    private static final String COMMAND = "{\"id\":\"cmd-1\",\"account\":\"acc-1\","
            + "\"command\":\"pause\",\"issued_by\":\"x\",\"ts\":\"%s\"}";

    private final ControlParser parser = new ControlParser(CTX);

    private static ObjectNode command(String ts) {
        return json(String.format(COMMAND, ts));
    }

    private Parsed<?> parse(ObjectNode signed) {
        return parser.parse(kafka("control", Long.MIN_VALUE, signed.toString()));
    }

    @Test
    void oldAndNewKeysBothVerifyDuringTheOverlap() {
        ObjectNode o = command("2024-03-01T23:59:59Z");
        assertOk(parse(CONTROL.signingWith("ops-a").sign(o)));
        assertOk(parse(CONTROL.sign(o)));
    }

    @Test
    void anOldKeyPastItsValidUntilDateIsKeyExpired() {
        ObjectNode o = command("2024-03-02T00:00:00Z");
        DeadLetter d = assertBad(parse(CONTROL.signingWith("ops-a").sign(o)),
                Reasons.KEY_EXPIRED);
        assertThat(d.detail()).contains("ops-a").doesNotContain(OLD);
        assertOk(parse(CONTROL.sign(o)));
    }

    @Test
    void anUnknownKeyIdIsUnknownKey() {
        ObjectNode o = command("2024-03-01T10:00:00Z");
        ObjectNode signed = Signatures.signed(NEW.getBytes(StandardCharsets.UTF_8), "ops-z", o);
        assertBad(parse(signed), Reasons.UNKNOWN_KEY);
        // no key_id: the domain's default key, which the control domain here does not have
        assertBad(parse(Signatures.signed(NEW.getBytes(StandardCharsets.UTF_8), o)),
                Reasons.UNKNOWN_KEY);
    }

    @Test
    void aRecommendationKeyCannotSignAControlCommand() {
        ObjectNode o = command("2024-03-01T10:00:00Z");
        ObjectNode signed = Signatures.signed(RECS.getBytes(StandardCharsets.UTF_8),
                Keyring.DEFAULT_ID, o);
        assertBad(parse(signed), Reasons.UNKNOWN_KEY);
        ObjectNode asOps = Signatures.signed(RECS.getBytes(StandardCharsets.UTF_8), "ops-b", o);
        assertBad(parse(asOps), Reasons.BAD_SIGNATURE);
    }

    @Test
    void aChangedKeyIdBreaksTheSignature() {
        ObjectNode signed = CONTROL.sign(command("2024-03-01T10:00:00Z"));
        signed.put(Signatures.KEY_ID, "ops-a");
        assertBad(parse(signed), Reasons.BAD_SIGNATURE);
    }

    @Test
    void fillsAreVerifiedOnceBrokerKeysAreConfigured() {
        String fill = "{\"client_order_id\":\"co-1\",\"execution_id\":\"ex-1\","
                + "\"account\":\"acc-1\",\"ticker\":\"SPY\",\"side\":\"buy\",\"quantity\":5,"
                + "\"price\":100.5,\"ts\":\"2024-03-01T10:00:00Z\"}";
        // without broker keys (as before them) fills are not signed
        assertOk(new FillParser(Fixtures.CTX).parse(kafka("fills", Long.MIN_VALUE, fill)));
        Keyring broker = Keyring.of("gw-1", "broker-key-0123456789abcdef0123456789", "test");
        FillParser verified = new FillParser(new ParseContext(null, null,
                Map.of(TrustDomain.BROKER, broker), Fixtures.SKEW));
        assertBad(verified.parse(kafka("fills", Long.MIN_VALUE, fill)), Reasons.BAD_SIGNATURE);
        assertOk(verified.parse(kafka("fills", Long.MIN_VALUE, broker.sign(json(fill)).toString())));
        ObjectNode byControlKey = CONTROL.sign(json(fill));
        assertBad(verified.parse(kafka("fills", Long.MIN_VALUE, byControlKey.toString())),
                Reasons.UNKNOWN_KEY);
    }
}
