package io.tradeflow.rules.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of R-ORD-3: client order ids are derived deterministically from decision ids. */
@DisplayName("R-ORD-3 deterministic order ids")
class OrderIdsTest {
    private static final long T0 = 1_736_952_300_000L; // 2025-01-15T14:45:00Z

    @Test
    void derivesTheDecisionIdFromTheHashOfItsInputs() {
        // the first 12 bytes of SHA-256("acct-1" 0x00 "rec-42" 0x00 "1736952300000"), computed
        // outside the project (Python's hashlib): a replay anywhere derives this very id
        assertThat(OrderIds.decisionId("acct-1", "rec-42", T0))
                .isEqualTo("d-f97b680ce32fde639e567c07");
    }

    @Test
    void derivesDifferentDecisionIdsForDifferentEvaluationTimes() {
        assertThat(OrderIds.decisionId("acct-1", "rec-42", T0))
                .isNotEqualTo(OrderIds.decisionId("acct-1", "rec-42", T0 + 1));
    }

    @Test
    void derivesDifferentDecisionIdsForDifferentAccountsOrRecommendations() {
        String id = OrderIds.decisionId("acct-1", "rec-42", T0);

        assertThat(OrderIds.decisionId("acct-2", "rec-42", T0)).isNotEqualTo(id);
        assertThat(OrderIds.decisionId("acct-1", "rec-43", T0)).isNotEqualTo(id);
        // the separator keeps "ab" + "c" apart from "a" + "bc"
        assertThat(OrderIds.decisionId("ab", "c", T0))
                .isNotEqualTo(OrderIds.decisionId("a", "bc", T0));
    }

    @Test
    void shapesADecisionIdAsDashAnd24HexDigits() {
        assertThat(OrderIds.decisionId("acct-1", "rec-42", T0)).matches("d-[0-9a-f]{24}");
    }

    @Test
    void derivesTheEntryOrderIdFromTheDecisionId() {
        String decision = OrderIds.decisionId("acct-1", "rec-42", T0);

        assertThat(OrderIds.entryOrderId(decision)).isEqualTo("e-" + decision.substring(2));
        assertThat(OrderIds.entryOrderId("d-0123456789abcdef01234567"))
                .isEqualTo("e-0123456789abcdef01234567");
    }

    @Test
    void derivesExitOrderIdsFromPositionReasonAndTime() {
        String x = OrderIds.exitOrderId("e-0123456789abcdef01234567", "R-STOP-3", T0);

        // SHA-256("e-0123456789abcdef01234567" 0x00 "R-STOP-3" 0x00 "1736952300000"), 12 bytes
        assertThat(x).isEqualTo("x-e04162266eb75bc206d73f66");
        assertThat(OrderIds.exitOrderId("e-0123456789abcdef01234567", "R-WIN-2", T0))
                .isNotEqualTo(x);
        assertThat(OrderIds.exitOrderId("e-0123456789abcdef01234567", "R-STOP-3", T0 + 1))
                .isNotEqualTo(x);
    }

    @Test
    void hashesToTheFirst24HexDigitsOfSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(OrderIds.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de");
    }
}
