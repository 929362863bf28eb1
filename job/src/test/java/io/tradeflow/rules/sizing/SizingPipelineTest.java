package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Examples of the order of the sizing rules and of the trace they leave. */
@DisplayName("R-SIZE-1..8, R-CAL-2 sizing pipeline")
class SizingPipelineTest {

    @Test
    void recordsEveryRuleInOrder() {
        Sizing s = request().rules(RuleParams.INTRADAY).confidence(1.0)
                .portfolio(1_000_000, 800_000).cash(8_000).sector("Tech")
                .hold("A", "Energy", 10_000, 0.6).earnings(3).confluence(6, 2.5).size();

        // 800 000 × 4 % / 0.65 × 1.2 = 59 077 ⇒ 25 000; × (1 − 0.1 / 0.3) = 16 667; Tech has
        // room; × 0.5 = 8 333 ⇒ cash 8 000 ⇒ 80 shares, doubled 160 ⇒ cash again 80
        assertThat(stepNames(s)).containsExactly("confidence_gate", "earnings_gate", "pct",
                "diversification", "dollars", "absolute_cap", "correlation", "correlation_reduce",
                "sector", "earnings_reduce", "cash_cap", "quantity", "confluence",
                "confluence_cap", "risk_cap", "heat");
        assertThat(s.steps()).extracting(SizingStep::rule).containsExactly("R-SIZE-1",
                "R-CAL-2", "R-SIZE-2", "R-SIZE-5", "R-SIZE-2", "R-SIZE-2", "R-SIZE-3",
                "R-SIZE-3", "R-SIZE-4", "R-CAL-2", "R-SIZE-2", "R-SIZE-2", "R-SIZE-7",
                "R-SIZE-2", "R-SIZE-8", "R-SIZE-6");
        assertThat(s.quantity()).isEqualTo(80);
        assertThat(s.earningsFlag()).isTrue();
        assertThat(s.correlation()).isEqualTo(0.6);
        assertThat(s.sectorExposureAfter()).isEqualTo(0.008);
        assertThat(s.heatAfter()).isEqualTo(0.00016);
    }

    @Test
    void sizesAnEmptyPortfolioLikeTheSixArgumentOverload() {
        for (double confidence : new double[] {0.6, 0.65, 0.78, 1.0}) {
            for (double price : new double[] {7.5, 100, 4_800, 4_800.01}) {
                Sizing full = PositionSizer.size(new SizingRequest(confidence,
                        TierParams.MODERATE, RuleParams.SWING, 100_000, 100_000, 1_000_000,
                        price, price, "CAND", null, List.of(), Map.of(), null, null, null));
                Sizing legacy = PositionSizer.size(confidence, TierParams.MODERATE,
                        RuleParams.SWING, 100_000, 1_000_000, price);

                assertThat(full.quantity()).isEqualTo(legacy.quantity());
                assertThat(full.rejectedBy()).isEqualTo(legacy.rejectedBy());
            }
        }
    }

    @Test
    void leavesThePortfolioRulesOutOfTheSixArgumentOverloadsTrace() {
        Sizing s = PositionSizer.size(0.78, TierParams.MODERATE, RuleParams.SWING, 100_000,
                1_000_000, 100);

        assertThat(stepNames(s)).containsExactly("confidence_gate", "pct", "dollars", "quantity");
    }

    @Test
    void namesThePlainShareFloorWhenNoRuleReducedTheSize() {
        assertThat(request().price(4_000.01, 4_000).size().rejectedBy()).isEqualTo("R-SIZE-2");
    }

    @Test
    void namesTheCashWhenItLeavesLessThanAShare() {
        assertThat(request().cash(99).size().rejectedBy()).isEqualTo("R-SIZE-2");
    }

    @Test
    void acceptsNullHoldingsAndCorrelations() {
        Sizing s = PositionSizer.size(new SizingRequest(0.65, TierParams.MODERATE,
                RuleParams.SWING, 100_000, 100_000, 1_000_000, 100, 98, "CAND", "Tech", null,
                null, null, null, null));

        assertThat(s.quantity()).isEqualTo(48);
    }
}
