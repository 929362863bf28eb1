package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.pool.ReservePool;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples of R-POOL-3: entries halt while the active pool is below 100. */
@DisplayName("R-POOL-3 active pool minimum")
class ActivePoolGateTest {
    private static final double MIN = RiskParams.SWING.minActivePool();

    @ParameterizedTest(name = "active pool {0} ⇒ pass {1}")
    @CsvSource({
        "100, true",
        "100.01, true",
        "99.99, false",
        "0, false",
        "-50, false",
        "250000, true",
    })
    void passesAtOrAboveTheMinimum(double active, boolean pass) {
        GateResult g = EntryGates.activePool(active, MIN);

        assertThat(g.pass()).isEqualTo(pass);
        assertThat(g.rule()).isEqualTo("R-POOL-3");
    }

    @Test
    void readsTheActivePoolAfterTheReserve() {
        // 1 000 of value with 900.01 in reserve leaves 99.99 to trade
        double active = ReservePool.activePool(1_000, 900.01);

        GateResult g = EntryGates.activePool(active, MIN);

        assertThat(g.pass()).isFalse();
        assertThat(g.detail()).isEqualTo("active pool 99.99 is below the minimum 100");
    }
}
