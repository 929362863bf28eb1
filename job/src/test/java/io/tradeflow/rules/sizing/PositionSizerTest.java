package io.tradeflow.rules.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of R-SIZE-1 (confidence gate) and R-SIZE-2 (pct, dollars, caps, whole shares). */
@DisplayName("R-SIZE-1, R-SIZE-2 position sizing")
class PositionSizerTest {
    private static final RuleParams P = RuleParams.INTRADAY;
    private static final double POOL = 100_000;
    private static final double PLENTY_OF_CASH = 1_000_000;

    private static Sizing size(double confidence, TierParams tier, double price) {
        return PositionSizer.size(confidence, tier, P, POOL, PLENTY_OF_CASH, price);
    }

    @Test
    void sizesTheWorkedExampleAt48Shares() {
        // pct = 4 % × 0.78 / 0.65 = 4.8 % (under moderate's 8 %); 100 000 × 4.8 % = 4 800; / 100
        Sizing s = size(0.78, TierParams.MODERATE, 100);

        assertThat(s.quantity()).isEqualTo(48);
        assertThat(s.accepted()).isTrue();
        assertThat(s.rejectedBy()).isNull();
    }

    @Test
    void passesConfidenceExactlyAtTheTierMinimum() {
        // pct = basePct × 1 = 4 % ⇒ 4 000 / 100
        Sizing s = size(0.65, TierParams.MODERATE, 100);

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(40);
        assertThat(s.steps().get(0).note()).isEqualTo("pass");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.6499999999999999, 0.6499, 0.5, 0.0, -0.1, Double.NaN})
    void rejectsConfidenceBelowTheTierMinimumAsRSize1(double confidence) {
        Sizing s = size(confidence, TierParams.MODERATE, 100);

        assertThat(s.accepted()).isFalse();
        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-1");
        assertThat(s.quantity()).isZero();
        assertThat(s.steps()).extracting(SizingStep::step).containsExactly("confidence_gate");
    }

    @Test
    void rejectsJustBelowEachTiersMinimum() {
        for (TierParams tier : new TierParams[] {
                TierParams.CONSERVATIVE, TierParams.MODERATE, TierParams.AGGRESSIVE}) {
            double min = tier.minConfidence();
            assertThat(size(Math.nextDown(min), tier, 100).rejectedBy())
                    .as(tier.name()).isEqualTo("R-SIZE-1");
            assertThat(size(min, tier, 100).accepted()).as(tier.name()).isTrue();
        }
    }

    @Test
    void clampsPctToTheTierMaximum() {
        // conservative: 4 % × 1.0 / 0.75 = 5.33 % > 5 % ⇒ 5 %; 100 000 × 5 % = 5 000; / 100
        Sizing s = size(1.0, TierParams.CONSERVATIVE, 100);

        assertThat(s.quantity()).isEqualTo(50);
        SizingStep cap = step(s, "pct_cap");
        assertThat(cap.in()).isCloseTo(0.04 / 0.75, within(1e-12));
        assertThat(cap.out()).isEqualTo(0.05);
    }

    @Test
    void doesNotClampPctAtOrUnderTheTierMaximum() {
        // moderate: 4 % × c / 0.65 reaches 8 % only at c = 1.3, so never within [0, 1]
        assertThat(size(1.0, TierParams.MODERATE, 100).steps())
                .extracting(SizingStep::step).doesNotContain("pct_cap");
    }

    @Test
    void clampsDollarsToTheAbsolutePositionCap() {
        // 1 000 000 × 4.8 % = 48 000 > 25 000 ⇒ 25 000 / 100
        Sizing s = PositionSizer.size(0.78, TierParams.MODERATE, P, 1_000_000, PLENTY_OF_CASH, 100);

        assertThat(s.quantity()).isEqualTo(250);
        assertThat(step(s, "absolute_cap").out()).isEqualTo(25_000);
    }

    @Test
    void keepsDollarsExactlyAtTheAbsoluteCap() {
        // 625 000 × 4 % = 25 000: at the cap, not above it
        Sizing s = PositionSizer.size(0.65, TierParams.MODERATE, P, 625_000, PLENTY_OF_CASH, 100);

        assertThat(s.quantity()).isEqualTo(250);
        assertThat(s.steps()).extracting(SizingStep::step).doesNotContain("absolute_cap");
    }

    @Test
    void clampsDollarsToTheCashAvailable() {
        // 4 800 wanted, 1 000 in cash ⇒ 10 shares
        Sizing s = PositionSizer.size(0.78, TierParams.MODERATE, P, POOL, 1_000, 100);

        assertThat(s.quantity()).isEqualTo(10);
        assertThat(step(s, "cash_cap").out()).isEqualTo(1_000);
    }

    @Test
    void treatsNegativeCashAsNone() {
        Sizing s = PositionSizer.size(0.78, TierParams.MODERATE, P, POOL, -50, 100);

        assertThat(s.quantity()).isZero();
        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-2");
    }

    @Test
    void rejectsZeroSharesAsRSize2() {
        // 4 800 buys no share at 4 800.01, one at 4 800
        Sizing none = size(0.78, TierParams.MODERATE, 4_800.01);
        Sizing one = size(0.78, TierParams.MODERATE, 4_800);

        assertThat(none.quantity()).isZero();
        assertThat(none.accepted()).isFalse();
        assertThat(none.rejectedBy()).isEqualTo("R-SIZE-2");
        assertThat(one.quantity()).isEqualTo(1);
        assertThat(one.accepted()).isTrue();
    }

    @Test
    void floorsToWholeShares() {
        // 4 800 / 99 = 48.48
        assertThat(size(0.78, TierParams.MODERATE, 99).quantity()).isEqualTo(48);
        // 4 800 / 101 = 47.52
        assertThat(size(0.78, TierParams.MODERATE, 101).quantity()).isEqualTo(47);
    }

    @ParameterizedTest
    @CsvSource({
        // tier, confidence, price, shares: the decimal pct × 100 000 is a whole multiple of price
        "moderate, 0.689, 10, 424", // 4 % × 0.689 / 0.65 = 4.24 % ⇒ 4 240
        "moderate, 0.702, 20, 216", // 4.32 % ⇒ 4 320
        "conservative, 0.855, 10, 456", // 4 % × 0.855 / 0.75 = 4.56 % ⇒ 4 560
        "aggressive, 0.605, 4, 1100", // 4 % × 0.605 / 0.55 = 4.4 % ⇒ 4 400
    })
    void buysTheWholeNumberOfSharesWhenTheDollarsDivideExactly(String tier, double confidence,
            double price, long shares) {
        TierParams t = switch (tier) {
            case "conservative" -> TierParams.CONSERVATIVE;
            case "moderate" -> TierParams.MODERATE;
            default -> TierParams.AGGRESSIVE;
        };

        assertThat(size(confidence, t, price).quantity()).isEqualTo(shares);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -100, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY})
    void rejectsAZeroNegativeOrNonFinitePrice(double price) {
        Sizing s = size(0.78, TierParams.MODERATE, price);

        assertThat(s.quantity()).isZero();
        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-2");
    }

    @Test
    void recordsEveryStepInOrder() {
        // conservative at 1.0 over a 1 000 000 pool with 20 000 cash: every clamp applies
        Sizing s = PositionSizer.size(1.0, TierParams.CONSERVATIVE, P, 1_000_000, 20_000, 100);

        assertThat(s.steps()).extracting(SizingStep::step).containsExactly(
                "confidence_gate", "pct", "pct_cap", "dollars", "absolute_cap", "cash_cap",
                "quantity");
        assertThat(s.steps()).extracting(SizingStep::rule).containsExactly(
                "R-SIZE-1", "R-SIZE-2", "R-SIZE-2", "R-SIZE-2", "R-SIZE-2", "R-SIZE-2",
                "R-SIZE-2");
        assertThat(step(s, "dollars").out()).isEqualTo(50_000);
        assertThat(step(s, "quantity").in()).isEqualTo(20_000);
        assertThat(step(s, "quantity").out()).isEqualTo(200);
        assertThat(s.quantity()).isEqualTo(200);
    }

    @Test
    void recordsOnlyTheStepsThatApply() {
        assertThat(size(0.78, TierParams.MODERATE, 100).steps())
                .extracting(SizingStep::step)
                .containsExactly("confidence_gate", "pct", "dollars", "quantity");
    }

    private static SizingStep step(Sizing s, String name) {
        return s.steps().stream().filter(x -> x.step().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no step " + name + " in " + s.steps()));
    }
}
