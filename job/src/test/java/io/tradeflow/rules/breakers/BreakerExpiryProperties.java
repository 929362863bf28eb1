package io.tradeflow.rules.breakers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Seed Property 14: a breaker is active from its trip up to its cooldown's end and ends exactly
 * there: active at expiry − 1 ms, not at expiry (R-CB-4); a daily-loss halt ends at the start of
 * the next trading day (R-CB-1), DST changes and holidays included.
 */
@Label("R-CB-4 circuit breaker cooldown expiry properties")
class BreakerExpiryProperties {
    private static final long FROM = 1_577_836_800_000L; // 2020-01-01T00:00Z
    private static final long TO = 1_830_297_600_000L; // 2028-01-01T00:00Z
    private static final TradingCalendar CAL = TradingCalendar.nyse();

    @Provide
    Arbitrary<Long> instants() {
        return Arbitraries.longs().between(FROM, TO).withDistribution(RandomDistribution.uniform());
    }

    @Property
    void aCooldownEndsExactlyAtTripPlusCooldown(@ForAll("instants") long trip,
            @ForAll @LongRange(min = 1, max = 7 * 24 * 3_600_000L) long cooldownMs,
            @ForAll @LongRange(min = 0, max = 14 * 24 * 3_600_000L) long later) {
        long expiry = CircuitBreakers.cooldownExpiry(trip, Duration.ofMillis(cooldownMs));
        long now = trip + later;

        assertThat(expiry).isEqualTo(trip + cooldownMs);
        assertThat(CircuitBreakers.active(expiry, trip)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry - 1)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry)).isFalse();
        assertThat(CircuitBreakers.active(expiry, now)).isEqualTo(now < trip + cooldownMs);
    }

    @Property(tries = 3_000)
    void aDailyLossHaltEndsAtTheStartOfTheNextTradingDay(@ForAll("instants") long trip) {
        long expiry = CircuitBreakers.dailyLossExpiry(trip, CAL);
        LocalDate tripDay = MarketTime.date(trip);
        LocalDate endDay = MarketTime.date(expiry);

        assertThat(expiry).isGreaterThan(trip);
        assertThat(MarketTime.time(expiry)).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(endDay).isAfter(tripDay);
        assertThat(CAL.isTradingDay(endDay)).isTrue();
        assertThat(tripDay.plusDays(1).datesUntil(endDay).noneMatch(CAL::isTradingDay)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry - 1)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry)).isFalse();
    }
}
