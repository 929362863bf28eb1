package io.tradeflow.io.parse;

import io.tradeflow.event.Bar;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.RawRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.DAY;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static io.tradeflow.io.parse.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarParserTest {
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final String GOOD = "{\"ticker\":\"SPY\",\"ts\":\"2024-03-01T09:31:00-05:00\","
            + "\"open\":100.5,\"high\":101,\"low\":100,\"close\":100.75,\"volume\":1200}";
    private static final long GOOD_TS = Instant.parse("2024-03-01T14:31:00Z").toEpochMilli();

    private final BarParser json = new BarParser(CTX, BarParser.Format.JSON);

    private Parsed<Bar> parseJson(String payload) {
        return json.parse(kafka("bars", payload));
    }

    private static String replace(String field, String value) {
        return GOOD.replaceFirst("\"" + field + "\":[^,}]+", "\"" + field + "\":" + value);
    }

    @Test
    void parsesJsonWithIsoOffset() {
        assertThat(assertOk(parseJson(GOOD)))
                .isEqualTo(new Bar("SPY", GOOD_TS, 100.5, 101, 100, 100.75, 1200));
    }

    @Test
    void parsesJsonWithEpochMillisAndInterval() {
        String payload = replace("ts", Long.toString(GOOD_TS))
                .replace("}", ",\"interval\":\"1m\"}");
        assertThat(assertOk(parseJson(payload)).ts()).isEqualTo(GOOD_TS);
    }

    @Test
    void parsesJsonWithZulu() {
        assertThat(assertOk(parseJson(replace("ts", "\"2024-03-01T14:31:00Z\""))).ts())
                .isEqualTo(GOOD_TS);
    }

    @Test
    void acceptsWholeFloatVolume() {
        assertThat(assertOk(parseJson(replace("volume", "1200.0"))).volume()).isEqualTo(1200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ticker\":", "{\"ticker\":\"SPY\"} junk", "[1,2]", "null", "42",
            "{\"ticker\":\"SPY\",\"ticker\":\"AAPL\"}", "not json", "{'a':1}"})
    void rejectsMalformedJson(String payload) {
        assertBad(parseJson(payload), Reasons.MALFORMED_JSON);
    }

    @Test
    void rejectsEmptyKafkaPayloadButSkipsBlankFileLine() {
        assertBad(parseJson(""), Reasons.MALFORMED_JSON);
        assertBad(json.parse(new RawRecord("bars", "0/1", REF, null)), Reasons.MALFORMED_JSON);
        assertThat(json.parse(line("bars.jsonl", 3, "  ")).isSkip()).isTrue();
    }

    @Test
    void namesEachMissingField() {
        for (String field : BarParser.REQUIRED_FIELDS) {
            String payload = GOOD.replaceFirst("\"" + field + "\":[^,}]+,?", "")
                    .replace(",}", "}");
            DeadLetter d = assertBad(parseJson(payload), Reasons.MISSING_FIELD);
            assertThat(d.detail()).contains("'" + field + "'");
        }
        assertBad(parseJson(replace("close", "null")), Reasons.MISSING_FIELD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "open|\"abc\"", "volume|\"12\"", "volume|1.5", "ts|\"2024-03-01 09:31\"",
        "ts|\"2024-03-01T09:31:00\"", "ts|1.5", "ts|true", "ticker|7"})
    void rejectsWrongTypesAndBadTimestampText(String field, String value) {
        DeadLetter d = assertBad(parseJson(replace(field, value)), Reasons.INVALID_VALUE);
        assertThat(d.detail()).contains(field);
    }

    @Test
    void rejectsNonFinitePrice() {
        assertBad(parseJson(replace("high", "1e400")), Reasons.NON_FINITE_PRICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void rejectsNonPositivePrice(String low) {
        assertBad(parseJson(replace("low", low)), Reasons.NON_POSITIVE_PRICE);
    }

    @ParameterizedTest
    @CsvSource({"high,99", "open,101.5", "open,99.5", "close,101.5", "close,99.9"})
    void rejectsPricesOutsideLowHigh(String field, String value) {
        assertBad(parseJson(replace(field, value)), Reasons.HIGH_BELOW_LOW);
    }

    @Test
    void rejectsNegativeVolume() {
        assertBad(parseJson(replace("volume", "-1")), Reasons.NEGATIVE_VOLUME);
    }

    @Test
    void rejectsUnknownOrEmptyTicker() {
        assertBad(parseJson(replace("ticker", "\"MSFT\"")), Reasons.UNKNOWN_TICKER);
        assertBad(parseJson(replace("ticker", "\"\"")), Reasons.UNKNOWN_TICKER);
        BarParser any = new BarParser(Fixtures.ANY, BarParser.Format.JSON);
        assertOk(any.parse(kafka("bars", replace("ticker", "\"MSFT\""))));
    }

    @Test
    void rejectsTimestampTooFarAfterKafkaTimestamp() {
        String at = replace("ts", Long.toString(REF + SKEW));
        assertOk(json.parse(kafka("bars", REF, at)));
        String beyond = replace("ts", Long.toString(REF + SKEW + 1));
        assertBad(json.parse(kafka("bars", REF, beyond)), Reasons.TIMESTAMP_IN_FUTURE);
        assertOk(json.parse(kafka("bars", Long.MAX_VALUE, beyond)));
    }

    @Test
    void rejectsFileTimestampTooFarAfterHighestAcceptedOfItsSource() {
        BarParser csv = new BarParser(CTX, BarParser.Format.CSV);
        long t0 = GOOD_TS;
        String row = "SPY,%d,100,101,99,100,10";
        // the first record of a source sets the reference, whatever its time
        assertOk(csv.parse(line("a.csv", 2, row.formatted(t0))));
        assertOk(csv.parse(line("a.csv", 3, row.formatted(t0 + SKEW))));
        // the maximum moved to t0 + SKEW
        assertOk(csv.parse(line("a.csv", 4, row.formatted(t0 + 2 * SKEW))));
        assertBad(csv.parse(line("a.csv", 5, row.formatted(t0 + 3 * SKEW + 1))),
                Reasons.TIMESTAMP_IN_FUTURE);
        // rejected records do not move the maximum; earlier ones are fine
        assertBad(csv.parse(line("a.csv", 6, row.formatted(t0 + 3 * SKEW + 1))),
                Reasons.TIMESTAMP_IN_FUTURE);
        assertOk(csv.parse(line("a.csv", 7, row.formatted(t0))));
        // another source has its own maximum
        assertOk(csv.parse(line("b.csv", 2, row.formatted(t0 + 365 * DAY))));
        // a record rejected for another reason does not move the maximum either
        assertBad(csv.parse(line("c.csv", 2, "SPY,%d,100,101,99,100,-1".formatted(t0))),
                Reasons.NEGATIVE_VOLUME);
        assertOk(csv.parse(line("c.csv", 3, row.formatted(t0 + 100 * DAY))));
    }

    @Test
    void parsesCsvAndSkipsHeaderAndBlankLines() {
        BarParser csv = new BarParser(CTX, BarParser.Format.CSV);
        assertThat(csv.parse(line("b.csv", 1, "\uFEFFticker,ts,open,high,low,close,volume"))
                .isSkip()).isTrue();
        assertThat(csv.parse(line("b.csv", 2, "")).isSkip()).isTrue();
        assertThat(assertOk(csv.parse(line("b.csv", 3,
                "SPY,2024-03-01T09:31:00-05:00,100.5,101,100,100.75,1200\r"))))
                .isEqualTo(new Bar("SPY", GOOD_TS, 100.5, 101, 100, 100.75, 1200));
        assertThat(assertOk(csv.parse(line("b.csv", 4,
                "\"SPY\"," + GOOD_TS + ",100.5,101,100,100.75,1200"))).ts()).isEqualTo(GOOD_TS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SPY,2024-03-01T09:31:00-05:00,100,101,99,100",
            "SPY,2024-03-01T09:31:00-05:00,100,101,99,100,10,extra", "\"SPY,1,2,3,4,5,6",
            "ticker,ts,open,high,low,close"})
    void rejectsMalformedCsv(String row) {
        BarParser csv = new BarParser(CTX, BarParser.Format.CSV);
        assertBad(csv.parse(line("b.csv", 2, row)), Reasons.MALFORMED_CSV);
    }

    @Test
    void checksCsvCells() {
        BarParser csv = new BarParser(CTX, BarParser.Format.CSV);
        String ts = "2024-03-01T09:31:00-05:00";
        assertBad(csv.parse(line("b.csv", 2, "SPY," + ts + ",,101,99,100,10")),
                Reasons.MISSING_FIELD);
        assertBad(csv.parse(line("b.csv", 3, "SPY," + ts + ",NaN,101,99,100,10")),
                Reasons.NON_FINITE_PRICE);
        assertBad(csv.parse(line("b.csv", 4, "SPY," + ts + ",100,Infinity,99,100,10")),
                Reasons.NON_FINITE_PRICE);
        assertBad(csv.parse(line("b.csv", 5, "SPY," + ts + ",0x1p3,101,99,100,10")),
                Reasons.INVALID_VALUE);
        assertBad(csv.parse(line("b.csv", 6, "SPY," + ts + ",100,101,99,100,1.5")),
                Reasons.INVALID_VALUE);
        assertBad(csv.parse(line("b.csv", 7, "SPY,yesterday,100,101,99,100,10")),
                Reasons.INVALID_VALUE);
        assertBad(csv.parse(line("b.csv", 8, "SPY," + ts + ",100,101,99,100,-3")),
                Reasons.NEGATIVE_VOLUME);
    }

    @Test
    void parsesNinjaTraderBarEndTimeInUtc() {
        BarParser nt = new BarParser(CTX, BarParser.Format.NINJATRADER, "SPY");
        Bar bar = assertOk(nt.parse(line("spy.csv", 1, "20110103 090100;126.35;126.39;126.35;"
                + "126.39;1579")));
        assertThat(bar).isEqualTo(new Bar("SPY",
                Instant.parse("2011-01-03T09:01:00Z").toEpochMilli(), 126.35, 126.39, 126.35,
                126.39, 1579));
        assertBad(nt.parse(line("spy.csv", 2, "20110132 090100;1;1;1;1;1")),
                Reasons.INVALID_VALUE);
        assertBad(nt.parse(line("spy.csv", 3, "20110103 090100,1,1,1,1,1")),
                Reasons.MALFORMED_CSV);
    }

    @Test
    void mapsNinjaTraderTimesToTheRightNewYorkWallTimeAcrossDst() {
        BarParser nt = new BarParser(CTX, BarParser.Format.NINJATRADER, "SPY");
        // January: EST, UTC-5
        Bar winter = assertOk(nt.parse(line("spy.csv", 1, "20110103 143100;1;1;1;1;1")));
        assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(winter.ts()), NY))
                .isEqualTo(LocalDateTime.parse("2011-01-03T09:31"));
        // July: EDT, UTC-4 (a fresh instance: a new file, a new maximum)
        BarParser july = new BarParser(CTX, BarParser.Format.NINJATRADER, "SPY");
        Bar summer = assertOk(july.parse(line("spy.csv", 1, "20110705 133100;1;1;1;1;1")));
        assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(summer.ts()), NY))
                .isEqualTo(LocalDateTime.parse("2011-07-05T09:31"));
    }

    @Test
    void needsATickerForNinjaTrader() {
        assertThatThrownBy(() -> new BarParser(CTX, BarParser.Format.NINJATRADER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesDailyBarsAtFourPmNewYork() {
        BarParser daily = new BarParser(CTX, BarParser.Format.DAILY);
        assertThat(daily.parse(line("d.csv", 1, "date,open,high,low,close,volume,Name")).isSkip())
                .isTrue();
        Bar winter = assertOk(daily.parse(line("d.csv", 2,
                "2013-02-08,15.07,15.12,14.63,14.75,8407500,AAL")));
        assertThat(winter).isEqualTo(new Bar("AAL",
                Instant.parse("2013-02-08T21:00:00Z").toEpochMilli(), 15.07, 15.12, 14.63, 14.75,
                8407500));
        Bar summer = assertOk(daily.parse(line("d.csv", 3,
                "2013-02-11,14.89,15.01,14.26,14.46,8882000,AAL")));
        assertThat(summer.ts()).isEqualTo(Instant.parse("2013-02-11T21:00:00Z").toEpochMilli());
        BarParser july = new BarParser(CTX, BarParser.Format.DAILY);
        assertThat(assertOk(july.parse(line("d.csv", 2, "2013-07-08,1,1,1,1,1,AAL"))).ts())
                .isEqualTo(Instant.parse("2013-07-08T20:00:00Z").toEpochMilli());
    }

    @Test
    void rejectsDailyRowsWithEmptyFieldsAsMissing() {
        BarParser daily = new BarParser(CTX, BarParser.Format.DAILY);
        DeadLetter d = assertBad(daily.parse(line("d.csv", 2, "2017-07-26,,,,69.0842,3,AAL")),
                Reasons.MISSING_FIELD);
        assertThat(d.detail()).contains("'open'");
        assertBad(daily.parse(line("d.csv", 3, "2015-07-17,1,1,1,1,1,")), Reasons.MISSING_FIELD);
    }

    @Test
    void parsesRealNinjaTraderFile() throws Exception {
        Path file = Fixtures.sharedFile("spy-minute-2011-01.csv");
        BarParser nt = new BarParser(CTX, BarParser.Format.NINJATRADER, "SPY");
        List<String> lines = Files.readAllLines(file);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Parsed<Bar> p = nt.parse(line(file.toString(), i + 1, lines.get(i)));
            outcomes.merge(p.isOk() ? "ok" : String.valueOf(p.deadLetter()), 1, Integer::sum);
        }
        assertThat(outcomes).containsExactly(Map.entry("ok", 14_180));
    }

    @Test
    void parsesRealDailyFileWithItsKnownBadRows() throws Exception {
        Path file = Fixtures.sharedFile("sp500-daily-2013-2018.csv.gz");
        BarParser daily = new BarParser(Fixtures.ANY, BarParser.Format.DAILY);
        Map<String, Integer> outcomes = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String text;
            long n = 0;
            while ((text = in.readLine()) != null) {
                Parsed<Bar> p = daily.parse(line(file.toString(), ++n, text));
                outcomes.merge(p.isOk() ? "ok" : p.isSkip() ? "skip" : p.deadLetter().reason(),
                        1, Integer::sum);
            }
        }
        assertThat(outcomes).containsOnly(Map.entry("ok", 619_040 - 11 - 12),
                Map.entry("skip", 1), Map.entry(Reasons.MISSING_FIELD, 11),
                Map.entry(Reasons.HIGH_BELOW_LOW, 12));
    }
}
