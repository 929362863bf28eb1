package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.calendar.MarketTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;

/**
 * Examples of R-CAL-1: on an event date, no entries at or after 12:00 New York time; the date and
 * the time are both read in market time, never in UTC.
 */
@DisplayName("R-CAL-1 event-day afternoon block")
class EventDayTest {
    private static final LocalTime NOON = RiskParams.INTRADAY.eventDayCutoff();
    private static final Set<LocalDate> EVENTS = Set.of(LocalDate.of(2025, 3, 19),
            LocalDate.of(2025, 3, 10), LocalDate.of(2025, 11, 3), LocalDate.of(2025, 1, 29));

    private static long et(String date, String time) {
        return MarketTime.epochMillis(LocalDate.parse(date), LocalTime.parse(time));
    }

    private static long utc(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @ParameterizedTest(name = "{0} {1} ET ⇒ pass {2}")
    @CsvSource({
        "2025-03-19, 09:45, true",
        "2025-03-19, 11:59, true",
        "2025-03-19, 11:59:59.999, true",
        "2025-03-19, 12:00, false",
        "2025-03-19, 12:00:00.001, false",
        "2025-03-19, 15:30, false",
        "2025-03-19, 23:59:59.999, false",
        "2025-03-20, 00:00, true",
        "2025-03-18, 12:00, true",
        "2025-03-18, 23:59, true",
        "2025-01-29, 12:00, false",
        "2025-01-29, 11:59, true",
    })
    void blocksTheAfternoonOfAnEventDay(String date, String time, boolean pass) {
        GateResult g = EntryGates.eventDay(et(date, time), EVENTS, NOON);

        assertThat(g.pass()).isEqualTo(pass);
        assertThat(g.rule()).isEqualTo("R-CAL-1");
    }

    @Test
    void readsTheDateInNewYorkTimeNotUtc() {
        // 23:30 ET on the 18th is 03:30Z on the 19th, the event date in UTC only
        assertThat(EntryGates.eventDay(utc("2025-03-19T03:30:00Z"), EVENTS, NOON).pass())
                .isTrue();
        // 23:30 ET on the 19th is 03:30Z on the 20th: still the event afternoon in New York
        GateResult late = EntryGates.eventDay(utc("2025-03-20T03:30:00Z"), EVENTS, NOON);
        assertThat(late.pass()).isFalse();
        assertThat(late.detail()).isEqualTo(
                "2025-03-19 is an event day and 23:30 ET is at or after the cut-off 12:00");
    }

    @Test
    void readsTheCutoffInNewYorkTimeAcrossDstChanges() {
        // 2025-03-10, first weekday on EDT (UTC−4): noon is 16:00Z
        assertThat(EntryGates.eventDay(utc("2025-03-10T15:59:00Z"), EVENTS, NOON).pass())
                .isTrue();
        assertThat(EntryGates.eventDay(utc("2025-03-10T16:00:00Z"), EVENTS, NOON).pass())
                .isFalse();
        // 2025-11-03, first weekday back on EST (UTC−5): noon is 17:00Z
        assertThat(EntryGates.eventDay(utc("2025-11-03T16:59:00Z"), EVENTS, NOON).pass())
                .isTrue();
        assertThat(EntryGates.eventDay(utc("2025-11-03T17:00:00Z"), EVENTS, NOON).pass())
                .isFalse();
    }

    @Test
    void aNullCutoffTurnsTheGateOff() {
        GateResult g = EntryGates.eventDay(et("2025-03-19", "15:00"), EVENTS,
                RiskParams.SWING.eventDayCutoff());

        assertThat(g.pass()).isTrue();
        assertThat(g.detail()).contains("off");
    }

    @Test
    void passesWithoutAnEventCalendar() {
        assertThat(EntryGates.eventDay(et("2025-03-19", "15:00"), null, NOON).pass()).isTrue();
        assertThat(EntryGates.eventDay(et("2025-03-19", "15:00"), Set.of(), NOON).pass())
                .isTrue();
    }
}
