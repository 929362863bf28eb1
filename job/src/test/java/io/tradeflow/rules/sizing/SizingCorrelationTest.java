package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of the correlation rule: above 0.5 the size shrinks by (1 − (c − 0.5) / 0.3), above
 * 0.8 the entry is rejected. The candidate's sector is unknown, so no bonus or sector cap applies.
 */
@DisplayName("R-SIZE-3 correlation")
class SizingCorrelationTest {

    @ParameterizedTest
    @CsvSource({"-1.0, 40", "0.0, 40", "0.4999, 40", "0.5, 40", "0.65, 20", "0.71, 12",
            "0.79, 1"})
    void reducesProportionallyAboveTheReduceLevel(double c, long shares) {
        // 0.65: × 0.5 = 2 000; 0.71: × 0.3 = 1 200; 0.79: × 1/30 = 133.3
        Sizing s = request().hold("H", "Energy", 10_000, c).size();

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(shares);
        assertThat(s.correlation()).isCloseTo(c, within(1e-12));
    }

    @Test
    void doesNotReduceExactlyAtTheReduceLevel() {
        Sizing s = request().hold("H", "Energy", 10_000, 0.5).size();

        assertThat(stepNames(s)).doesNotContain("correlation_reduce");
        assertThat(step(s, "correlation").note()).endsWith("pass");
    }

    @Test
    void recordsTheFactorBetweenTheLevels() {
        Sizing s = request().hold("H", "Energy", 10_000, 0.65).size();

        SizingStep gate = step(s, "correlation");
        assertThat(gate.in()).isCloseTo(0.65, within(1e-12));
        assertThat(gate.out()).isEqualTo(0.5);
        SizingStep reduce = step(s, "correlation_reduce");
        assertThat(reduce.rule()).isEqualTo("R-SIZE-3");
        assertThat(reduce.in()).isEqualTo(4_000);
        assertThat(reduce.out()).isCloseTo(2_000, within(1e-9));
    }

    @Test
    void reducesToNothingExactlyAtTheRejectLevelAndRejectsForZeroShares() {
        Sizing s = request().hold("H", "Energy", 10_000, 0.8).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-3");
        assertThat(s.quantity()).isZero();
        assertThat(step(s, "correlation_reduce").out()).isZero();
        assertThat(step(s, "quantity").out()).isZero();
    }

    @Test
    void rejectsAboveTheRejectLevel() {
        Sizing s = request().hold("H", "Energy", 10_000, 0.81).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-3");
        assertThat(stepNames(s)).endsWith("correlation");
        assertThat(step(s, "correlation").out()).isEqualTo(0.8);
    }

    @Test
    void namesCorrelationWhenItsReductionLeavesLessThanAShare() {
        // 0.797: × 0.01 = 40, under a share at 100
        Sizing s = request().hold("H", "Energy", 10_000, 0.797).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-3");
    }

    @Test
    void weighsEachHoldingByItsMarketValue() {
        // (30 000 × 0.9 + 10 000 × 0.1) / 40 000 = 0.7 ⇒ × 1/3 = 1 333.33 ⇒ 13
        Sizing s = request().hold("A", "Energy", 30_000, 0.9).hold("B", "Energy", 10_000, 0.1)
                .size();

        assertThat(s.correlation()).isCloseTo(0.7, within(1e-12));
        assertThat(s.quantity()).isEqualTo(13);
    }

    @Test
    void countsAMissingPairAsZero() {
        // (10 000 × 0.9 + 10 000 × 0) / 20 000 = 0.45
        Sizing s = request().hold("A", "Energy", 10_000, 0.9).hold("B", "Energy", 10_000).size();

        assertThat(s.correlation()).isCloseTo(0.45, within(1e-12));
        assertThat(s.quantity()).isEqualTo(40);
    }

    @Test
    void isZeroWithoutHoldings() {
        Sizing s = request().size();

        assertThat(s.correlation()).isZero();
        assertThat(step(s, "correlation").in()).isZero();
    }
}
