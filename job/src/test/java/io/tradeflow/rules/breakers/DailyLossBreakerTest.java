package io.tradeflow.rules.breakers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Examples of R-CB-1: an account down more than 3 % on the day halts entries until the start
 * (00:00 New York time) of the next trading day.
 */
@DisplayName("R-CB-1 daily loss breaker")
class DailyLossBreakerTest {
    private static final double LIMIT = RiskParams.SWING.dailyLossPct();
    private static final TradingCalendar CAL = TradingCalendar.nyse();

    @ParameterizedTest(name = "day start {0}, now {1} ⇒ trips {2}")
    @CsvSource({
        "100000, 97000, false",
        "100000, 96999.99, true",
        "100000, 96999.9, true",
        "100000, 97000.01, false",
        "100000, 100500, false",
        "100.10, 97.097, false",
        "100.10, 97.096, true",
        "1, 0.97, false",
        "1, 0.9699, true",
        "0, -5, false",
        "-100, -200, false",
    })
    void tripsOnlyWhenTheLossIsStrictlyMoreThanTheLimit(double start, double value,
            boolean trips) {
        assertThat(CircuitBreakers.dailyLossTrips(start, value, LIMIT)).isEqualTo(trips);
    }

    @Test
    void measuresTheLossAgainstTheDayStart() {
        assertThat(CircuitBreakers.dayLoss(100_000, 97_000)).isEqualTo(0.03);
        assertThat(CircuitBreakers.dayLoss(100_000, 96_999.9)).isCloseTo(0.030001, within(1e-12));
        assertThat(CircuitBreakers.dayLoss(100_000, 101_000)).isEqualTo(-0.01);
        assertThat(CircuitBreakers.dayLoss(0, 50)).isZero();
        assertThat(CircuitBreakers.dayLoss(-10, 50)).isZero();
    }

    @ParameterizedTest(name = "trip at {0} ET ⇒ halted until {1} 00:00 ET ({2})")
    @CsvSource({
        // a weekday: the next morning
        "2025-01-14T10:00, 2025-01-15, 2025-01-15T05:00:00Z",
        // Friday: over the weekend to Monday
        "2024-07-12T15:30, 2024-07-15, 2024-07-15T04:00:00Z",
        // the half day before Independence Day: over the holiday to Friday
        "2024-07-03T12:00, 2024-07-05, 2024-07-05T04:00:00Z",
        // Maundy Thursday: over Good Friday and the weekend
        "2024-03-28T11:00, 2024-04-01, 2024-04-01T04:00:00Z",
        // Friday on EST, Monday on EDT: midnight is 04:00Z, not 05:00Z
        "2025-03-07T14:00, 2025-03-10, 2025-03-10T04:00:00Z",
        // Friday on EDT, Monday on EST: midnight is 05:00Z
        "2025-10-31T14:00, 2025-11-03, 2025-11-03T05:00:00Z",
        // a Saturday evening trip: Monday is Martin Luther King Day, so Tuesday
        "2025-01-18T20:00, 2025-01-21, 2025-01-21T05:00:00Z",
        // late evening in New York, already the next day in UTC
        "2025-01-14T23:30, 2025-01-15, 2025-01-15T05:00:00Z",
    })
    void haltsUntilTheStartOfTheNextTradingDay(String tripEt, LocalDate day, String expiresUtc) {
        long trip = MarketTime.epochMillis(LocalDate.parse(tripEt.substring(0, 10)),
                LocalTime.parse(tripEt.substring(11)));

        long expiry = CircuitBreakers.dailyLossExpiry(trip, CAL);

        assertThat(MarketTime.date(expiry)).isEqualTo(day);
        assertThat(expiry).isEqualTo(Instant.parse(expiresUtc).toEpochMilli());
        assertThat(MarketTime.time(expiry)).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(CAL.isTradingDay(MarketTime.date(expiry))).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry - 1)).isTrue();
        assertThat(CircuitBreakers.active(expiry, expiry)).isFalse();
    }

    @Test
    void readsTheTripDateInNewYorkTime() {
        // 03:30Z on Saturday is 23:30 ET on Friday: the halt ends Monday, not Tuesday
        long trip = Instant.parse("2024-07-13T03:30:00Z").toEpochMilli();

        assertThat(CircuitBreakers.dailyLossExpiry(trip, CAL))
                .isEqualTo(Instant.parse("2024-07-15T04:00:00Z").toEpochMilli());
    }
}
