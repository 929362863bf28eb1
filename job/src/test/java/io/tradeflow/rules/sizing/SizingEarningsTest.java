package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of earnings proximity: reject within 1 trading day, half within 3. */
@DisplayName("R-CAL-2 earnings proximity")
class SizingEarningsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void rejectsWithinOneTradingDay(int days) {
        Sizing s = request().earnings(days).size();

        assertThat(s.rejectedBy()).isEqualTo("R-CAL-2");
        assertThat(s.quantity()).isZero();
        assertThat(s.earningsFlag()).isTrue();
        assertThat(stepNames(s)).containsExactly("confidence_gate", "earnings_gate");
        assertThat(step(s, "earnings_gate").in()).isEqualTo(days);
        assertThat(step(s, "earnings_gate").out()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"2, 20, true", "3, 20, true", "4, 40, false", "30, 40, false"})
    void halvesWithinThreeTradingDays(int days, long shares, boolean flagged) {
        Sizing s = request().earnings(days).size();

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(shares);
        assertThat(s.earningsFlag()).isEqualTo(flagged);
        assertThat(step(s, "earnings_gate").note()).isEqualTo("pass");
        assertThat(stepNames(s).contains("earnings_reduce")).isEqualTo(flagged);
    }

    @Test
    void recordsTheReductionFromDollarsToDollars() {
        SizingStep reduce = step(request().earnings(3).size(), "earnings_reduce");

        assertThat(reduce.rule()).isEqualTo("R-CAL-2");
        assertThat(reduce.in()).isEqualTo(4_000);
        assertThat(reduce.out()).isEqualTo(2_000);
    }

    @Test
    void recordsNothingWithoutAKnownEarningsDate() {
        Sizing s = request().size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(s.earningsFlag()).isFalse();
        assertThat(s.steps()).extracting(SizingStep::rule).doesNotContain("R-CAL-2");
    }

    @Test
    void namesEarningsWhenTheHalfIsBelowOneShare() {
        // 4 000 buys one share at 4 000; halved it buys none
        Sizing s = request().price(4_000, 3_990).earnings(2).size();

        assertThat(s.rejectedBy()).isEqualTo("R-CAL-2");
        assertThat(request().price(4_000, 3_990).earnings(4).size().quantity()).isEqualTo(1);
    }
}
