package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of R-POOL-2: the active pool is the portfolio value minus the reserve. */
@DisplayName("R-POOL-2 active pool")
class ActivePoolTest {

    @Test
    void subtractsTheReserveFromThePortfolioValue() {
        assertThat(ReservePool.activePool(100_000, 20_000)).isEqualTo(80_000);
        assertThat(ReservePool.activePool(100_000, 0)).isEqualTo(100_000);
        assertThat(ReservePool.activePool(1_000, 1_000)).isZero();
        assertThat(ReservePool.activePool(1_000, 1_200)).isEqualTo(-200);
    }

    @Test
    void subtractsInDecimalSoAnExactDifferenceStaysExact() {
        // in binary, 0.3 − 0.1 is 0.19999999999999998 and 1 − 0.07 is 0.9299999999999999
        assertThat(ReservePool.activePool(0.3, 0.1)).isEqualTo(0.2);
        assertThat(ReservePool.activePool(1, 0.07)).isEqualTo(0.93);
        assertThat(ReservePool.activePool(1_000.3, 900.3)).isEqualTo(100);
    }

    @Test
    void tellsTheReserveShareOfThePortfolio() {
        assertThat(ReservePool.reservePct(25_000, 100_000)).isEqualTo(0.25);
        assertThat(ReservePool.reservePct(0, 100_000)).isZero();
        assertThat(ReservePool.reservePct(500, 0)).isZero();
        // in binary 20.002 / 100.01 is 0.19999999999999998
        assertThat(ReservePool.reservePct(20.002, 100.01)).isEqualTo(0.2);
    }
}
