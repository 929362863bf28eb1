package io.tradeflow.io.parse;

import io.tradeflow.event.VixQuote;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.DAY;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static io.tradeflow.io.parse.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

class VixParserTest {
    private final VixParser json = new VixParser(CTX);

    @Test
    void parsesJson() {
        assertThat(assertOk(json.parse(kafka("vix",
                "{\"ts\":\"2024-03-01T16:00:00-05:00\",\"value\":13.11}"))))
                .isEqualTo(new VixQuote(Instant.parse("2024-03-01T21:00:00Z").toEpochMilli(),
                        13.11));
        assertThat(assertOk(json.parse(kafka("vix", "{\"ts\":" + REF + ",\"value\":20}"))).ts())
                .isEqualTo(REF);
    }

    @Test
    void rejectsBadJson() {
        assertBad(json.parse(kafka("vix", "{\"ts\":1,\"value\":2} 3")), Reasons.MALFORMED_JSON);
        assertThat(assertBad(json.parse(kafka("vix", "{\"ts\":" + REF + "}")),
                Reasons.MISSING_FIELD).detail()).contains("'value'");
        assertThat(assertBad(json.parse(kafka("vix", "{\"value\":12}")),
                Reasons.MISSING_FIELD).detail()).contains("'ts'");
        assertBad(json.parse(kafka("vix", "{\"ts\":" + REF + ",\"value\":\"12\"}")),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka("vix", "{\"ts\":\"noon\",\"value\":12}")),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka("vix", "{\"ts\":" + REF + ",\"value\":0}")),
                Reasons.NON_POSITIVE_PRICE);
        assertBad(json.parse(kafka("vix", "{\"ts\":" + REF + ",\"value\":-1e999}")),
                Reasons.NON_FINITE_PRICE);
        assertBad(json.parse(kafka("vix", "{\"ts\":" + (REF + SKEW + DAY) + ",\"value\":12}")),
                Reasons.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void parsesCsvCloseAtFourPmNewYork() {
        VixParser csv = new VixParser(CTX, RecordFormat.CSV);
        assertThat(csv.parse(line("vix.csv", 1, "DATE,OPEN,HIGH,LOW,CLOSE")).isSkip()).isTrue();
        assertThat(assertOk(csv.parse(line("vix.csv", 2,
                "1990-01-02,17.240000,17.240000,17.240000,17.240000"))))
                .isEqualTo(new VixQuote(Instant.parse("1990-01-02T21:00:00Z").toEpochMilli(),
                        17.24));
        VixParser july = new VixParser(CTX, RecordFormat.CSV);
        assertThat(assertOk(july.parse(line("vix.csv", 2, "2024-07-01,1,1,1,12.5"))).ts())
                .isEqualTo(Instant.parse("2024-07-01T20:00:00Z").toEpochMilli());
        assertBad(csv.parse(line("vix.csv", 3, "1990-01-03,1,1,1")), Reasons.MALFORMED_CSV);
        assertBad(csv.parse(line("vix.csv", 4, "1990-01-03,1,1,1,")), Reasons.MISSING_FIELD);
        assertBad(csv.parse(line("vix.csv", 5, "1990-13-03,1,1,1,2")), Reasons.INVALID_VALUE);
        assertBad(csv.parse(line("vix.csv", 6, "1990-01-04,1,1,1,nan")),
                Reasons.NON_FINITE_PRICE);
    }

    @Test
    void parsesRealFileWithASkewAboveItsLongestClosure() throws Exception {
        Path file = Fixtures.sharedFile("vix-daily.csv");
        List<String> lines = Files.readAllLines(file);
        assertThat(outcomes(file, lines, Duration.ofDays(8)))
                .containsOnly(Map.entry("skip", 1), Map.entry("ok", lines.size() - 1));
        // with the default 4 days, the 2001-09-17 reopening and everything after it is rejected
        Map<String, Integer> strict = outcomes(file, lines, Duration.ofDays(4));
        assertThat(strict.get(Reasons.TIMESTAMP_IN_FUTURE)).isGreaterThan(5_000);
    }

    private static Map<String, Integer> outcomes(Path file, List<String> lines, Duration skew) {
        VixParser csv = new VixParser(new ParseContext(null, null, (byte[]) null, skew.toMillis()),
                RecordFormat.CSV);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Parsed<VixQuote> p = csv.parse(line(file.toString(), i + 1, lines.get(i)));
            outcomes.merge(p.isOk() ? "ok" : p.isSkip() ? "skip" : p.deadLetter().reason(), 1,
                    Integer::sum);
        }
        return outcomes;
    }
}
