package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/** Examples of R-STOP-8: 15 minutes of regular-session time without a price closes a position. */
@DisplayName("R-STOP-8 stale price")
class StalePriceTest {
    private static final TradingCalendar CAL = TradingCalendar.nyse();
    private static final Duration FIFTEEN = Duration.ofMinutes(15);
    private static final LocalDate WED = LocalDate.of(2025, 1, 15);

    private static long at(LocalDate d, int h, int m) {
        return MarketTime.epochMillis(d, LocalTime.of(h, m));
    }

    private static long staleAt(long ts) {
        return StopPolicy.staleAt(ts, CAL, FIFTEEN);
    }

    @Test
    void isStaleExactlyFifteenSessionMinutesAfterTheLastPrice() {
        long last = at(WED, 10, 0);

        assertThat(staleAt(last)).isEqualTo(at(WED, 10, 15));
        assertThat(StopPolicy.isStale(last, at(WED, 10, 15), CAL, FIFTEEN)).isTrue();
        assertThat(StopPolicy.isStale(last, at(WED, 10, 15) - 1, CAL, FIFTEEN)).isFalse();
    }

    @Test
    void doesNotCountTheNight() {
        // 10 minutes before the close, 5 after the next open
        assertThat(staleAt(at(WED, 15, 50))).isEqualTo(at(WED.plusDays(1), 9, 35));
    }

    @Test
    void doesNotCountTheWeekendNorAMondayHoliday() {
        // Friday 17 January 2025 15:55; Monday the 20th is Martin Luther King Jr. Day
        assertThat(staleAt(at(LocalDate.of(2025, 1, 17), 15, 55)))
                .isEqualTo(at(LocalDate.of(2025, 1, 21), 9, 40));
    }

    @Test
    void countsAPriceAtTheCloseFromTheNextOpen() {
        assertThat(staleAt(at(WED, 16, 0))).isEqualTo(at(WED.plusDays(1), 9, 45));
    }

    @Test
    void countsAPriceOutsideTheSessionFromTheNextOpen() {
        assertThat(staleAt(at(WED, 8, 0))).isEqualTo(at(WED, 9, 45));
        assertThat(staleAt(at(WED, 20, 0))).isEqualTo(at(WED.plusDays(1), 9, 45));
        assertThat(staleAt(at(LocalDate.of(2025, 1, 18), 12, 0)))
                .as("a Saturday price, then the Monday holiday")
                .isEqualTo(at(LocalDate.of(2025, 1, 21), 9, 45));
    }

    @Test
    void endsAnEarlyCloseSessionAtOnePm() {
        // Thursday 3 July 2025 closes at 13:00; Friday the 4th is a holiday
        assertThat(staleAt(at(LocalDate.of(2025, 7, 3), 12, 50)))
                .isEqualTo(at(LocalDate.of(2025, 7, 7), 9, 35));
    }

    @Test
    void keepsMarketTimeAcrossTheDaylightSavingChange() {
        // Friday 7 March 2025 (EST) to Monday 10 March (EDT)
        long stale = staleAt(at(LocalDate.of(2025, 3, 7), 15, 50));

        assertThat(MarketTime.time(stale)).isEqualTo(LocalTime.of(9, 35));
        assertThat(MarketTime.date(stale)).isEqualTo(LocalDate.of(2025, 3, 10));
    }

    @Test
    void spansSeveralSessionsForALongDuration() {
        // 7 h: the rest of Wednesday from 10:00 (6 h) and the first hour of Thursday
        assertThat(StopPolicy.staleAt(at(WED, 10, 0), CAL, Duration.ofHours(7)))
                .isEqualTo(at(WED.plusDays(1), 10, 30));
    }
}
