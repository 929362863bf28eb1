package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RuleParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Examples of R-WIN-1: entries 09:45–14:15 (intraday) and 09:45–15:45 (swing), both ends
 * inclusive, in New York time on winter (EST) and summer (EDT) dates alike.
 */
@DisplayName("R-WIN-1 entry window")
class EntryWindowTest {

    @ParameterizedTest(name = "{0} {1} {2} ⇒ {3}")
    @CsvSource({
        // winter (EST, UTC−5) and summer (EDT, UTC−4) dates, same wall-clock thresholds
        "2025-01-15, 09:44:59.999, intraday, false",
        "2025-01-15, 09:45:00,     intraday, true",
        "2025-01-15, 12:00:00,     intraday, true",
        "2025-01-15, 14:15:00,     intraday, true",
        "2025-01-15, 14:15:00.001, intraday, false",
        "2025-07-16, 09:44:59.999, intraday, false",
        "2025-07-16, 09:45:00,     intraday, true",
        "2025-07-16, 14:15:00,     intraday, true",
        "2025-07-16, 14:15:00.001, intraday, false",
        "2025-01-15, 09:44:59.999, swing,    false",
        "2025-01-15, 09:45:00,     swing,    true",
        "2025-01-15, 14:15:00.001, swing,    true",
        "2025-01-15, 15:45:00,     swing,    true",
        "2025-01-15, 15:45:00.001, swing,    false",
        "2025-01-15, 15:46:00,     swing,    false",
        "2025-07-16, 09:45:00,     swing,    true",
        "2025-07-16, 15:45:00,     swing,    true",
        "2025-07-16, 15:46:00,     swing,    false",
        // the days DST starts and ends
        "2025-03-10, 09:45:00,     intraday, true",
        "2025-03-10, 09:44:59.999, intraday, false",
        "2025-11-03, 14:15:00,     intraday, true",
        "2025-11-03, 14:15:00.001, intraday, false",
    })
    void allowsEntriesBetweenStartAndEndInclusive(LocalDate date, LocalTime time,
            String profile, boolean allowed) {
        long ts = MarketTime.epochMillis(date, time);

        assertThat(EntryWindow.allows(ts, RuleParams.defaultsOf(profile))).isEqualTo(allowed);
    }

    @Test
    void readsTheWindowInNewYorkTimeNotUtc() {
        // 14:45Z is 09:45 EST in January but 10:45 EDT in July
        assertThat(EntryWindow.allows(Instant.parse("2025-01-15T14:45:00Z").toEpochMilli(),
                RuleParams.INTRADAY)).isTrue();
        // 13:45Z is 09:45 EDT in July but 08:45 EST in January
        assertThat(EntryWindow.allows(Instant.parse("2025-07-16T13:45:00Z").toEpochMilli(),
                RuleParams.INTRADAY)).isTrue();
        assertThat(EntryWindow.allows(Instant.parse("2025-01-15T13:45:00Z").toEpochMilli(),
                RuleParams.INTRADAY)).isFalse();
        // 18:15Z is 14:15 EDT in July but 13:15 EST in January; 19:15Z is 14:15 EST
        assertThat(EntryWindow.allows(Instant.parse("2025-07-16T18:15:00.001Z").toEpochMilli(),
                RuleParams.INTRADAY)).isFalse();
        assertThat(EntryWindow.allows(Instant.parse("2025-01-15T19:15:00Z").toEpochMilli(),
                RuleParams.INTRADAY)).isTrue();
    }
}
