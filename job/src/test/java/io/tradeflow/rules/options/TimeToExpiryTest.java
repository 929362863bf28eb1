package io.tradeflow.rules.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;

/** R-OPT-4's time to expiry: regular-session minutes to the expiry's close, 252 × 390 a year. */
@DisplayName("R-OPT-4 time to expiry")
class TimeToExpiryTest {
    private static final TradingCalendar NYSE = TradingCalendar.nyse();
    private static final LocalDate WED = LocalDate.of(2025, 1, 15);

    private static long at(LocalDate d, int h, int m) {
        return MarketTime.epochMillis(d, LocalTime.of(h, m));
    }

    @Test
    void anHourBeforeTheCloseOfTheExpiryDayIsSixtyMinutes() {
        assertThat(TimeToExpiry.minutesToExpiry(at(WED, 15, 0), WED, NYSE)).isEqualTo(60.0);
        assertThat(TimeToExpiry.yearsToExpiry(at(WED, 15, 0), WED, NYSE))
                .isEqualTo(60.0 / (252 * 390));
    }

    @Test
    void theOpenOfTheDayBeforeANormalExpiryIsTwoFullSessions() {
        assertThat(TimeToExpiry.minutesToExpiry(at(WED.minusDays(1), 9, 30), WED, NYSE))
                .isEqualTo(780.0);
        // before the open counts from the open
        assertThat(TimeToExpiry.minutesToExpiry(at(WED.minusDays(1), 4, 0), WED, NYSE))
                .isEqualTo(780.0);
    }

    @Test
    void nothingIsLeftAtOrAfterTheClose() {
        assertThat(TimeToExpiry.yearsToExpiry(at(WED, 16, 0), WED, NYSE)).isZero();
        assertThat(TimeToExpiry.yearsToExpiry(at(WED, 18, 30), WED, NYSE)).isZero();
        assertThat(TimeToExpiry.yearsToExpiry(at(WED.plusDays(3), 10, 0), WED, NYSE)).isZero();
    }

    @Test
    void countsOnlyTradingDaysOverAWeekendAndAHoliday() {
        // Friday 2025-01-17 15:00 to Tuesday 2025-01-21 (Monday the 20th is MLK day)
        assertThat(TimeToExpiry.minutesToExpiry(at(LocalDate.of(2025, 1, 17), 15, 0),
                LocalDate.of(2025, 1, 21), NYSE)).isEqualTo(60.0 + 390.0);
    }

    @Test
    void anEarlyCloseEndsTheSessionAt1300() {
        LocalDate halfDay = LocalDate.of(2025, 7, 3);
        assertThat(TimeToExpiry.minutesToExpiry(at(halfDay, 12, 0), halfDay, NYSE))
                .isEqualTo(60.0);
        // 2024-11-27 09:30 to Monday 2024-12-02: 390, Thanksgiving, 210 (to 13:00), 390
        assertThat(TimeToExpiry.minutesToExpiry(at(LocalDate.of(2024, 11, 27), 9, 30),
                LocalDate.of(2024, 12, 2), NYSE)).isEqualTo(390.0 + 210.0 + 390.0);
    }

    @Test
    void countsMinutesAcrossADaylightSavingChangeByTheNewYorkClock() {
        // DST started Sunday 2025-03-09: Friday 09:30 to Monday's close is two full sessions
        assertThat(TimeToExpiry.minutesToExpiry(at(LocalDate.of(2025, 3, 7), 9, 30),
                LocalDate.of(2025, 3, 10), NYSE)).isEqualTo(780.0);
    }

    @Test
    void keepsSecondsAsFractionsOfAMinute() {
        long t = at(WED, 15, 59) + 30_000;
        assertThat(TimeToExpiry.minutesToExpiry(t, WED, NYSE)).isCloseTo(0.5, within(1e-12));
    }
}
