package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The market date, time and ISO text kept between calls equal a fresh time-zone conversion and
 * formatting, DST days included.
 */
class MarketDateProperties {
    private static final ZoneId NY = ZoneId.of("America/New_York");
    // 2024-11-01 .. 2025-04-01: two DST changes, minutes near midnight and across days
    private static final long FROM = Instant.parse("2024-11-01T00:00:00Z").toEpochMilli();

    @Property(tries = 500)
    void dateAndTimeEqualTheZoneConversion(
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 150L * 86_400_000)
                    Long> offsets,
            @ForAll @LongRange(min = -90, max = 90) long jitterMinutes) {
        for (long offset : offsets) {
            // near a UTC midnight (a New York evening), then near 02:00-03:00 New York time,
            // where the clocks change on the DST days, then anywhere in the day
            long t = FROM + offset - offset % 86_400_000 + jitterMinutes * 60_000 + offset % 7;
            for (long u : new long[] {t, t + 7 * 3_600_000, t + offset % 86_400_000}) {
                assertThat(MarketTime.date(u)).as("%d", u)
                        .isEqualTo(Instant.ofEpochMilli(u).atZone(NY).toLocalDate());
                assertThat(MarketTime.time(u)).as("%d", u)
                        .isEqualTo(Instant.ofEpochMilli(u).atZone(NY).toLocalTime());
                assertThat(MarketTime.dayEnd(u)).as("%d", u).isEqualTo(Instant.ofEpochMilli(u)
                        .atZone(NY).toLocalDate().plusDays(1).atStartOfDay(NY).toInstant()
                        .toEpochMilli());
            }
        }
    }

    @Property(tries = 1000)
    void isoTextEqualsTheFormatter(
            @ForAll @LongRange(min = -2_208_988_800_000L, max = 4_102_444_800_000L) long any,
            @ForAll @LongRange(min = 0, max = 150L * 86_400_000) long nearDst,
            @ForAll boolean whole) {
        // any instant 1900-2100, and one in the DST window above, on a whole second or not
        for (long t : new long[] {any, FROM + nearDst}) {
            long u = whole ? t - Math.floorMod(t, 1000) : t;
            DateTimeFormatter f = DateTimeFormatter.ofPattern(u % 1000 == 0
                    ? "uuuu-MM-dd'T'HH:mm:ssXXX" : "uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
            assertThat(MarketTime.iso(u)).as("%d", u)
                    .isEqualTo(f.format(Instant.ofEpochMilli(u).atZone(NY)));
        }
    }

    /** A date and time to an instant, with the date kept or not, DST days included. */
    @Property(tries = 1_000)
    void epochMillisEqualsTheZoneConversion(@ForAll @LongRange(min = 0, max = 150) long days,
            @ForAll @LongRange(min = 0, max = 86_399_999) long milliOfDay) {
        LocalDate date = LocalDate.of(2024, 11, 1).plusDays(days);
        LocalTime time = LocalTime.ofNanoOfDay(milliOfDay * 1_000_000);
        long expected = date.atTime(time).atZone(NY).toInstant().toEpochMilli();
        assertThat(MarketTime.epochMillis(date, time)).as("%s %s", date, time)
                .isEqualTo(expected);
        MarketTime.date(expected); // now the date is kept
        assertThat(MarketTime.epochMillis(date, time)).as("%s %s", date, time)
                .isEqualTo(expected);
    }
}
