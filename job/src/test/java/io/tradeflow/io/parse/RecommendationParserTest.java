package io.tradeflow.io.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Recommendation;
import io.tradeflow.io.Signatures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import static io.tradeflow.io.parse.Fixtures.line;
import static io.tradeflow.io.parse.Fixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;

class RecommendationParserTest {
    private static final String BASE = "{\"id\":\"rec-1\",\"account\":\"acc-1\","
            + "\"ticker\":\"AAPL\","
            + "\"action\":\"buy\",\"confidence\":0.85,\"signal_type\":\"breakout\","
            + "\"mode\":\"live_eligible\",\"generated_at\":\"2024-03-01T09:45:00-05:00\","
            + "\"price\":180.5,\"score\":7,\"max_score\":10,\"rel_vol\":2.5,\"sector\":\"Tech\"}";
    private static final long GENERATED = Instant.parse("2024-03-01T14:45:00Z").toEpochMilli();

    private final RecommendationParser parser = new RecommendationParser(CTX);

    private static ObjectNode base() {
        return json(BASE);
    }

    private Parsed<Recommendation> parse(ObjectNode unsigned) {
        return parser.parse(kafka("recommendations", signed(unsigned)));
    }

    @Test
    void parsesSignedRecommendation() {
        ObjectNode o = base();
        Recommendation r = assertOk(parse(o));
        assertThat(r).isEqualTo(new Recommendation("rec-1", "acc-1", "AAPL", "buy", 0.85,
                "breakout", "live_eligible", GENERATED, 180.5, 7.0, 10.0, 2.5, "Tech",
                Signatures.sign(SECRET, o)));
    }

    @Test
    void parsesMinimalRecommendationAndLeavesActionAndModeToTheEngine() {
        ObjectNode o = base();
        for (String optional : List.of("account", "price", "score", "max_score", "rel_vol",
                "sector")) {
            o.remove(optional);
        }
        o.put("action", "hold").put("mode", "whatever").put("generated_at", GENERATED);
        Recommendation r = assertOk(parse(o));
        assertThat(r.account()).isNull();
        assertThat(r.price()).isNull();
        assertThat(r.action()).isEqualTo("hold");
        assertThat(r.generatedAt()).isEqualTo(GENERATED);
    }

    @Test
    void rejectsTamperedField() {
        ObjectNode tampered = json(signed(base()));
        tampered.put("price", 1.0);
        DeadLetter d = assertBad(parser.parse(kafka("recommendations", tampered.toString())),
                Reasons.BAD_SIGNATURE);
        assertThat(d.detail()).contains("does not match");
    }

    @Test
    void rejectsMissingSignature() {
        DeadLetter d = assertBad(parser.parse(kafka("recommendations", BASE)),
                Reasons.BAD_SIGNATURE);
        assertThat(d.detail()).contains("signature");
        ObjectNode numeric = base().put("signature", 12);
        assertBad(parser.parse(kafka("recommendations", numeric.toString())),
                Reasons.BAD_SIGNATURE);
    }

    @Test
    void rejectsWrongSecret() {
        String other = Signatures.signed("other".getBytes(StandardCharsets.UTF_8), base())
                .toString();
        assertBad(parser.parse(kafka("recommendations", other)), Reasons.BAD_SIGNATURE);
    }

    @Test
    void rejectsEverySignedRecordWithoutSecretAndNeverShowsTheSecret() {
        for (byte[] none : new byte[][] {null, new byte[0]}) {
            ParseContext noSecret = new ParseContext(Set.of("acc-1"), null, none);
            DeadLetter d = assertBad(new RecommendationParser(noSecret)
                    .parse(kafka("recommendations", signed(base()))), Reasons.BAD_SIGNATURE);
            assertThat(d.detail()).contains("secret is not configured");
        }
        String secret = new String(SECRET, StandardCharsets.UTF_8);
        assertThat(CTX.toString()).doesNotContain(secret);
        DeadLetter d = assertBad(parser.parse(kafka("recommendations", BASE)),
                Reasons.BAD_SIGNATURE);
        assertThat(d.toString()).doesNotContain(secret);
    }

    @Test
    void checksSignatureBeforeEverythingButWellFormedness() {
        assertBad(parser.parse(kafka("recommendations", "{\"id\":1} x")), Reasons.MALFORMED_JSON);
        ObjectNode o = base().put("confidence", 7).put("ticker", "ZZZZ");
        o.remove("id");
        assertBad(parser.parse(kafka("recommendations", o.toString())), Reasons.BAD_SIGNATURE);
    }

