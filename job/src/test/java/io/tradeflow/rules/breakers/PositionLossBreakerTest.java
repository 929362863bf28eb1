package io.tradeflow.rules.breakers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.BreakerEvent;
import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

/**
 * Examples of R-CB-2: a position down more than 8 % is closed and its ticker cools down for 24 h;
 * a short's loss is mirrored.
 */
@DisplayName("R-CB-2 single position loss breaker")
class PositionLossBreakerTest {
    private static final double LIMIT = RiskParams.SWING.positionLossPct();

    @ParameterizedTest(name = "long {0}: entry {1}, mark {2} ⇒ trips {3}")
    @CsvSource({
        "true, 50, 46, false",
        "true, 50, 45.99, true",
        "true, 50, 46.01, false",
        "true, 50, 60, false",
        "true, 123.45, 113.574, false",
        "true, 123.45, 113.5739, true",
        "false, 50, 54, false",
        "false, 50, 54.01, true",
        "false, 50, 53.99, false",
        "false, 50, 40, false",
        "true, 0, 10, false",
    })
    void tripsOnlyWhenTheLossIsStrictlyMoreThanTheLimit(boolean isLong, double entry,
            double mark, boolean trips) {
        assertThat(CircuitBreakers.positionLossTrips(isLong, entry, mark, LIMIT))
                .isEqualTo(trips);
    }

    @Test
    void measuresTheLossAsAPositiveFractionOfTheEntry() {
        assertThat(CircuitBreakers.positionLoss(true, 50, 46)).isCloseTo(0.08, within(1e-15));
        assertThat(CircuitBreakers.positionLoss(true, 50, 55)).isCloseTo(-0.10, within(1e-15));
        assertThat(CircuitBreakers.positionLoss(false, 50, 54)).isCloseTo(0.08, within(1e-15));
        assertThat(CircuitBreakers.positionLoss(false, 50, 45)).isCloseTo(-0.10, within(1e-15));
        assertThat(CircuitBreakers.positionLoss(true, 0, 45)).isZero();
    }

    @Test
    void coolsTheTickerDownFor24Hours() {
        long trip = 1_736_870_400_000L; // 2025-01-14T16:00Z
        long expiry = CircuitBreakers.cooldownExpiry(trip, RiskParams.SWING.positionCooldown());

        assertThat(expiry - trip).isEqualTo(Duration.ofHours(24).toMillis());
    }

    @Test
    void givesEachTripADeterministicId() {
        String id = CircuitBreakers.breakerId("acct-1", BreakerEvent.POSITION_LOSS, "AAPL", 1000);

        // SHA-256("acct-1" 0x00 "position_loss" 0x00 "AAPL" 0x00 "1000"), 12 bytes, computed
        // outside the project: a replay derives this very id
        assertThat(id).isEqualTo("b-3bb9bcc5303f5a67b11d900a");
        assertThat(id)
                .isNotEqualTo(CircuitBreakers.breakerId("acct-1", BreakerEvent.POSITION_LOSS,
                        "MSFT", 1000))
                .isNotEqualTo(CircuitBreakers.breakerId("acct-1", BreakerEvent.POSITION_LOSS,
                        "AAPL", 1001))
                .isNotEqualTo(CircuitBreakers.breakerId("acct-2", BreakerEvent.POSITION_LOSS,
                        "AAPL", 1000))
                .isNotEqualTo(CircuitBreakers.breakerId("acct-1", BreakerEvent.DAILY_LOSS,
                        "AAPL", 1000));
        assertThat(CircuitBreakers.breakerId("acct-1", BreakerEvent.DAILY_LOSS, null, 1000))
                .isEqualTo(CircuitBreakers.breakerId("acct-1", BreakerEvent.DAILY_LOSS, null,
                        1000));
    }
}
