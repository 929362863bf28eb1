package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples of R-POOL-5: a reserve above 30 % of the portfolio raises a notification. */
@DisplayName("R-POOL-5 reserve high-water notification")
class ReserveHighWaterTest {
    private static final double PCT = RiskParams.SWING.reserveHighWaterPct();

    @ParameterizedTest(name = "reserve {0} of {1} ⇒ alert {2}")
    @CsvSource({
        "30000, 100000, false",
        "30000.01, 100000, true",
        "29999.99, 100000, false",
        "0, 100000, false",
        "30.3, 101, false",
        "30.31, 101, true",
        "100, 0, true",
        "0, 0, false",
    })
    void alertsOnlyAboveTheShare(double reserve, double value, boolean alert) {
        assertThat(ReservePool.highWaterAlert(reserve, value, PCT)).isEqualTo(alert);
    }
}
