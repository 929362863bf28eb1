package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** Examples of market time: America/New_York, DST-aware, from event time (all rules). */
@DisplayName("Market time (America/New_York) for R-WIN-1, R-WIN-2")
class MarketTimeTest {

    @Test
    void formatsAWinterTimeWithTheEstOffset() {
        long ts = MarketTime.epochMillis(LocalDate.of(2025, 1, 15), LocalTime.of(10, 15, 7));

        assertThat(MarketTime.iso(ts)).isEqualTo("2025-01-15T10:15:07-05:00");
        assertThat(ts).isEqualTo(Instant.parse("2025-01-15T15:15:07Z").toEpochMilli());
    }

    @Test
    void formatsASummerTimeWithTheEdtOffset() {
        long ts = MarketTime.epochMillis(LocalDate.of(2025, 7, 16), LocalTime.of(10, 15, 7));

        assertThat(MarketTime.iso(ts)).isEqualTo("2025-07-16T10:15:07-04:00");
        assertThat(ts).isEqualTo(Instant.parse("2025-07-16T14:15:07Z").toEpochMilli());
    }

    @Test
    void switchesOffsetOnTheDstDays() {
        // the Monday after each change, as in the Javadoc example
        assertThat(MarketTime.iso(Instant.parse("2025-03-10T14:15:07Z").toEpochMilli()))
                .isEqualTo("2025-03-10T10:15:07-04:00");
        assertThat(MarketTime.iso(Instant.parse("2025-11-03T15:15:07Z").toEpochMilli()))
                .isEqualTo("2025-11-03T10:15:07-05:00");
        // either side of 2025-03-09 02:00 EST → 03:00 EDT; seconds are always written
        assertThat(MarketTime.iso(Instant.parse("2025-03-09T06:59:59Z").toEpochMilli()))
                .isEqualTo("2025-03-09T01:59:59-05:00");
        assertThat(MarketTime.iso(Instant.parse("2025-03-09T07:00:00Z").toEpochMilli()))
                .isEqualTo("2025-03-09T03:00:00-04:00");
    }

    @Test
    void keepsMilliseconds() {
        long ts = MarketTime.epochMillis(LocalDate.of(2025, 1, 15), LocalTime.of(9, 44, 59,
                999_000_000));

        assertThat(MarketTime.iso(ts)).isEqualTo("2025-01-15T09:44:59.999-05:00");
    }

    @Test
    void convertsBackToTheSameNewYorkDateAndTime() {
        LocalDate d = LocalDate.of(2025, 11, 3);
        LocalTime t = LocalTime.of(15, 0);
        long ts = MarketTime.epochMillis(d, t);

        assertThat(MarketTime.date(ts)).isEqualTo(d);
        assertThat(MarketTime.time(ts)).isEqualTo(t);
        assertThat(MarketTime.at(ts).getZone()).isEqualTo(MarketTime.ZONE);
    }

    @Test
    void givesTheNewYorkDateNotTheUtcDate() {
        // 03:30Z on the 16th is 22:30 on the 15th in New York
        long ts = Instant.parse("2025-01-16T03:30:00Z").toEpochMilli();

        assertThat(MarketTime.date(ts)).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(MarketTime.time(ts)).isEqualTo(LocalTime.of(22, 30));
    }
}
