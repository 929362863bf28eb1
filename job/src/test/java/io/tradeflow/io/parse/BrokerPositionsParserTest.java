package io.tradeflow.io.parse;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.json;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.BrokerPositions;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.TrustDomain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** R-REC-2: the broker's position snapshots, and each way one becomes a dead letter. */
class BrokerPositionsParserTest {
    private static final String BASE = "{\"id\":\"snap-1\",\"account\":\"acc-2\","
            + "\"ts\":\"2024-03-01T09:31:02-05:00\",\"cash\":95199.25,\"positions\":["
            + "{\"ticker\":\"SPY\",\"quantity\":48,\"average_price\":100.0},"
            + "{\"ticker\":\"AAPL\",\"quantity\":-5,\"average_price\":180.5},"
            + "{\"ticker\":\"AAL\",\"quantity\":0,\"average_price\":15.0}]}";
    private static final long TS = Instant.parse("2024-03-01T14:31:02Z").toEpochMilli();

    private final BrokerPositionsParser parser = new BrokerPositionsParser(CTX);

    private Parsed<BrokerPositions> parse(ObjectNode o) {
        return parser.parse(kafka("broker-positions", o.toString()));
    }

    private static ObjectNode position(ObjectNode snapshot, int i) {
        return (ObjectNode) snapshot.get("positions").get(i);
    }

    @Test
    @DisplayName("R-REC-2: a snapshot holds the cash exactly and the positions by ticker, flat "
            + "ones left out")
    void parsesSnapshot() {
        BrokerPositions s = assertOk(parse(json(BASE)));
        assertThat(s).isEqualTo(new BrokerPositions("snap-1", "acc-2", TS,
                new BigDecimal("95199.25"), List.of(
                        new BrokerPositions.Holding("AAPL", -5, 180.5),
                        new BrokerPositions.Holding("SPY", 48, 100.0))));
    }

    @Test
    @DisplayName("R-REC-2: a ticker outside every universe is kept (a difference, not malformed)")
    void keepsAnUnknownTicker() {
        ObjectNode o = json(BASE);
        position(o, 0).put("ticker", "TSLA");
        assertThat(assertOk(parse(o)).positions()).extracting(BrokerPositions.Holding::ticker)
                .containsExactly("AAPL", "TSLA");
    }

    @Test
    void namesEachMissingField() {
        for (String field : BrokerPositionsParser.REQUIRED_FIELDS) {
            ObjectNode o = json(BASE);
            o.remove(field);
            DeadLetter d = assertBad(parse(o), Reasons.MISSING_FIELD);
            assertThat(d.detail()).contains("'" + field + "'");
        }
        for (String field : BrokerPositionsParser.POSITION_FIELDS) {
            ObjectNode o = json(BASE);
            position(o, 1).remove(field);
            assertThat(assertBad(parse(o), Reasons.MISSING_FIELD).detail())
                    .contains("'positions[1]." + field + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "\"10\"", "true"})
    void rejectsAQuantityThatIsNotWhole(String quantity) {
        assertBad(parser.parse(kafka("broker-positions", BASE.replace("\"quantity\":48",
                "\"quantity\":" + quantity))), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsBadValues() {
        assertBad(parse(json(BASE).put("cash", "lots")), Reasons.INVALID_VALUE);
        assertBad(parser.parse(kafka("broker-positions", BASE.replace("95199.25", "1e400"))),
                Reasons.INVALID_VALUE);
        assertBad(parse(json(BASE).put("positions", "SPY")), Reasons.INVALID_VALUE);
        ObjectNode notObject = json(BASE);
        ((ArrayNode) notObject.get("positions")).add(7);
        assertBad(parse(notObject), Reasons.INVALID_VALUE);
        ObjectNode repeated = json(BASE);
        position(repeated, 1).put("ticker", "SPY");
        assertThat(assertBad(parse(repeated), Reasons.INVALID_VALUE).detail())
                .contains("repeats SPY");
        assertBad(parse(json(BASE).put("ts", "2024-03-01")), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsBadAveragePrice() {
        ObjectNode zero = json(BASE);
        position(zero, 0).put("average_price", 0);
        assertBad(parse(zero), Reasons.NON_POSITIVE_PRICE);
        assertBad(parser.parse(kafka("broker-positions", BASE.replace("100.0", "1e400"))),
                Reasons.NON_FINITE_PRICE);
    }

    @Test
    void rejectsUnknownAccountMalformedJsonAndFutureTimestamps() {
        assertBad(parse(json(BASE).put("account", "acc-3")), Reasons.UNKNOWN_ACCOUNT);
        assertBad(parser.parse(kafka("broker-positions", BASE + " junk")),
                Reasons.MALFORMED_JSON);
        assertBad(parse(json(BASE).put("ts", REF + SKEW + 1)), Reasons.TIMESTAMP_IN_FUTURE);
    }

    @Test
    @DisplayName("R-REC-2: with broker keys a snapshot must be signed by one of them")
    void verifiesTheBrokerSignature() {
        Keyring broker = Keyring.of("gw-1", "broker-key-0123456789abcdef0123456789", "test");
        BrokerPositionsParser verified = new BrokerPositionsParser(new ParseContext(
                java.util.Set.of("acc-2"), null, Map.of(TrustDomain.BROKER, broker), SKEW));
        assertBad(verified.parse(kafka("broker-positions", Long.MIN_VALUE, BASE)),
                Reasons.BAD_SIGNATURE);
        assertOk(verified.parse(kafka("broker-positions", Long.MIN_VALUE,
                broker.sign(json(BASE)).toString())));
        ObjectNode tampered = broker.sign(json(BASE));
        tampered.put("cash", 1_000_000);
        assertBad(verified.parse(kafka("broker-positions", Long.MIN_VALUE, tampered.toString())),
                Reasons.BAD_SIGNATURE);
    }
}
