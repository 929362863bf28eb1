package io.tradeflow.io.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.NotifySection;
import io.tradeflow.io.notify.ScheduledNotifications.Day;
import io.tradeflow.io.notify.ScheduledNotifications.Row;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * R-NOTE-1's schedule: passes of {@code tradeflow notify} at any times no further apart than the
 * catch-up window add every summary and digest that fell due between them, each in one pass.
 */
class ScheduledNotificationsProperties {
    static final LocalDate START = LocalDate.of(2025, 1, 6); // a Monday
    static final LocalTime AT = LocalTime.of(16, 30);
    static final NotifySection SECTION =
            new NotifySection(null, null, AT, Duration.ofDays(7));

    @Property
    void theDigestIsDueOnTheFridayOfTheDaysIsoWeek(@ForAll @IntRange(max = 3_000) int offset) {
        LocalDate day = START.plusDays(offset);
        LocalDate friday = ScheduledNotifications.weeklyDue(day, AT)
                .atZone(ZoneId.of("America/New_York")).toLocalDate();
        assertThat(friday.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(ScheduledNotifications.week(friday))
                .isEqualTo(ScheduledNotifications.week(day));
        if (day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
            assertThat(ScheduledNotifications.weeklyDue(day, AT))
                    .isAfterOrEqualTo(ScheduledNotifications.dailyDue(day, AT));
        }
    }

    @Property
    void passesCloserThanTheCatchUpAddEachDueNotificationOnce(
            @ForAll @IntRange(min = 1, max = 40) int sessions,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 7 * 24 - 1) Integer>
                    gapsInHours) {
        List<Day> days = new ArrayList<>();
        for (LocalDate d = START; days.size() < sessions; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
                days.add(new Day("live", "A1", d, 100_000, 0.0, 0, BigDecimal.ZERO, 0, 0, null,
                        "moderate", 0, 0, 0, 0, 0, BigDecimal.ZERO));
            }
        }
        Instant first = START.atStartOfDay(ZoneId.of("America/New_York")).toInstant();
        Instant now = first;
        List<String> added = new ArrayList<>();
        for (int gap : gapsInHours) {
            now = now.plus(Duration.ofHours(gap));
            Set<String> inserted = new HashSet<>(added);
            for (Row r : ScheduledNotifications.plan(days, List.of(), SECTION, now)) {
                // the table's primary key: a row planned again is not inserted again
                if (inserted.add(r.id())) {
                    added.add(r.id());
                    assertThat(r.ts()).isBeforeOrEqualTo(now);
                }
            }
        }
        Instant last = now;
        Set<String> due = new HashSet<>();
        for (Day d : days) {
            if (!ScheduledNotifications.dailyDue(d.day(), AT).isAfter(last)) {
                due.add(ScheduledNotifications.DAILY_SUMMARY + ":A1:" + d.day());
            }
            if (!ScheduledNotifications.weeklyDue(d.day(), AT).isAfter(last)) {
                due.add(ScheduledNotifications.WEEKLY_DIGEST + ":A1:"
                        + ScheduledNotifications.week(d.day()));
            }
        }
        assertThat(added).doesNotHaveDuplicates();
        assertThat(added.stream().collect(Collectors.toSet())).isEqualTo(due);
    }
}
