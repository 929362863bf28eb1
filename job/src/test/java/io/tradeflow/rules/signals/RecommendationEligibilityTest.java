package io.tradeflow.rules.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of R-SIG-4: only {@code buy}/{@code sell} with a mode eligible for the account are
 * evaluated; a live account takes only {@code live_eligible}.
 */
@DisplayName("R-SIG-4 recommendation eligibility")
class RecommendationEligibilityTest {

    @ParameterizedTest(name = "{0} / {1} on a {2} account ⇒ {3}")
    @CsvSource(nullValues = "NULL", value = {
        // action, recommendation mode, account mode, evaluated
        "buy,  live_eligible,  live,     true",
        "buy,  live_eligible,  paper,    true",
        "buy,  live_eligible,  backtest, true",
        "buy,  paper_eligible, live,     false",
        "buy,  paper_eligible, paper,    true",
        "buy,  paper_eligible, backtest, true",
        "sell, live_eligible,  live,     true",
        "sell, paper_eligible, live,     false",
        "sell, paper_eligible, paper,    true",
        "sell, paper_eligible, backtest, true",
        "buy,  research_only,  paper,    false",
        "buy,  research_only,  live,     false",
        "buy,  '',             paper,    false",
        "buy,  NULL,           paper,    false",
        "sell, NULL,           live,     false",
        "hold, live_eligible,  live,     false",
        "hold, paper_eligible, paper,    false",
        "'',   live_eligible,  paper,    false",
        "NULL, live_eligible,  paper,    false",
        "NULL, NULL,           NULL,     false",
        // any account mode but live is simulated (AccountConfig#simulated): paper rules apply
        "buy,  paper_eligible, NULL,     true",
    })
    void evaluatesOnlyBuyOrSellWithAnEligibleMode(String action, String mode,
            String accountMode, boolean evaluated) {
        boolean allowed = RecommendationEligibility.actionAllowed(action)
                && RecommendationEligibility.modeAllowed(mode, accountMode);

        assertThat(allowed).isEqualTo(evaluated);
    }

    @Test
    void allowsExactlyTheTwoActions() {
        assertThat(RecommendationEligibility.actionAllowed("buy")).isTrue();
        assertThat(RecommendationEligibility.actionAllowed("sell")).isTrue();
        assertThat(RecommendationEligibility.actionAllowed("hold")).isFalse();
        assertThat(RecommendationEligibility.actionAllowed("short")).isFalse();
        assertThat(RecommendationEligibility.actionAllowed(null)).isFalse();
    }

    @Test
    void namesItsRule() {
        assertThat(RecommendationEligibility.RULE).isEqualTo("R-SIG-4");
    }
}
