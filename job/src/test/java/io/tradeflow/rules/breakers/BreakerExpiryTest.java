package io.tradeflow.rules.breakers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Examples of R-CB-4: a breaker ends by itself when its cooldown expires; it is active from its
 * trip up to, not including, its expiry.
 */
@DisplayName("R-CB-4 breaker expiry")
class BreakerExpiryTest {
    private static final long TRIP = 1_736_870_400_000L; // 2025-01-14T16:00Z

    @Test
    void isActiveUntilTheMillisecondBeforeExpiry() {
        long expiry = CircuitBreakers.cooldownExpiry(TRIP, Duration.ofMinutes(60));

        assertThat(expiry).isEqualTo(TRIP + 3_600_000);
        assertThat(CircuitBreakers.active(expiry, TRIP)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry - 1)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry)).isFalse();
        assertThat(CircuitBreakers.active(expiry, expiry + 1)).isFalse();
    }

    @Test
    void anR_CB_3PauseEndsAfterItsDuration() {
        Duration pause = RiskParams.SWING.stopOutPause();
        long expiry = CircuitBreakers.cooldownExpiry(TRIP, pause);

        assertThat(CircuitBreakers.active(expiry, TRIP + pause.toMillis() - 1)).isTrue();
        assertThat(CircuitBreakers.active(expiry, TRIP + pause.toMillis())).isFalse();
    }

    @Test
    void aZeroCooldownIsNeverActive() {
        long expiry = CircuitBreakers.cooldownExpiry(TRIP, Duration.ZERO);

        assertThat(CircuitBreakers.active(expiry, TRIP)).isFalse();
    }
}
