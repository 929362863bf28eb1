package io.tradeflow.rules.options;

import static io.tradeflow.rules.options.ExpiryMode.ONE_DTE;
import static io.tradeflow.rules.options.ExpiryMode.WEEKLY;
import static io.tradeflow.rules.options.ExpiryMode.ZERO_DTE;
import static io.tradeflow.rules.options.OptionRight.CALL;
import static io.tradeflow.rules.options.OptionRight.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Examples of R-OPT-1: a direction becomes one option series, expiry and strike. */
@DisplayName("R-OPT-1 option selection")
class OptionSelectorTest {
    private static final TradingCalendar NYSE = TradingCalendar.nyse();

    @ParameterizedTest
    @CsvSource({
        // underlying, direction, trading day, spot, mode, otm strikes, OCC symbol
        "SPY, CALL, 2011-01-03, 127.31, ZERO_DTE, 0, 'SPY   110103C00127000'",
        "SPY, PUT, 2011-01-03, 127.31, ZERO_DTE, 2, 'SPY   110103P00125000'",
        "QQQ, PUT, 2025-01-15, 519.8, WEEKLY, 1, 'QQQ   250117P00519000'",
        "SPY, CALL, 2024-12-31, 586.08, ONE_DTE, 0, 'SPY   250102C00586000'"
    })
    void selectsTheSeriesOfTheDirectionExpiryAndStrike(String underlying, OptionRight direction,
            LocalDate day, double spot, ExpiryMode mode, int otm, String symbol) {
        OptionContract c = OptionSelector.select(underlying, direction, day, spot, mode, otm,
                NYSE);

        assertThat(c.occSymbol()).isEqualTo(symbol);
        assertThat(c.multiplier()).isEqualTo(100);
    }

    @Test
    void aCallTwoStrikesOutOfTheMoneyIsTwoStepsAbove() {
        assertThat(OptionSelector.strikeThousandths(CALL, 127.31, 2, BigDecimal.ONE))
                .isEqualTo(129_000L);
    }

    @ParameterizedTest
    @CsvSource({
        // right, spot, otm strikes, step, strike in thousandths
        "CALL, 127.5, 0, 1, 128000", // half a step rounds up
        "PUT, 127.49, 0, 1, 127000",
        "CALL, 127.3, 0, 0.5, 127500",
        "PUT, 127.3, 1, 0.5, 127000",
        "CALL, 4512.3, 1, 5, 4515000",
        "PUT, 4512.3, 3, 5, 4495000",
        "CALL, 41.1, 0, 2.5, 40000",
        "PUT, 3.26, 1, 0.5, 3000"
    })
    void roundsToTheStrikeGridThenMovesOutOfTheMoney(OptionRight right, double spot, int otm,
            BigDecimal step, long expected) {
        assertThat(OptionSelector.strikeThousandths(right, spot, otm, step)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        // trading day, mode, expiry
        "2025-01-15, ZERO_DTE, 2025-01-15", // Wednesday: the day itself
        "2025-01-18, ZERO_DTE, 2025-01-21", // Saturday before MLK day: the next trading day
        "2025-01-15, ONE_DTE, 2025-01-16",
        "2025-01-17, ONE_DTE, 2025-01-21", // Friday: over the weekend and MLK day
        "2025-01-15, WEEKLY, 2025-01-17", // Wednesday: that week's Friday
        "2025-01-17, WEEKLY, 2025-01-17", // Friday: itself
        "2025-01-18, WEEKLY, 2025-01-24", // Saturday: the next week's Friday
        "2025-04-14, WEEKLY, 2025-04-17", // Good Friday 2025-04-18: the Thursday before
        "2025-04-17, WEEKLY, 2025-04-17",
        "2025-04-18, WEEKLY, 2025-04-25" // on Good Friday itself the next week's
    })
    void picksTheExpiryTheModeNames(LocalDate day, ExpiryMode mode, LocalDate expiry) {
        assertThat(OptionSelector.expiry(day, mode, NYSE)).isEqualTo(expiry);
    }

    @Test
    void readsTheExpiryModeFromConfiguration() {
        assertThat(ExpiryMode.parse("0dte")).isEqualTo(ZERO_DTE);
        assertThat(ExpiryMode.parse("1dte")).isEqualTo(ONE_DTE);
        assertThat(ExpiryMode.parse("weekly")).isEqualTo(WEEKLY);
        assertThatThrownBy(() -> ExpiryMode.parse("monthly"))
                .hasMessage("option expiry must be 0dte, 1dte or weekly, not 'monthly'");
    }

    @Test
    void rejectsWhatHasNoStrike() {
        assertThatThrownBy(() -> OptionSelector.strikeThousandths(CALL, Double.NaN, 0,
                BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spot");
        assertThatThrownBy(() -> OptionSelector.strikeThousandths(CALL, 0, 0, BigDecimal.ONE))
                .hasMessageContaining("spot");
        assertThatThrownBy(() -> OptionSelector.strikeThousandths(CALL, 100, -1, BigDecimal.ONE))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> OptionSelector.strikeThousandths(CALL, 100, 0, BigDecimal.ZERO))
                .hasMessageContaining("strike step must be positive");
        assertThatThrownBy(() -> OptionSelector.strikeThousandths(CALL, 100, 0,
                new BigDecimal("0.0001"))).hasMessageContaining("thousandths");
        assertThatThrownBy(() -> OptionSelector.strikeThousandths(PUT, 2.2, 2, BigDecimal.ONE))
                .hasMessage("no strike 2 step(s) of 1 below a spot of 2.2");
    }
}
