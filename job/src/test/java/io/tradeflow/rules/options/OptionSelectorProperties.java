package io.tradeflow.rules.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.calendar.TradingCalendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Properties of R-OPT-1 over random days of 2010-2027, spots, strike grids and modes. */
@Label("R-OPT-1 option selection properties")
class OptionSelectorProperties {
    private static final TradingCalendar NYSE = TradingCalendar.nyse();

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs().between(LocalDate.of(2010, 1, 1).toEpochDay(),
                LocalDate.of(2027, 12, 20).toEpochDay()).map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<BigDecimal> steps() {
        return Arbitraries.of("0.5", "1", "2.5", "5", "10").map(BigDecimal::new);
    }

    @Property
    void theExpiryIsATradingDayOnOrAfterTheDayWithinAWeek(@ForAll("days") LocalDate day,
            @ForAll ExpiryMode mode) {
        LocalDate expiry = OptionSelector.expiry(day, mode, NYSE);

        assertThat(NYSE.isTradingDay(expiry)).isTrue();
        assertThat(expiry).isAfterOrEqualTo(day).isBefore(day.plusDays(mode == ExpiryMode.WEEKLY
                ? 14 : 7));
        if (mode == ExpiryMode.ZERO_DTE && NYSE.isTradingDay(day)) {
            assertThat(expiry).isEqualTo(day);
        }
        if (mode == ExpiryMode.ONE_DTE) {
            assertThat(NYSE.tradingDaysBetween(day, expiry)).isEqualTo(1);
        }
    }

    @Property
    void theStrikeIsOnTheGridAndTheGivenStepsOutOfTheMoney(@ForAll OptionRight right,
            @ForAll @DoubleRange(min = 100, max = 5000) double spot,
            @ForAll @IntRange(min = 0, max = 3) int otm, @ForAll("steps") BigDecimal step) {
        long strike = OptionSelector.strikeThousandths(right, spot, otm, step);
        long atm = OptionSelector.strikeThousandths(right, spot, 0, step);
        long grid = step.movePointRight(3).longValueExact();

        assertThat(strike % grid).isZero();
        assertThat(Math.abs(atm / 1000.0 - spot)).isLessThanOrEqualTo(step.doubleValue() / 2);
        assertThat(strike - atm).isEqualTo((right == OptionRight.CALL ? otm : -otm) * grid);
    }
}
