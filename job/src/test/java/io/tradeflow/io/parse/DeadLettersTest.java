package io.tradeflow.io.parse;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.RawRecord;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLettersTest {
    @Test
    void derivesIdFromSourcePositionAndPayload() throws Exception {
        RawRecord raw = new RawRecord("bars", "3/17", 5L, "{x");
        DeadLetter d = DeadLetters.of(raw, Reasons.MALFORMED_JSON, "detail");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("bars\u00003/17\u0000{x".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        assertThat(d).isEqualTo(new DeadLetter(expected, "bars", "3/17", "malformed_json",
                "detail", "{x"));
        assertThat(DeadLetters.of(new RawRecord("bars", "3/18", 5L, "{x"), "r", "d").id())
                .isNotEqualTo(expected);
        // the Kafka timestamp is not part of the identity
        assertThat(DeadLetters.of(new RawRecord("bars", "3/17", 6L, "{x"), "r", "d").id())
                .isEqualTo(expected);
    }

    @Test
    void toleratesNulls() {
        assertThat(DeadLetters.of(new RawRecord(null, null, 0, null), "r", "d").id()).hasSize(32);
        assertThat(new BarParser(Fixtures.CTX, BarParser.Format.JSON).parse(null).isBad())
                .isTrue();
    }

    @Test
    void parsedTellsItsThreeOutcomes() {
        DeadLetter d = new DeadLetter("i", "s", "1", "r", "d", "p");
        assertThat(Parsed.ok("v").isOk()).isTrue();
        assertThat(Parsed.ok("v").value()).isEqualTo("v");
        assertThat(Parsed.bad(d).isBad()).isTrue();
        assertThat(Parsed.bad(d).isOk()).isFalse();
        assertThat(Parsed.bad(d).deadLetter()).isEqualTo(d);
        assertThat(Parsed.skip().isSkip()).isTrue();
        assertThat(Parsed.skip().isOk()).isFalse();
        assertThat(Parsed.skip().isBad()).isFalse();
        assertThatThrownBy(() -> Parsed.ok(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void contextHidesItsSecretAndCopiesIt() {
        byte[] secret = "s3cr3t-value".getBytes(StandardCharsets.UTF_8);
        ParseContext ctx = new ParseContext(Set.of("a"), null, secret);
        secret[0] = 'x';
        assertThat(ctx.secret()).isEqualTo("s3cr3t-value".getBytes(StandardCharsets.UTF_8));
        assertThat(ctx.toString()).doesNotContain("s3cr3t").contains("RECOMMENDATIONS=Keyring[default]");
        assertThat(ctx.maxFutureSkewMs()).isEqualTo(7 * Fixtures.DAY);
        assertThat(new ParseContext(null, null, new byte[0]).hasSecret()).isFalse();
    }
}
