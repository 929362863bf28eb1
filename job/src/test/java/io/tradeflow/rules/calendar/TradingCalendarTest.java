package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradeflow.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Examples of the NYSE trading calendar 2010–2027 (trading days for all rules; R-WIN-2). */
@DisplayName("NYSE trading calendar 2010-2027")
class TradingCalendarTest {
    private static final TradingCalendar CAL = TradingCalendar.nyse();

    @ParameterizedTest(name = "{0} is closed ({1})")
    @CsvSource({
        "2011-01-17, MLK day (absent from the SPY file)",
        "2010-12-24, Christmas on a Saturday: observed Friday",
        "2012-01-02, New Year on a Sunday: observed Monday",
        "2012-10-29, Hurricane Sandy",
        "2012-10-30, Hurricane Sandy",
        "2018-12-05, day of mourning for G. H. W. Bush",
        "2021-12-24, Christmas on a Saturday: observed Friday",
        "2022-06-20, Juneteenth on a Sunday: observed Monday",
        "2024-03-29, Good Friday",
        "2025-01-09, day of mourning for Jimmy Carter",
        "2025-04-18, Good Friday",
        "2026-07-03, Independence Day on a Saturday: observed Friday",
        "2027-06-18, Juneteenth on a Saturday: observed Friday",
        "2027-07-05, Independence Day on a Sunday: observed Monday",
    })
    void knowsHolidaysAndClosures(LocalDate date, String why) {
        assertThat(CAL.isHoliday(date)).isTrue();
        assertThat(CAL.isTradingDay(date)).isFalse();
        assertThat(CAL.closeTime(date)).isNull();
    }

    @ParameterizedTest(name = "{0} is a trading day ({1})")
    @CsvSource({
        "2010-12-31, New Year 2011 on a Saturday is not observed on Friday",
        "2021-12-31, New Year 2022 on a Saturday is not observed on Friday",
        "2021-06-18, no Juneteenth before 2022",
        "2025-12-26, the federal closure of 2025-12-26 did not close the exchange",
        "2024-11-29, a half day is a trading day",
    })
    void knowsTradingDaysThatLookLikeHolidays(LocalDate date, String why) {
        assertThat(CAL.isTradingDay(date)).isTrue();
        assertThat(CAL.isHoliday(date)).isFalse();
    }

    @ParameterizedTest(name = "{0} closes at {1}")
    @CsvSource({
        "2024-11-29, 13:00", "2024-12-24, 13:00", "2024-07-03, 13:00", "2013-07-03, 13:00",
        "2012-07-03, 13:00", "2025-07-03, 13:00", "2026-11-27, 13:00", "2026-12-24, 13:00",
        "2024-11-27, 16:00", "2024-12-23, 16:00", "2026-07-02, 16:00", "2015-07-02, 16:00",
        "2021-12-23, 16:00", "2011-01-18, 16:00",
    })
    void knowsTheClosingTime(LocalDate date, LocalTime close) {
        assertThat(CAL.closeTime(date)).isEqualTo(close);
        assertThat(CAL.isEarlyClose(date)).isEqualTo(close.equals(TradingCalendar.EARLY_CLOSE));
    }

    @Test
    void isClosedOnWeekends() {
        assertThat(CAL.isTradingDay(LocalDate.of(2024, 6, 15))).isFalse();
        assertThat(CAL.isTradingDay(LocalDate.of(2024, 6, 16))).isFalse();
        assertThat(CAL.isHoliday(LocalDate.of(2024, 6, 15))).isFalse();
    }

    @Test
    void countsTheKnownNumberOfTradingDaysEachYear() {
        // published NYSE totals: 2012 lost Sandy, 2018 Bush, 2025 Carter; 2020 had 253
        Map<Integer, Integer> expected = Map.ofEntries(Map.entry(2010, 252),
                Map.entry(2011, 252), Map.entry(2012, 250), Map.entry(2013, 252),
                Map.entry(2014, 252), Map.entry(2015, 252), Map.entry(2016, 252),
                Map.entry(2017, 251), Map.entry(2018, 251), Map.entry(2019, 252),
                Map.entry(2020, 253), Map.entry(2021, 252), Map.entry(2022, 251),
                Map.entry(2023, 250), Map.entry(2024, 252), Map.entry(2025, 250));
        expected.forEach((year, days) -> assertThat(CAL.tradingDaysBetween(
                LocalDate.of(year - 1, 12, 31), LocalDate.of(year, 12, 31)))
                .as("trading days in %d", year).isEqualTo(days));
    }

    @Test
    void hasTenHolidaysAYearAndJuneteenthFrom2022() {
        for (int y = 2010; y <= 2027; y++) {
            long n = LocalDate.of(y, 1, 1).datesUntil(LocalDate.of(y + 1, 1, 1))
                    .filter(CAL::isHoliday).count();
            long special = y == 2012 ? 2 : y == 2018 || y == 2025 ? 1 : 0;
            // New Year on a Saturday (2011, 2022) is not observed
            long newYear = y == 2011 || y == 2022 ? 0 : 1;
            long juneteenth = y >= 2022 ? 1 : 0;
            assertThat(n - special).as("holidays in %d", y).isEqualTo(8 + newYear + juneteenth);
        }
    }