    @Test
    void namesEachMissingField() {
        for (String field : RecommendationParser.REQUIRED_FIELDS) {
            ObjectNode o = base();
            o.remove(field);
            String payload = field.equals("signature") ? o.toString() : signed(o);
            DeadLetter d = assertBad(parser.parse(kafka("recommendations", payload)),
                    field.equals("signature") ? Reasons.BAD_SIGNATURE : Reasons.MISSING_FIELD);
            assertThat(d.detail()).contains("'" + field + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01})
    void rejectsConfidenceOutsideUnitInterval(double confidence) {
        assertBad(parse(base().put("confidence", confidence)), Reasons.INVALID_VALUE);
    }

    @Test
    void acceptsConfidenceBounds() {
        assertOk(parse(base().put("confidence", 0)));
        assertOk(new RecommendationParser(CTX).parse(
                kafka("recommendations", signed(base().put("confidence", 1.0)))));
    }

    @Test
    void rejectsWrongTypes() {
        assertBad(parse(base().put("price", "abc")), Reasons.INVALID_VALUE);
        assertBad(parse(base().put("confidence", "0.5")), Reasons.INVALID_VALUE);
        assertBad(parse(base().put("generated_at", "yesterday")), Reasons.INVALID_VALUE);
        assertBad(parse(base().put("id", "")), Reasons.INVALID_VALUE);
    }

    @Test
    void rejectsUnknownAccountAndTicker() {
        assertBad(parse(base().put("account", "acc-9")), Reasons.UNKNOWN_ACCOUNT);
        assertBad(parse(base().put("ticker", "MSFT")), Reasons.UNKNOWN_TICKER);
    }

    @Test
    void rejectsBadPrice() {
        assertBad(parse(base().put("price", 0)), Reasons.NON_POSITIVE_PRICE);
        assertBad(parse(base().put("price", -3.5)), Reasons.NON_POSITIVE_PRICE);
    }

    @Test
    void rejectsANumberWithoutCanonicalFormAsBadlySigned() {
        // 1e400 reads as infinity, which RFC 8785 cannot write: no signature can cover it
        String signed = signed(base().put("price", 1.5));
        String infinite = signed.replace("\"price\":1.5", "\"price\":1e400");
        assertThat(infinite).contains("1e400");
        assertBad(parser.parse(kafka("recommendations", infinite)), Reasons.BAD_SIGNATURE);
    }

    @Test
    void rejectsGeneratedAtTooFarAfterKafkaTimestamp() {
        String ok = signed(base().put("generated_at", REF + SKEW));
        String late = signed(base().put("generated_at", REF + SKEW + 1));
        assertOk(parser.parse(kafka("recommendations", REF, ok)));
        assertBad(parser.parse(kafka("recommendations", REF, late)),
                Reasons.TIMESTAMP_IN_FUTURE);
    }

    /** Returns the CSV row of a JSON recommendation, in the header's column order. */
    private static String csvRow(ObjectNode o) {
        List<String> cells = new ArrayList<>();
        for (String column : RecommendationParser.CSV_HEADER) {
            cells.add(o.has(column) ? o.get(column).asText() : "");
        }
        return String.join(",", cells);
    }

    @Test
    void parsesCsvRowSignedOverItsJsonForm() {
        RecommendationParser csv = new RecommendationParser(CTX, RecordFormat.CSV);
        assertThat(csv.parse(line("r.csv", 1, String.join(",", RecommendationParser.CSV_HEADER)))
                .isSkip()).isTrue();
        ObjectNode o = base().put("generated_at", GENERATED);
        o.remove("sector");
        ObjectNode signedJson = json(signed(o));
        Recommendation fromCsv = assertOk(csv.parse(line("r.csv", 2, csvRow(signedJson))));
        Recommendation fromJson = assertOk(parser.parse(
                kafka("recommendations", signedJson.toString())));
        assertThat(fromCsv).isEqualTo(fromJson);
        assertThat(fromCsv.sector()).isNull();
    }

    @Test
    void convertsCsvCellsToJsonTypes() {
        ObjectNode o = RecommendationParser.toJson(List.of("7", "", "AAPL", "buy", "0.5", "x",
                "paper_eligible", "2024-03-01T09:45:00-05:00", "100", "abc", "", "", "", "s"));
        assertThat(o.toString()).isEqualTo("{\"id\":\"7\",\"ticker\":\"AAPL\",\"action\":\"buy\","
                + "\"confidence\":0.5,\"signal_type\":\"x\",\"mode\":\"paper_eligible\","
                + "\"generated_at\":\"2024-03-01T09:45:00-05:00\",\"price\":100,\"score\":\"abc\","
                + "\"signature\":\"s\"}");
    }

    @Test
    void rejectsBadCsvRows() {
        RecommendationParser csv = new RecommendationParser(CTX, RecordFormat.CSV);
        assertBad(csv.parse(line("r.csv", 2, "a,b,c")), Reasons.MALFORMED_CSV);
        ObjectNode o = json(signed(base().put("generated_at", GENERATED)));
        o.put("price", 1);
        assertBad(csv.parse(line("r.csv", 3, csvRow(o))), Reasons.BAD_SIGNATURE);
        ObjectNode bad = json(signed(base().put("price", "abc")));
        assertBad(csv.parse(line("r.csv", 4, csvRow(bad))), Reasons.INVALID_VALUE);
    }
}
