package io.tradeflow.rules.options;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingRequest;
import io.tradeflow.rules.sizing.SizingStep;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Examples of sizing in contracts: a moderate account at its minimum confidence sizes 4 % of a
 * 100 000 pool, 4 000, which buys floor(4 000 / 155) = 25 contracts at a premium of 1.55.
 */
@DisplayName("R-OPT-2 sizing in contracts")
class OptionSizerTest {

    static SizingRequest request(double confidence, Integer score, Double relVol) {
        return new SizingRequest(confidence, TierParams.MODERATE, RuleParams.INTRADAY, 100_000,
                100_000, 100_000, 0, 0, "SPY", null, List.of(), Map.of(), null, score, relVol);
    }

    @Test
    void buysDollarsOverPremiumTimesTheMultiplier() {
        Sizing s = OptionSizer.size(request(0.65, null, null), 1.55, 1.1625, 100);

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(25);
        assertThat(s.steps()).filteredOn(st -> st.step().equals("quantity")).singleElement()
                .satisfies(st -> assertThat(st.note()).contains("at price 155.0"));
    }

    @Test
    void skipsWithROpt2WhenNotOneContractIsAffordable() {
        // 4 000 does not buy one contract at 45 x 100
        Sizing s = OptionSizer.size(request(0.65, null, null), 45, 33.75, 100);

        assertThat(s.accepted()).isFalse();
        assertThat(s.rejectedBy()).isEqualTo("R-OPT-2");
        SizingStep last = s.steps().get(s.steps().size() - 1);
        assertThat(last.rule()).isEqualTo("R-OPT-2");
        assertThat(last.note()).contains("zero contracts", "R-SIZE-2");
    }

    @Test
    void keepsTheGateOfARejectionThatIsNotAboutSize() {
        Sizing s = OptionSizer.size(request(0.5, null, null), 1.55, 1.1625, 100);
        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-1");
    }

    @ParameterizedTest(name = "R-SIZE-7 score {0}, relVol {1}: {2} contracts")
    @CsvSource({"6, 2.0, 50", "7, 3.0, 50", "6, 1.5, 25", "5, 2.0, 12", "4, 1.0, 12"})
    void confluenceDoublesOrHalvesContracts(int score, double relVol, long contracts) {
        // a stop premium 0.05 below: 5 of risk a contract, far inside the per-trade risk cap
        Sizing s = OptionSizer.size(request(0.65, score, relVol), 1.55, 1.50, 100);

        assertThat(s.quantity()).isEqualTo(contracts);
        assertThat(s.steps()).filteredOn(st -> st.rule().equals("R-SIZE-7")).singleElement()
                .satisfies(st -> {
                    assertThat(st.in()).isEqualTo(25);
                    assertThat(st.out()).isEqualTo(contracts);
                });
    }

    @Test
    void capsTheRiskOfAContractAtItsStop() {
        // R-SIZE-8: 1 % of 100 000 over (1.55 - 0.55) x 100 = 10 contracts at most
        Sizing s = OptionSizer.size(request(0.65, null, null), 1.55, 0.55, 100);
        assertThat(s.quantity()).isEqualTo(10);
    }
}