    @Test
    void stepsToTheNextAndPreviousTradingDay() {
        assertThat(CAL.nextTradingDay(LocalDate.of(2011, 1, 14))).isEqualTo("2011-01-18");
        assertThat(CAL.previousTradingDay(LocalDate.of(2011, 1, 18))).isEqualTo("2011-01-14");
        assertThat(CAL.nextTradingDay(LocalDate.of(2012, 10, 26))).isEqualTo("2012-10-31");
        assertThat(CAL.previousTradingDay(LocalDate.of(2025, 1, 10))).isEqualTo("2025-01-08");
        assertThat(CAL.nextTradingDay(LocalDate.of(2026, 7, 2))).isEqualTo("2026-07-06");
    }

    @Test
    void countsTradingDaysBetweenTwoDates() {
        LocalDate fri = LocalDate.of(2011, 1, 14);
        assertThat(CAL.tradingDaysBetween(fri, fri)).isZero();
        assertThat(CAL.tradingDaysBetween(fri, LocalDate.of(2011, 1, 18))).isOne();
        assertThat(CAL.tradingDaysBetween(LocalDate.of(2011, 1, 18), fri)).isEqualTo(-1);
        assertThat(CAL.tradingDaysBetween(fri, LocalDate.of(2011, 1, 21))).isEqualTo(4);
    }

    @Test
    void tellsTheRegularSessionByTheBarEndInNewYorkTime() {
        LocalDate d = LocalDate.of(2025, 3, 10); // the Monday after the switch to EDT
        assertThat(CAL.isRegularSession(MarketTime.epochMillis(d, LocalTime.of(9, 30)))).isFalse();
        assertThat(CAL.isRegularSession(MarketTime.epochMillis(d, LocalTime.of(9, 31)))).isTrue();
        assertThat(CAL.isRegularSession(MarketTime.epochMillis(d, LocalTime.of(16, 0)))).isTrue();
        assertThat(CAL.isRegularSession(MarketTime.epochMillis(d, LocalTime.of(16, 1))))
                .isFalse();
        // 13:31 UTC is 09:31 EDT (regular) but would be 08:31 with a fixed EST offset
        assertThat(CAL.isRegularSession(Instant.parse("2025-03-10T13:31:00Z").toEpochMilli()))
                .isTrue();
        assertThat(CAL.isRegularSession(Instant.parse("2025-03-07T13:31:00Z").toEpochMilli()))
                .isFalse();
    }

    @Test
    void endsTheRegularSessionAt1300OnAHalfDay() {
        LocalDate d = LocalDate.of(2024, 11, 29);
        assertThat(CAL.isRegularSession(MarketTime.epochMillis(d, LocalTime.of(13, 0)))).isTrue();
        assertThat(CAL.isRegularSession(MarketTime.epochMillis(d, LocalTime.of(13, 1))))
                .isFalse();
        assertThat(CAL.isRegularSession(
                MarketTime.epochMillis(LocalDate.of(2025, 1, 9), LocalTime.of(10, 0)))).isFalse();
    }

    @Test
    void treatsWeekdaysOutsideTheDataAsFullTradingDays() {
        assertThat(CAL.covers(LocalDate.of(2027, 12, 31))).isTrue();
        assertThat(CAL.covers(LocalDate.of(2028, 1, 3))).isFalse();
        assertThat(CAL.closeTime(LocalDate.of(2028, 12, 25))).isEqualTo(TradingCalendar.CLOSE);
    }

    @Test
    void agreesWithTheDaysOfTheSpyMinuteFile() throws IOException {
        Path spy = SharedData.file("spy-minute-2011-01.csv");
        var fmt = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");
        Map<LocalDate, Integer> regularBars = new TreeMap<>();
        for (String line : Files.readAllLines(spy)) {
            long ts = LocalDateTime.parse(line.substring(0, 15), fmt).toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            if (CAL.isRegularSession(ts)) {
                regularBars.merge(MarketTime.date(ts), 1, Integer::sum);
            }
        }
        var tradingDays = new TreeSet<LocalDate>();
        LocalDate.of(2011, 1, 3).datesUntil(LocalDate.of(2011, 2, 1))
                .filter(CAL::isTradingDay).forEach(tradingDays::add);
        // every trading day of January 2011 has its 390 regular bars, and no other day has any
        assertThat(regularBars.keySet()).containsExactlyElementsOf(tradingDays);
        assertThat(regularBars.values()).containsOnly(390);
        assertThat(tradingDays).hasSize(20).doesNotContain(LocalDate.of(2011, 1, 17));
    }
}
