package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RuleParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** Examples of R-WIN-2: intraday positions close at 15:00 New York time; swing holds. */
@DisplayName("R-WIN-2 force exit")
class ForceExitTest {
    private static final LocalTime THREE_PM = LocalTime.of(15, 0);
    private static final LocalDate WED = LocalDate.of(2025, 1, 15);

    private static long at(LocalDate d, int h, int m) {
        return MarketTime.epochMillis(d, LocalTime.of(h, m));
    }

    @Test
    void closesAnIntradayPositionAt1500TheSameDay() {
        Long exit = ForceExit.after(at(WED, 10, 0), RuleParams.INTRADAY);

        assertThat(exit).isEqualTo(MarketTime.epochMillis(WED, THREE_PM));
        assertThat(exit).isEqualTo(Instant.parse("2025-01-15T20:00:00Z").toEpochMilli());
    }

    @Test
    void closesAtTheSameDaysForceExitUpToTheLastMillisecondBefore() {
        long justBefore = MarketTime.epochMillis(WED, THREE_PM) - 1;

        assertThat(ForceExit.after(justBefore, RuleParams.INTRADAY))
                .isEqualTo(MarketTime.epochMillis(WED, THREE_PM));
    }

    @Test
    void movesToTheNextDayAtTheForceExitItself() {
        assertThat(ForceExit.after(at(WED, 15, 0), RuleParams.INTRADAY))
                .isEqualTo(MarketTime.epochMillis(WED.plusDays(1), THREE_PM));
    }

    @Test
    void movesToTheNextDayAfterTheForceExit() {
        assertThat(ForceExit.after(at(WED, 15, 1), RuleParams.INTRADAY))
                .isEqualTo(MarketTime.epochMillis(WED.plusDays(1), THREE_PM));
        assertThat(ForceExit.after(at(WED, 23, 59), RuleParams.INTRADAY))
                .isEqualTo(MarketTime.epochMillis(WED.plusDays(1), THREE_PM));
    }

    @Test
    void usesTheNewYorkDateNotTheUtcDate() {
        // 2025-01-16T01:00Z is still 20:00 on the 15th in New York: next exit is the 16th 15:00
        long evening = Instant.parse("2025-01-16T01:00:00Z").toEpochMilli();

        assertThat(ForceExit.after(evening, RuleParams.INTRADAY))
                .isEqualTo(Instant.parse("2025-01-16T20:00:00Z").toEpochMilli());
    }

    @Test
    void neverForceExitsASwingPosition() {
        assertThat(ForceExit.after(at(WED, 10, 0), RuleParams.SWING)).isNull();
        assertThat(ForceExit.after(at(WED, 15, 30), RuleParams.SWING)).isNull();
    }

    @Test
    void closesAt1500LocalOnTheMondayAfterDstStarts() {
        // DST started Sunday 2025-03-09 02:00: 15:00 EDT = 19:00Z
        LocalDate monday = LocalDate.of(2025, 3, 10);

        assertThat(ForceExit.after(at(monday, 10, 0), RuleParams.INTRADAY))
                .isEqualTo(Instant.parse("2025-03-10T19:00:00Z").toEpochMilli());
    }

    @Test
    void closesAt1500LocalOnTheMondayAfterDstEnds() {
        // DST ended Sunday 2025-11-02 02:00: 15:00 EST = 20:00Z
        LocalDate monday = LocalDate.of(2025, 11, 3);

        assertThat(ForceExit.after(at(monday, 10, 0), RuleParams.INTRADAY))
                .isEqualTo(Instant.parse("2025-11-03T20:00:00Z").toEpochMilli());
    }

    @Test
    void keeps1500LocalWhenTheNextDayCrossesADstChange() {
        // after 15:00 on the Saturday before each change: a 23 h and a 25 h day follow
        long spring = ForceExit.after(at(LocalDate.of(2025, 3, 8), 15, 30), RuleParams.INTRADAY);
        long fall = ForceExit.after(at(LocalDate.of(2025, 11, 1), 15, 30), RuleParams.INTRADAY);

        assertThat(MarketTime.iso(spring)).isEqualTo("2025-03-09T15:00:00-04:00");
        assertThat(MarketTime.iso(fall)).isEqualTo("2025-11-02T15:00:00-05:00");
        assertThat(MarketTime.time(spring)).isEqualTo(THREE_PM);
        assertThat(MarketTime.time(fall)).isEqualTo(THREE_PM);
    }
}
