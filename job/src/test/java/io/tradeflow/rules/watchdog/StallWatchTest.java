package io.tradeflow.rules.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/** The live watchdog's verdicts (issue: market-data outage; R-WIN-2 by the wall clock). */
class StallWatchTest {
    static final TradingCalendar NYSE = TradingCalendar.nyse();
    static final LocalDate DAY = LocalDate.of(2025, 3, 12); // a Wednesday
    static final Duration AFTER = Duration.ofMinutes(2);
    static final LocalTime EXIT = LocalTime.of(15, 0);

    static long at(String hhmmss) {
        return MarketTime.epochMillis(DAY, LocalTime.parse(hhmmss));
    }

    static StallWatch.Verdict check(String wall, long eventTime) {
        return StallWatch.check(at(wall), eventTime, AFTER, EXIT, NYSE);
    }

    @Test
    @DisplayName("event time keeping up with the wall clock is no stall")
    void keepingUp() {
        var v = check("11:00:30", at("10:59:45"));
        assertThat(v.alert()).isFalse();
        assertThat(v.stalledMs()).isEqualTo(45_000);
    }

    @Test
    @DisplayName("more than stall-alert-after behind the wall clock in the session alerts")
    void alertsPastTheLimit() {
        assertThat(check("11:02:00", at("11:00:00")).alert()).as("exactly the limit").isFalse();
        var v = check("11:02:01", at("11:00:00"));
        assertThat(v.alert()).isTrue();
        assertThat(v.stalledMs()).isEqualTo(121_000);
        assertThat(v.flatten()).isFalse();
    }

    @Test
    @DisplayName("the night does not count: a stall is measured from the open")
    void countsFromTheOpen() {
        long yesterdayClose = MarketTime.epochMillis(DAY.minusDays(1), LocalTime.of(16, 0));
        assertThat(check("09:31:00", yesterdayClose).alert()).isFalse();
        assertThat(check("09:32:01", yesterdayClose).alert()).isTrue();
        assertThat(check("09:29:59", yesterdayClose)).isEqualTo(StallWatch.Verdict.NONE);
    }

    @Test
    @DisplayName("outside the session, on weekends and holidays nothing is judged")
    void onlyInTheSession() {
        assertThat(check("16:00:00", at("12:00:00"))).isEqualTo(StallWatch.Verdict.NONE);
        long saturday = MarketTime.epochMillis(LocalDate.of(2025, 3, 15), LocalTime.NOON);
        assertThat(StallWatch.check(saturday, saturday - 86_400_000L, AFTER, EXIT, NYSE))
                .isEqualTo(StallWatch.Verdict.NONE);
        long christmas = MarketTime.epochMillis(LocalDate.of(2025, 12, 25), LocalTime.NOON);
        assertThat(StallWatch.check(christmas, 0, AFTER, EXIT, NYSE))
                .isEqualTo(StallWatch.Verdict.NONE);
    }

    @Test
    @DisplayName("R-WIN-2 by the wall clock: a stall that spans 15:00 flattens intraday positions")
    void flattensWhenTheStallSpansTheForceExit() {
        assertThat(check("14:59:59", at("14:50:00")).flatten()).as("before 15:00").isFalse();
        var v = check("15:00:00", at("14:50:00"));
        assertThat(v.alert()).isTrue();
        assertThat(v.flatten()).isTrue();
        assertThat(check("15:00:30", at("14:59:00")).flatten())
                .as("a normal lag: event time reaches 15:00 itself").isFalse();
        assertThat(check("15:05:00", at("15:00:00")).flatten())
                .as("event time at 15:00: the force exit fired by event time").isFalse();
        assertThat(StallWatch.check(at("15:30:00"), at("14:00:00"), AFTER, null, NYSE).flatten())
                .as("swing holds overnight").isFalse();
    }

    @Test
    @DisplayName("on an early-close day the session ends at 13:00: no 15:00 to span")
    void earlyClose() {
        LocalDate dayAfterThanksgiving = LocalDate.of(2025, 11, 28);
        long wall = MarketTime.epochMillis(dayAfterThanksgiving, LocalTime.of(12, 30));
        assertThat(StallWatch.check(wall, wall - 600_000, AFTER, EXIT, NYSE).alert()).isTrue();
        long after = MarketTime.epochMillis(dayAfterThanksgiving, LocalTime.of(13, 30));
        assertThat(StallWatch.check(after, wall, AFTER, EXIT, NYSE))
                .isEqualTo(StallWatch.Verdict.NONE);
    }
}
