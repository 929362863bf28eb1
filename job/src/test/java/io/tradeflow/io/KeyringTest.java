package io.tradeflow.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

/** {@link Keyring}: keys per trust domain from the environment, ids, valid-until, min length. */
class KeyringTest {
    private static final String A = "secret-A-0123456789abcdef0123456789";
    private static final String B = "secret-B-0123456789abcdef0123456789";

    @Test
    void readsTheSingleSecretAsTheDefaultKeyAndTheListWithIds() {
        Keyring k = Keyring.fromEnv(TrustDomain.CONTROL, Map.of(
                "TRADEFLOW_CONTROL_SECRET", A,
                "TRADEFLOW_CONTROL_KEYS", "ops-2026a@2026-12-31:" + A + ",ops-2026b:" + B));
        assertThat(k.has(Keyring.DEFAULT_ID)).isTrue();
        assertThat(k.has("ops-2026a")).isTrue();
        assertThat(k.signingId()).isEqualTo("ops-2026b");
        assertThat(k.validUntilMs("ops-2026a"))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli() - 1);
        assertThat(k.validUntilMs("ops-2026b")).isEqualTo(Long.MAX_VALUE);
        assertThat(k.toString()).doesNotContain(A).doesNotContain(B);
    }

    @Test
    void domainsDoNotShareVariables() {
        Map<String, String> env = Map.of("TRADEFLOW_WEBHOOK_SECRET", A);
        assertThat(Keyring.fromEnv(TrustDomain.RECOMMENDATIONS, env).has("default")).isTrue();
        assertThat(Keyring.fromEnv(TrustDomain.CONTROL, env)).isNull();
        assertThat(Keyring.fromEnv(TrustDomain.BROKER, env)).isNull();
    }

    @Test
    void refusesAShortKeyNamingTheVariableNotTheValue() {
        assertThatThrownBy(() -> Keyring.fromEnv(TrustDomain.BROKER,
                Map.of("TRADEFLOW_BROKER_SECRET", "short-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRADEFLOW_BROKER_SECRET")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> Keyring.fromEnv(TrustDomain.CONTROL,
                Map.of("TRADEFLOW_CONTROL_KEYS", "a:" + A + ",b:tiny")))
                .hasMessageContaining("TRADEFLOW_CONTROL_KEYS entry 2 (b)")
                .hasMessageNotContaining("tiny");
    }

    @Test
    void refusesMalformedEntries() {
        assertThatThrownBy(() -> Keyring.parse("no-colon-" + A, "V"))
                .hasMessageContaining("V entry 1").hasMessageNotContaining(A);
        assertThatThrownBy(() -> Keyring.parse("a b:" + A, "V")).hasMessageContaining("key id");
        assertThatThrownBy(() -> Keyring.parse("a@2026-13-01:" + A, "V"))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> Keyring.parse("a:" + A + "\na:" + B, "V"))
                .hasMessageContaining("given twice");
    }

    @Test
    void signsWithTheChosenKeyAndVerifiesByItsId() {
        Keyring k = Keyring.parse("old:" + A + "\nnew:" + B, "V");
        var record = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("id", "r1");
        var signed = k.sign(record);
        assertThat(signed.get(Signatures.KEY_ID).asText()).isEqualTo("new");
        assertThat(k.verify("new", signed)).isTrue();
        assertThat(k.verify("old", signed)).isFalse();
        var old = k.signingWith("old").sign(record);
        assertThat(k.verify("old", old)).isTrue();
        assertThatThrownBy(() -> k.signingWith("gone")).hasMessageContaining("old, new");
    }
}
