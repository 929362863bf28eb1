package io.tradeflow.io.parse;

import io.tradeflow.event.CalendarEvent;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.DAY;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static io.tradeflow.io.parse.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

class CalendarParserTest {
    private final CalendarParser json = new CalendarParser(CTX);

    @Test
    void parsesJsonWithDefaultTsAtMidnightNewYork() {
        assertThat(assertOk(json.parse(kafka("calendar",
                "{\"date\":\"2024-07-31\",\"kind\":\"fomc\",\"severity\":\"high\"}"))))
                .isEqualTo(new CalendarEvent("2024-07-31", "fomc", null, "high",
                        Instant.parse("2024-07-31T04:00:00Z").toEpochMilli()));
        assertThat(assertOk(json.parse(kafka("calendar",
                "{\"date\":\"2024-01-31\",\"kind\":\"earnings\",\"ticker\":\"AAPL\"}"))).ts())
                .isEqualTo(Instant.parse("2024-01-31T05:00:00Z").toEpochMilli());
    }

    @Test
    void acceptsADefaultTsFarAheadButNotAnExplicitOne() {
        // a schedule announces its dates weeks ahead: only an explicit ts is checked
        assertOk(json.parse(kafka("calendar", "{\"date\":\"2026-12-09\",\"kind\":\"fomc\"}")));
        assertBad(json.parse(kafka("calendar", "{\"date\":\"2026-12-09\",\"kind\":\"fomc\","
                + "\"ts\":" + (REF + SKEW + DAY) + "}")), Reasons.TIMESTAMP_IN_FUTURE);
        assertThat(assertOk(json.parse(kafka("calendar", "{\"date\":\"2026-12-09\","
                + "\"kind\":\"fomc\",\"ts\":\"2024-03-01T08:00:00-05:00\"}"))).ts())
                .isEqualTo(Instant.parse("2024-03-01T13:00:00Z").toEpochMilli());
    }

    @Test
    void rejectsBadJson() {
        assertBad(json.parse(kafka("calendar", "{\"date\":\"2024-07-31\",\"kind\":\"fomc\"}]")),
                Reasons.MALFORMED_JSON);
        assertThat(assertBad(json.parse(kafka("calendar", "{\"date\":\"2024-07-31\"}")),
                Reasons.MISSING_FIELD).detail()).contains("'kind'");
        assertThat(assertBad(json.parse(kafka("calendar", "{\"kind\":\"cpi\"}")),
                Reasons.MISSING_FIELD).detail()).contains("'date'");
        assertBad(json.parse(kafka("calendar", "{\"date\":\"2024-07-31\",\"kind\":\"party\"}")),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka("calendar", "{\"date\":\"2024-02-30\",\"kind\":\"cpi\"}")),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka("calendar", "{\"date\":\"2024-07-31\",\"kind\":\"cpi\","
                + "\"ts\":\"soon\"}")), Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka("calendar", "{\"date\":20240731,\"kind\":\"cpi\"}")),
                Reasons.INVALID_VALUE);
    }

    @Test
    void detectsFomcAndCpiFilesByHeader() {
        CalendarParser csv = new CalendarParser(CTX, RecordFormat.CSV);
        assertThat(csv.parse(line("fomc.csv", 1,
                "meeting_start,decision_date,statement_time_et,has_sep,notes,source")).isSkip())
                .isTrue();
        assertThat(csv.parse(line("cpi.csv", 1,
                "reference_month,release_date,release_time_et,verified_in_session,notes"))
                .isSkip()).isTrue();
        assertThat(assertOk(csv.parse(line("fomc.csv", 2,
                "2024-03-19,2024-03-20,14:00,yes,,same"))))
                .isEqualTo(new CalendarEvent("2024-03-20", "fomc", null, null,
                        Instant.parse("2024-03-20T04:00:00Z").toEpochMilli()));
        assertThat(assertOk(csv.parse(line("cpi.csv", 2,
                "2024-01,2024-02-13,08:30,no,recalled from BLS schedule"))))
                .isEqualTo(new CalendarEvent("2024-02-13", "cpi", null, null,
                        Instant.parse("2024-02-13T05:00:00Z").toEpochMilli()));
        assertBad(csv.parse(line("other.csv", 2, "2024-01,2024-02-13")), Reasons.MALFORMED_CSV);
        assertBad(csv.parse(line("cpi.csv", 3, "2024-02")), Reasons.MALFORMED_CSV);
        assertBad(csv.parse(line("cpi.csv", 4, "2024-02,,08:30")), Reasons.MISSING_FIELD);
        assertBad(csv.parse(line("cpi.csv", 5, "2024-02,2024-31-01,08:30")),
                Reasons.INVALID_VALUE);
    }

    @Test
    void readsEarningsCsvByHeaderOneTickerARow() {
        CalendarParser csv = new CalendarParser(CTX, RecordFormat.CSV);
        assertThat(csv.parse(line("earnings.csv", 1, "ticker,date,when")).isSkip()).isTrue();
        assertThat(assertOk(csv.parse(line("earnings.csv", 2, "AAPL,2024-05-02,amc"))))
                .isEqualTo(new CalendarEvent("2024-05-02", "earnings", "AAPL", null,
                        Instant.parse("2024-05-02T04:00:00Z").toEpochMilli()));
        assertBad(csv.parse(line("earnings.csv", 3, ",2024-05-02")), Reasons.MISSING_FIELD);
        assertThat(csv.parse(line("e2.csv", 1, "ticker,earnings_date")).isSkip()).isTrue();
        assertThat(assertOk(csv.parse(line("e2.csv", 2, "MSFT,2024-04-25"))).ticker())
                .isEqualTo("MSFT");
    }

    @Test
    void parsesRealScheduleFiles() throws Exception {
        for (String name : List.of("fomc-2024-2026.csv", "cpi-releases-2024-2026.csv")) {
            Path file = Fixtures.sharedFile(name);
            CalendarParser csv = new CalendarParser(CTX, RecordFormat.CSV);
            List<String> lines = Files.readAllLines(file);
            assertThat(csv.parse(line(file.toString(), 1, lines.get(0))).isSkip()).isTrue();
            for (int i = 1; i < lines.size(); i++) {
                Parsed<CalendarEvent> p = csv.parse(line(file.toString(), i + 1, lines.get(i)));
                if (lines.get(i).contains("CANCELLED")) {
                    // the October 2025 CPI release never happened: its date cell is empty
                    assertBad(p, Reasons.MISSING_FIELD);
                    continue;
                }
                assertThat(assertOk(p).kind()).isEqualTo(name.startsWith("fomc") ? "fomc" : "cpi");
            }
        }
    }
}
