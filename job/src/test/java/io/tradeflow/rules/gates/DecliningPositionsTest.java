package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Examples of R-HALT-1: entries halt when more than 50 % of open positions show more than 2 %
 * unrealized loss; both comparisons are strict.
 */
@DisplayName("R-HALT-1 declining positions halt")
class DecliningPositionsTest {
    private static final RiskParams R = RiskParams.SWING;

    private static GateResult gate(Double... returns) {
        return EntryGates.decliningPositions(Arrays.asList(returns), R);
    }

    @Test
    void passesWithNoOpenPositions() {
        assertThat(EntryGates.decliningPositions(List.of(), R).pass()).isTrue();
        assertThat(EntryGates.decliningPositions(null, R).pass()).isTrue();
        assertThat(EntryGates.decliningPositions(List.of(), R).rule()).isEqualTo("R-HALT-1");
    }

    @Test
    void exactlyHalfDecliningPasses() {
        assertThat(gate(-0.03, -0.05, 0.01, 0.0).pass()).isTrue();
        assertThat(gate(-0.03, 0.01).pass()).isTrue();
    }

    @Test
    void moreThanHalfDecliningHalts() {
        GateResult g = gate(-0.03, -0.05, -0.021, 0.01);

        assertThat(g.pass()).isFalse();
        assertThat(g.detail()).isEqualTo("3 of 4 open positions (75 %) are down more than 2 %, "
                + "more than the halt share of 50 %");
        assertThat(gate(-0.03).pass()).isFalse();
        assertThat(gate(-0.03, -0.03, 0.5).pass()).isFalse();
    }

    @Test
    void aLossOfExactlyTwoPercentIsNotDeclining() {
        assertThat(gate(-0.02, -0.02, -0.02).pass()).isTrue();
        assertThat(gate(-0.0200001, -0.0200001, -0.02).pass()).isFalse();
    }

    @Test
    void fiveOfTenPassesAndSixOfTenHalts() {
        List<Double> rets = new ArrayList<>(Collections.nCopies(5, -0.04));
        rets.addAll(Collections.nCopies(5, 0.0));
        assertThat(EntryGates.decliningPositions(rets, R).pass()).isTrue();

        rets.set(9, -0.04);
        assertThat(EntryGates.decliningPositions(rets, R).pass()).isFalse();
    }

    @Test
    void anUnknownReturnCountsAsOpenButNotDeclining() {
        assertThat(gate(-0.05, null).pass()).isTrue();
        assertThat(gate(-0.05, Double.NaN).pass()).isTrue();
        assertThat(gate(-0.05, -0.05, null).pass()).isFalse();
    }
}
