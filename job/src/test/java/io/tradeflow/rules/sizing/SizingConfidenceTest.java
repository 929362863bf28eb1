package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of the confidence gate in the full sizing pipeline. */
@DisplayName("R-SIZE-1 confidence gate")
class SizingConfidenceTest {

    @Test
    void passesConfidenceExactlyAtEachTiersMinimum() {
        for (TierParams tier : new TierParams[] {
                TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE}) {
            Sizing s = request().tier(tier).confidence(tier.minConfidence()).size();

            assertThat(s.accepted()).as(tier.name()).isTrue();
            // pct = basePct at the minimum: 4 % of 100 000 at 100
            assertThat(s.quantity()).as(tier.name()).isEqualTo(40);
            assertThat(s.steps().get(0).note()).isEqualTo("pass");
        }
    }

    @Test
    void rejectsJustBelowEachTiersMinimum() {
        for (TierParams tier : new TierParams[] {
                TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE}) {
            Sizing s = request().tier(tier).confidence(Math.nextDown(tier.minConfidence())).size();

            assertThat(s.rejectedBy()).as(tier.name()).isEqualTo("R-SIZE-1");
            assertThat(s.quantity()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.64, 0.5, 0.0, Double.NaN})
    void rejectsBeforeAnyOtherRuleIsLookedAt(double confidence) {
        Sizing s = request().confidence(confidence).earnings(0).sector("Tech")
                .hold("H", "Tech", 50_000, 0.95).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-1");
        assertThat(stepNames(s)).containsExactly("confidence_gate");
    }

    @Test
    void scalesAboveTheMinimum() {
        // 4 % × 0.78 / 0.65 = 4.8 %
        assertThat(request().confidence(0.78).size().quantity()).isEqualTo(48);
    }
}
