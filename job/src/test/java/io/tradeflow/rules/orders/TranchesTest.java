package io.tradeflow.rules.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of R-ORD-2: an entry worth more than min(30, 5 % of the active pool) goes in 3
 * near-equal tranches, 5 minutes apart, all derived from the parent decision id.
 */
@DisplayName("R-ORD-2 gradual entry")
class TranchesTest {
    private static final ExitParams E = ExitParams.DEFAULTS;
    private static final String DECISION = "d-0123456789abcdef01234567";

    @Test
    void splitsAnEntryAboveThirtyDollarsWithALargePool() {
        // min(30, 5 % of 100 000) = 30
        assertThat(Tranches.gradual(30.00, 100_000, E)).isFalse();
        assertThat(Tranches.gradual(30.01, 100_000, E)).isTrue();
        assertThat(Tranches.gradual(4_000, 100_000, E)).isTrue();
    }

    @Test
    void splitsAnEntryAboveFivePercentOfASmallPool() {
        // min(30, 5 % of 400) = 20; 5 % of 600 is exactly 30
        assertThat(Tranches.gradual(20.00, 400, E)).isFalse();
        assertThat(Tranches.gradual(20.01, 400, E)).isTrue();
        assertThat(Tranches.gradual(30.00, 600, E)).isFalse();
        assertThat(Tranches.gradual(30.01, 600, E)).isTrue();
    }

    @Test
    void neverSplitsWithOneTrancheOrNothingToBuy() {
        ExitParams one = RuleKeys.set(RuleParams.SWING, "tranches", "1").exits();

        assertThat(Tranches.gradual(10_000, 100_000, one)).isFalse();
        assertThat(Tranches.gradual(0, 100_000, E)).isFalse();
    }

    @Test
    void splitsQuantitiesNearEquallyLargerFirst() {
        assertThat(Tranches.split(1, 3)).containsExactly(1);
        assertThat(Tranches.split(2, 3)).containsExactly(1, 1);
        assertThat(Tranches.split(3, 3)).containsExactly(1, 1, 1);
        assertThat(Tranches.split(4, 3)).containsExactly(2, 1, 1);
        assertThat(Tranches.split(5, 3)).containsExactly(2, 2, 1);
        assertThat(Tranches.split(100, 3)).containsExactly(34, 33, 33);
        assertThat(Tranches.split(99, 3)).containsExactly(33, 33, 33);
    }

    @Test
    void splitsNothingIntoNoTranche() {
        assertThat(Tranches.split(0, 3)).isEmpty();
        assertThat(Tranches.split(-5, 3)).isEmpty();
        assertThat(Tranches.split(7, 0)).containsExactly(7);
    }

    @Test
    void derivesTrancheOrderIdsFromTheDecisionId() {
        assertThat(Tranches.trancheOrderId(DECISION, 0)).isEqualTo("e-0123456789abcdef01234567-t0");
        assertThat(Tranches.trancheOrderId(DECISION, 2)).isEqualTo("e-0123456789abcdef01234567-t2");
        assertThat(Tranches.trancheOrderId(DECISION, 0))
                .isNotEqualTo(OrderIds.entryOrderId(DECISION))
                .isNotEqualTo(Tranches.trancheOrderId(DECISION, 1));
        assertThat(Tranches.parentDecisionId(Tranches.trancheOrderId(DECISION, 1)))
                .isEqualTo(DECISION);
        assertThatThrownBy(() -> Tranches.trancheOrderId(DECISION, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tranches.parentDecisionId(OrderIds.entryOrderId(DECISION)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spacesTranchesFiveMinutesApart() {
        long t0 = 1_736_952_300_000L;

        assertThat(Tranches.dueAt(t0, 0, E)).isEqualTo(t0);
        assertThat(Tranches.dueAt(t0, 2, E)).isEqualTo(t0 + 600_000);
    }
}
