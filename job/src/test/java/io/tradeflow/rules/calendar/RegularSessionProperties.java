package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A bar's regular session, told from its end instant with the sessions kept between calls,
 * equals the rule read from a fresh time-zone conversion: a trading day, and an end time in
 * (09:30, close] New York time. Instants fall near the open, the early and the normal close, on
 * holidays, half days, weekends, the DST days and outside the calendar's years, in any order.
 */
class RegularSessionProperties {
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final TradingCalendar CAL = TradingCalendar.nyse();
    private static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2011, 1, 3), LocalDate.of(2011, 1, 17), // a Monday, MLK day
            LocalDate.of(2024, 11, 29), LocalDate.of(2024, 12, 24), // half days
            LocalDate.of(2025, 1, 9), LocalDate.of(2024, 12, 25), // a closure, a holiday
            LocalDate.of(2025, 3, 9), LocalDate.of(2025, 3, 10), // spring forward, the Monday
            LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 4), // fall back, the Monday
            LocalDate.of(2025, 3, 8), LocalDate.of(2009, 12, 31), // a Saturday, before the data
            LocalDate.of(2028, 7, 3), LocalDate.of(2028, 12, 25)); // after it: full days

    @Property(tries = 1000)
    void equalsTheRuleReadFromAFreshConversion(
            @ForAll @Size(min = 1, max = 40) List<@From("instants") Long> instants) {
        for (long ts : instants) {
            ZonedDateTime at = Instant.ofEpochMilli(ts).atZone(NY);
            LocalTime close = CAL.closeTime(at.toLocalDate());
            boolean expected = close != null && at.toLocalTime().isAfter(TradingCalendar.OPEN)
                    && !at.toLocalTime().isAfter(close);
            assertThat(CAL.isRegularSession(ts)).as("%s", at).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Long> instants() {
        Arbitrary<LocalDate> day = Arbitraries.oneOf(Arbitraries.of(DAYS),
                Arbitraries.longs().between(0, 20 * 366).map(d -> LocalDate.of(2009, 1, 1)
                        .plusDays(d)));
        Arbitrary<LocalTime> time = Arbitraries.of(LocalTime.MIDNIGHT, LocalTime.of(2, 30),
                TradingCalendar.OPEN, TradingCalendar.EARLY_CLOSE, TradingCalendar.CLOSE,
                LocalTime.of(23, 59, 59, 999_000_000));
        Arbitrary<Long> jitterMs = Arbitraries.oneOf(Arbitraries.longs().between(-2, 2),
                Arbitraries.longs().between(-90, 90).map(m -> m * 60_000),
                Arbitraries.longs().between(-86_400_000L, 86_400_000L));
        return Combinators.combine(day, time, jitterMs)
                .as((d, t, j) -> d.atTime(t).atZone(NY).toInstant().toEpochMilli() + j);
    }
}
