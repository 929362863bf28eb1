package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Fill;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.DAY;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.json;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static org.assertj.core.api.Assertions.assertThat;

class FillParserTest {
    private static final String BASE = "{\"client_order_id\":\"co-1\",\"execution_id\":\"ex-1\","
            + "\"account\":\"acc-2\","
            + "\"ticker\":\"SPY\",\"side\":\"buy\",\"quantity\":10,\"price\":512.25,"
            + "\"commission\":1.0,\"ts\":\"2024-03-01T09:31:02-05:00\"}";
    private static final long TS = Instant.parse("2024-03-01T14:31:02Z").toEpochMilli();

    private final FillParser parser = new FillParser(CTX);

    private Parsed<Fill> parse(ObjectNode o) {
        return parser.parse(kafka("fills", o.toString()));
    }

    @Test
    void parsesFill() {
        assertThat(assertOk(parse(json(BASE))))
                .isEqualTo(Fill.of("co-1", "ex-1", "acc-2", "SPY", "buy", 10, 512.25, 1.0, TS));
    }

    @Test
    @DisplayName("R-FILL-1: a fill carries the broker's execution id, as given")
    void readsTheExecutionId() {
        Fill f = assertOk(parse(json(BASE).put("execution_id", " 17:a/b ")));
        assertThat(f.executionId()).isEqualTo(" 17:a/b ");
        assertThat(f.lateMs()).isZero();
    }

    @Test
    @DisplayName("R-FILL-1: a fill without an execution id is a dead letter, never applied")
    void rejectsAMissingOrBlankExecutionId() {
        ObjectNode missing = json(BASE);
        missing.remove("execution_id");
        assertThat(assertBad(parse(missing), Reasons.MISSING_FIELD).detail())
                .contains("'execution_id'");
        assertThat(assertBad(parse(json(BASE).put("execution_id", "  ")), Reasons.INVALID_VALUE)
                .detail()).contains("'execution_id'");
        assertThat(assertBad(parse(json(BASE).putNull("execution_id")), Reasons.MISSING_FIELD)
                .detail()).contains("'execution_id'");
        assertBad(parse(json(BASE).put("execution_id", 17)), Reasons.INVALID_VALUE);
    }

    @Test
    void defaultsCommissionToZero() {
        ObjectNode o = json(BASE);
        o.remove("commission");
        assertThat(assertOk(parse(o.put("ts", TS))).commission()).isZero();
    }

    @Test
    void namesEachMissingField() {
        for (String field : FillParser.REQUIRED_FIELDS) {
            ObjectNode o = json(BASE);
            o.remove(field);
            DeadLetter d = assertBad(parse(o), Reasons.MISSING_FIELD);
            assertThat(d.detail()).contains("'" + field + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "\"10\""})
    void rejectsQuantityThatIsNotAPositiveWholeNumber(String quantity) {
        assertBad(parser.parse(kafka("fills", BASE.replace("\"quantity\":10",
                "\"quantity\":" + quantity))), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsBadValues() {
        assertBad(parse(json(BASE).put("side", "short")), Reasons.INVALID_VALUE);
        assertBad(parse(json(BASE).put("commission", -1)), Reasons.INVALID_VALUE);
        assertBad(parse(json(BASE).put("price", "abc")), Reasons.INVALID_VALUE);
        assertBad(parse(json(BASE).put("ts", "2024-03-01")), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsBadPrice() {
        assertBad(parse(json(BASE).put("price", 0)), Reasons.NON_POSITIVE_PRICE);
        assertBad(parser.parse(kafka("fills", BASE.replace("512.25", "1e400"))),
                Reasons.NON_FINITE_PRICE);
    }

    @Test
    void rejectsUnknownAccountAndTicker() {
        assertBad(parse(json(BASE).put("account", "acc-3")), Reasons.UNKNOWN_ACCOUNT);
        assertBad(parse(json(BASE).put("ticker", "TSLA")), Reasons.UNKNOWN_TICKER);
    }

    @Test
    void rejectsMalformedJson() {
        assertBad(parser.parse(kafka("fills", BASE + " junk")), Reasons.MALFORMED_JSON);
    }

    @Test
    void rejectsTimestampTooFarAfterKafkaTimestamp() {
        assertBad(parse(json(BASE).put("ts", REF + SKEW + 1)), Reasons.TIMESTAMP_IN_FUTURE);
    }
}
