package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.ControlCommand;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.Signatures;
import io.tradeflow.io.TrustDomain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.DAY;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.SECRET;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.json;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static io.tradeflow.io.parse.Fixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;

class ControlParserTest {
    private static final String BASE = "{\"id\":\"cmd-1\",\"account\":\"acc-1\","
            + "\"command\":\"set-tier\",\"args\":{\"tier\":\"conservative\"},"
            + "\"issued_by\":\"ops@example.com\",\"ts\":\"2024-03-01T09:00:00-05:00\"}";
    private static final long TS = Instant.parse("2024-03-01T14:00:00Z").toEpochMilli();

    private final ControlParser parser = new ControlParser(CTX);

    private Parsed<ControlCommand> parse(ObjectNode unsigned) {
        return parser.parse(kafka("control", signed(unsigned)));
    }

    @Test
    void parsesSignedCommand() {
        ObjectNode o = json(BASE);
        assertThat(assertOk(parse(o))).isEqualTo(new ControlCommand("cmd-1", "acc-1", "set-tier",
                Map.of("tier", "conservative"), Keyring.DEFAULT_ID, TS,
                Signatures.sign(SECRET, o)));
    }

    @Test
    void theIssuerIsTheKeyThatSignedNotWhatTheSenderWrote() {
        ObjectNode o = json(BASE).put("issued_by", "ceo");
        Keyring ops = Keyring.of("ops-2026a", "ops-key-0123456789abcdef0123456789ab", "test");
        ControlParser p = new ControlParser(new ParseContext(null, null,
                Map.of(TrustDomain.CONTROL, ops), SKEW));
        ControlCommand c = assertOk(p.parse(kafka("control", ops.sign(o).toString())));
        assertThat(c.issuedBy()).isEqualTo("ops-2026a");
        ObjectNode noIssuer = json(BASE);
        noIssuer.remove("issued_by");
        assertThat(assertOk(p.parse(kafka("control", ops.sign(noIssuer).toString()))).issuedBy())
                .isEqualTo("ops-2026a");
    }

    @Test
    void acceptsEveryAccountWildcardAndNoArgs() {
        ObjectNode o = json(BASE).put("account", "*").put("command", "pause");
        o.remove("args");
        ControlCommand c = assertOk(parse(o));
        assertThat(c.account()).isEqualTo("*");
        assertThat(c.args()).isEmpty();
    }

    @Test
    void rejectsBadSignatures() {
        ObjectNode tampered = json(signed(json(BASE)));
        tampered.put("command", "resume");
        assertBad(parser.parse(kafka("control", tampered.toString())), Reasons.BAD_SIGNATURE);
        assertBad(parser.parse(kafka("control", BASE)), Reasons.BAD_SIGNATURE);
        String other = Signatures.signed("x".getBytes(StandardCharsets.UTF_8), json(BASE))
                .toString();
        assertBad(parser.parse(kafka("control", other)), Reasons.BAD_SIGNATURE);
        DeadLetter d = assertBad(new ControlParser(new ParseContext(null, null, null))
                .parse(kafka("control", signed(json(BASE)))), Reasons.BAD_SIGNATURE);
        assertThat(d.detail()).contains("secret is not configured");
    }

    @Test
    void namesEachMissingField() {
        for (String field : ControlParser.REQUIRED_FIELDS) {
            ObjectNode o = json(BASE);
            o.remove(field);
            String payload = field.equals("signature") ? o.toString() : signed(o);
            DeadLetter d = assertBad(parser.parse(kafka("control", payload)),
                    field.equals("signature") ? Reasons.BAD_SIGNATURE : Reasons.MISSING_FIELD);
            assertThat(d.detail()).contains("'" + field + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"restart", "PAUSE", "set_tier"})
    void rejectsUnknownCommand(String command) {
        assertBad(parse(json(BASE).put("command", command)), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsArgsThatAreNotAnObjectOfStrings() {
        ObjectNode list = json(BASE);
        list.putArray("args").add("x");
        assertBad(parse(list), Reasons.INVALID_VALUE);
        ObjectNode number = json(BASE);
        number.putObject("args").put("tier", 3);
        assertBad(parse(number), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsUnknownAccount() {
        assertBad(parse(json(BASE).put("account", "acc-9")), Reasons.UNKNOWN_ACCOUNT);
    }

    @Test
    void rejectsMalformedJsonBeforeTheSignature() {
        assertBad(parser.parse(kafka("control", "{\"id\":\"x\"} junk")), Reasons.MALFORMED_JSON);
    }

    @Test
    void rejectsTimestampTooFarAfterKafkaTimestamp() {
        assertBad(parse(json(BASE).put("ts", REF + SKEW + DAY)), Reasons.TIMESTAMP_IN_FUTURE);
        assertOk(parse(json(BASE).put("ts", REF + DAY)));
    }

    @Test
    void acceptsAnyAccountWhenAccountsAreNotConfigured() {
        ControlParser open = new ControlParser(new ParseContext(null, Set.of(), SECRET));
        assertOk(open.parse(kafka("control", signed(json(BASE).put("account", "acc-9")))));
    }
}
