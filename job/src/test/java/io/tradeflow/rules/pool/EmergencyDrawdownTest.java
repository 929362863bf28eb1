package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.tiers.RiskTierController;
import io.tradeflow.rules.tiers.RiskTierController.TierDecision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of R-POOL-4: a drawdown from the high-water mark beyond 20 % releases the reserve and
 * sets the tier to conservative.
 */
@DisplayName("R-POOL-4 emergency drawdown")
class EmergencyDrawdownTest {
    private static final double LIMIT = RiskParams.SWING.emergencyDrawdownPct();

    @ParameterizedTest(name = "high water {0}, value {1} ⇒ emergency {2}")
    @CsvSource({
        "100000, 80000, false",
        "100000, 79999.99, true",
        "100000, 80000.01, false",
        "100000, 50000, true",
        "100000, 100000, false",
        "100000, 120000, false",
        "1234.56, 987.648, false",
        "1234.56, 987.647, true",
        "0, -10, false",
    })
    void releasesOnlyBeyondTheLimit(double highWater, double value, boolean emergency) {
        assertThat(ReservePool.emergency(highWater, value, LIMIT)).isEqualTo(emergency);
    }

    @Test
    void measuresTheDrawdownFromTheHighWaterMark() {
        assertThat(ReservePool.drawdown(100_000, 80_000)).isCloseTo(0.2, within(1e-15));
        assertThat(ReservePool.drawdown(100_000, 100_000)).isZero();
        assertThat(ReservePool.drawdown(100_000, 110_000)).isZero();
        assertThat(ReservePool.drawdown(0, 50)).isZero();
        assertThat(ReservePool.drawdown(100, -100)).isEqualTo(2);
        // in binary (100.1 − 85.085) / 100.1 is 0.15000000000000002, above a 15 % limit
        assertThat(ReservePool.drawdown(100.1, 85.085)).isEqualTo(0.15);
        assertThat(ReservePool.drawdown(100.1, 80.08)).isEqualTo(0.2);
    }

    @Test
    void setsTheTierToConservative() {
        TierDecision d = RiskTierController.emergency("aggressive", 0.25, LIMIT);

        assertThat(d.to()).isEqualTo("conservative");
        assertThat(d.reason()).isEqualTo("R-POOL-4");
        assertThat(d.changed()).isTrue();
        assertThat(d.detail()).isEqualTo(
                "drawdown 25 % beyond 20 % releases the reserve; aggressive → conservative");
        assertThat(RiskTierController.emergency("conservative", 0.25, LIMIT).changed())
                .isFalse();
    }
}
