package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of the per-trade caps: quantity × |price − stop| ≤ 1 % of a 100 000 portfolio = 1 000,
 * and the position value ≤ the absolute cap. The base size is 40 shares at 100.
 */
@DisplayName("R-SIZE-8 absolute and per-trade risk caps")
class SizingRiskCapTest {

    @ParameterizedTest
    @CsvSource({"98, 40", "90, 40", "75, 40", "74, 38", "70, 33", "125, 40", "126, 38"})
    void capsTheRiskToTheStop(double stop, long shares) {
        // 75: 40 × 25 = 1 000, exactly at the cap; 74: 1 000 / 26 = 38.5; 70: 1 000 / 30 = 33.3;
        // 125 and 126: a short's stop above the price
        Sizing s = request().price(100, stop).size();

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(shares);
        assertThat(step(s, "risk_cap").in()).isEqualTo(40);
        assertThat(step(s, "risk_cap").out()).isEqualTo(shares);
    }

    @Test
    void rejectsWhenOneShareRisksMoreThanTheCap() {
        // 4 000 buys 2 shares at 2 000, each risking 1 500 > 1 000
        Sizing s = request().price(2_000, 500).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-8");
        assertThat(s.quantity()).isZero();
    }

    @Test
    void rejectsWithoutAValidStop() {
        Sizing s = request().price(100, Double.NaN).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-8");
        assertThat(step(s, "risk_cap").note()).contains("no valid stop");
    }

    @Test
    void scalesTheCapWithThePortfolioNotThePool() {
        // portfolio 200 000 (pool 100 000): cap 2 000; 40 × 30 = 1 200 passes
        assertThat(request().portfolio(200_000, 100_000).price(100, 70).size().quantity())
                .isEqualTo(40);
    }

    @Test
    void holdsThePositionValueToTheAbsoluteCap() {
        // 1 000 000 × 4 % = 40 000 ⇒ 25 000 ⇒ 250 shares
        Sizing s = request().portfolio(1_000_000, 1_000_000).size();

        assertThat(s.quantity()).isEqualTo(250);
        assertThat(step(s, "absolute_cap").out()).isEqualTo(25_000);
    }
}
