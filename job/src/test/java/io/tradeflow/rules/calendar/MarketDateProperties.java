package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The market date kept between calls equals a fresh time-zone conversion, DST days included. */
class MarketDateProperties {
    private static final ZoneId NY = ZoneId.of("America/New_York");
    // 2024-11-01 .. 2025-04-01: two DST changes, minutes near midnight and across days
    private static final long FROM = Instant.parse("2024-11-01T00:00:00Z").toEpochMilli();

    @Property(tries = 300)
    void dateEqualsTheZoneConversion(
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 150L * 86_400_000)
                    Long> offsets,
            @ForAll @LongRange(min = -3, max = 3) long jitterMinutes) {
        for (long offset : offsets) {
            // bias toward day boundaries: a multiple of a day plus a few minutes either side
            long t = FROM + offset - offset % 86_400_000 + jitterMinutes * 60_000 + offset % 7;
            assertThat(MarketTime.date(t))
                    .isEqualTo(Instant.ofEpochMilli(t).atZone(NY).toLocalDate());
            assertThat(MarketTime.date(t + offset % 86_400_000))
                    .isEqualTo(Instant.ofEpochMilli(t + offset % 86_400_000).atZone(NY)
                            .toLocalDate());
        }
    }
}
