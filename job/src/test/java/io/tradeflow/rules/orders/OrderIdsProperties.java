package io.tradeflow.rules.orders;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Properties of R-ORD-3 over random accounts, recommendation ids and evaluation times. */
@Label("R-ORD-3 deterministic order ids properties")
class OrderIdsProperties {

    record Input(String account, String recommendation, long evaluatedAt) {}

    @Provide
    Arbitrary<Input> inputs() {
        // account and recommendation ids as upstream makes them: letters, digits, '-', '_', ':'
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z')
                .withCharRange('A', 'Z').withCharRange('0', '9').withChars('-', '_', ':')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<Long> times = Arbitraries.longs().between(1_700_000_000_000L, 1_800_000_000_000L);
        return Combinators.combine(Arbitraries.of("acct-1", "acct-2", "a"), ids, times)
                .as(Input::new);
    }

    @Provide
    Arbitrary<List<Input>> distinctInputs() {
        return inputs().list().uniqueElements().ofMinSize(2_000).ofMaxSize(3_000);
    }

    @Property(tries = 5)
    void distinctInputsNeverShareADecisionOrEntryId(
            @ForAll("distinctInputs") List<Input> in) {
        Map<String, Input> seen = new HashMap<>();
        for (Input i : in) {
            String d = OrderIds.decisionId(i.account(), i.recommendation(), i.evaluatedAt());
            Input before = seen.put(d, i);
            assertThat(before).as("collision on %s", d).isNull();
            assertThat(seen.put(OrderIds.entryOrderId(d), i)).isNull();
        }
    }

    @Property
    void idsAreTheDocumentedHashAndUseOnlyLowercaseLettersDigitsAndDashes(
            @ForAll("inputs") Input i, @ForAll String anyPosition, @ForAll String anyReason)
            throws Exception {
        String d = OrderIds.decisionId(i.account(), i.recommendation(), i.evaluatedAt());
        String e = OrderIds.entryOrderId(d);
        String x = OrderIds.exitOrderId(anyPosition, anyReason, i.evaluatedAt());

        // R-ORD-3 as documented: the first 12 bytes of SHA-256 over the parts joined by a NUL
        // byte, in hex; computed here from the definition, not through OrderIds
        assertThat(d).isEqualTo("d-" + sha(i.account(), i.recommendation(),
                Long.toString(i.evaluatedAt())));
        assertThat(x).isEqualTo("x-" + sha(anyPosition, anyReason,
                Long.toString(i.evaluatedAt())));
        assertThat(List.of(d, e, x)).allSatisfy(id -> assertThat(id).matches("[a-z0-9-]+"));
        assertThat(e).startsWith("e-").endsWith(d.substring(2));
    }

    private static String sha(String... parts) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
                bytes.write(0);
            }
            bytes.writeBytes(parts[k].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(bytes.toByteArray());
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < 12; k++) {
            hex.append(String.format("%02x", digest[k]));
        }
        return hex.toString();
    }
}
