package io.tradeflow.rules.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

/** R-REC-2: comparing a book with a broker snapshot. */
class ReconcileCheckTest {

    @Test
    @DisplayName("R-REC-2: every ticker held differently, in ticker order, flat counted as 0")
    void listsEveryDifference() {
        var r = ReconcileCheck.compare(Map.of("SPY", 48L, "QQQ", 10L, "IWM", -5L),
                new BigDecimal("1000.00"), Map.of("SPY", 40L, "QQQ", 10L, "DIA", 3L),
                new BigDecimal("1000.00"), 1.0);
        assertThat(r.differences()).containsExactly(
                new ReconcileCheck.Difference("DIA", 0, 3),
                new ReconcileCheck.Difference("IWM", -5, 0),
                new ReconcileCheck.Difference("SPY", 48, 40));
        assertThat(r.mismatch()).isTrue();
    }

    @Test
    @DisplayName("R-REC-2: a side that differs is a difference even at the same size")
    void sideMatters() {
        var r = ReconcileCheck.compare(Map.of("SPY", 10L), BigDecimal.ZERO, Map.of("SPY", -10L),
                BigDecimal.ZERO, 1.0);
        assertThat(r.differences()).containsExactly(new ReconcileCheck.Difference("SPY", 10, -10));
    }

    @Test
    @DisplayName("R-REC-2: cash at the tolerance matches, a cent beyond breaks; either sign")
    void cashTolerance() {
        BigDecimal book = new BigDecimal("95000.00");
        assertThat(ReconcileCheck.compare(Map.of(), book, Map.of(), new BigDecimal("95001.00"),
                1.0).mismatch()).isFalse();
        assertThat(ReconcileCheck.compare(Map.of(), book, Map.of(), new BigDecimal("94999.00"),
                1.0).mismatch()).isFalse();
        var beyond = ReconcileCheck.compare(Map.of(), book, Map.of(), new BigDecimal("94998.99"),
                1.0);
        assertThat(beyond.mismatch()).isTrue();
        assertThat(beyond.differences()).isEmpty();
        assertThat(beyond.cashDifference()).isEqualByComparingTo("-1.01");
        assertThat(ReconcileCheck.compare(Map.of(), book, Map.of(), new BigDecimal("95000.01"),
                0.0).mismatch()).as("tolerance 0: any cent").isTrue();
    }
}
