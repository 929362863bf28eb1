package io.tradeflow.io.parse;

import io.tradeflow.event.OptionQuote;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.tradeflow.io.parse.Fixtures.CTX;
import static io.tradeflow.io.parse.Fixtures.DAY;
import static io.tradeflow.io.parse.Fixtures.REF;
import static io.tradeflow.io.parse.Fixtures.SKEW;
import static io.tradeflow.io.parse.Fixtures.assertBad;
import static io.tradeflow.io.parse.Fixtures.assertOk;
import static io.tradeflow.io.parse.Fixtures.kafka;
import static io.tradeflow.io.parse.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Option quotes input (issue 15, item 2; series as R-OPT-1 names them). */
class OptionQuoteParserTest {
    private static final String TOPIC = "option-quotes";
    private final OptionQuoteParser json = new OptionQuoteParser(CTX);

    /** A quote of the 2024-03-01 SPY 510 call at REF (10:00 New York) with the fields given. */
    private static String quote(String bid, String ask, String extra) {
        return "{\"underlying\":\"SPY\",\"expiry\":\"2024-03-01\",\"strike\":510,\"right\":\"call\","
                + "\"bid\":" + bid + ",\"ask\":" + ask + extra + ",\"ts\":" + REF + "}";
    }

    @Test
    void parsesJson() {
        OptionQuote q = assertOk(json.parse(kafka(TOPIC, quote("1.50", "1.55",
                ",\"last\":1.52,\"iv\":0.14"))));
        assertThat(q).isEqualTo(new OptionQuote("SPY", "2024-03-01", 510_000, "CALL", 1.50, 1.55,
                1.52, 0.14, REF));
        assertThat(q.mid()).isEqualTo(1.525);
        OptionQuote put = assertOk(json.parse(kafka(TOPIC, "{\"underlying\":\"SPY\","
                + "\"expiry\":\"2024-03-08\",\"strike\":507.5,\"right\":\"P\",\"bid\":0,"
                + "\"ask\":0.05,\"last\":null,\"ts\":\"2024-03-01T10:00:00-05:00\"}")));
        assertThat(put).isEqualTo(new OptionQuote("SPY", "2024-03-08", 507_500, "PUT", 0, 0.05,
                null, null, REF));
    }

    @Test
    void parsesCsvWithOptionalLastAndIv() {
        OptionQuoteParser csv = new OptionQuoteParser(CTX, RecordFormat.CSV);
        assertThat(csv.parse(line("q.csv", 1, "underlying,expiry,strike,right,bid,ask,last,iv,ts"))
                .isSkip()).isTrue();
        assertThat(assertOk(csv.parse(line("q.csv", 2,
                "SPY,2024-03-01,510,put,2.10,2.14,,,2024-03-01T14:59:00-05:00"))))
                .isEqualTo(new OptionQuote("SPY", "2024-03-01", 510_000, "PUT", 2.10, 2.14, null,
                        null, Instant.parse("2024-03-01T19:59:00Z").toEpochMilli()));
        assertBad(csv.parse(line("q.csv", 3, "SPY,2024-03-01,510,put,2.10,2.14,,")),
                Reasons.MALFORMED_CSV);
        assertBad(csv.parse(line("q.csv", 4, "SPY,2024-03-01,,put,2.10,2.14,,," + REF)),
                Reasons.MISSING_FIELD);
    }

    @Test
    void rejectsACrossedQuote() {
        assertThat(assertBad(json.parse(kafka(TOPIC, quote("1.60", "1.55", ""))),
                Reasons.CROSSED_QUOTE).detail()).contains("bid 1.6 > ask 1.55");
        // a locked market (bid = ask) is a quote
        assertOk(json.parse(kafka(TOPIC, quote("1.55", "1.55", ""))));
    }

    @Test
    void rejectsNegativeQuotes() {
        assertBad(json.parse(kafka(TOPIC, quote("-0.05", "1.55", ""))), Reasons.NEGATIVE_PRICE);
        assertBad(json.parse(kafka(TOPIC, quote("-0.10", "-0.05", ""))), Reasons.NEGATIVE_PRICE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", ",\"last\":-1"))),
                Reasons.NEGATIVE_PRICE);
        assertBad(json.parse(kafka(TOPIC, quote("0", "0", ""))), Reasons.NON_POSITIVE_PRICE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1e999", ""))),
                Reasons.NON_FINITE_PRICE);
    }

    @Test
    void rejectsAnExpiredContract() {
        String afterClose = "{\"underlying\":\"SPY\",\"expiry\":\"2024-02-29\",\"strike\":510,"
                + "\"right\":\"call\",\"bid\":0,\"ask\":0.01,\"ts\":" + REF + "}";
        assertThat(assertBad(json.parse(kafka(TOPIC, afterClose)), Reasons.EXPIRED_CONTRACT)
                .detail()).contains("2024-02-29");
        // the close of the expiry day itself is still a quote of the series
        long close = Instant.parse("2024-03-01T21:00:00Z").toEpochMilli();
        assertOk(json.parse(kafka(TOPIC, quote("0", "0.01", "").replace("" + REF, "" + close))));
        assertBad(json.parse(kafka(TOPIC, quote("0", "0.01", "")
                .replace("" + REF, "" + (close + 1)))), Reasons.EXPIRED_CONTRACT);
    }

    @Test
    void rejectsAnUnknownUnderlying() {
        assertThat(assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", "")
                .replace("SPY", "QQQ"))), Reasons.UNKNOWN_TICKER).detail())
                .contains("unknown underlying 'QQQ'");
    }

    @Test
    void rejectsBadFields() {
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", "").replace("\"call\"", "\"x\""))),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", "").replace("510", "510.0001"))),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", "").replace("510", "\"510\""))),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", "")
                .replace("2024-03-01", "2024-13-01"))), Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", ",\"iv\":-0.1"))),
                Reasons.INVALID_VALUE);
        assertBad(json.parse(kafka(TOPIC, quote("1.50", "1.55", "").replace(",\"ask\":1.55", ""))),
                Reasons.MISSING_FIELD);
        assertBad(json.parse(kafka(TOPIC, "{\"underlying\":\"SPY\",\"expiry\":\"2024-06-21\","
                + "\"strike\":510,\"right\":\"call\",\"bid\":1,\"ask\":2,\"ts\":"
                + (REF + SKEW + DAY) + "}")), Reasons.TIMESTAMP_IN_FUTURE);
    }
}
