package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Session behaviour of the per-ticker indicators: VWAP, opening range (R-SIG-3), relative volume
 * and pivots (R-SIG-2) on regular-session bars, price indicators on every bar.
 */
@DisplayName("R-SIG-2 / R-SIG-3 ticker indicators and the regular session")
class TickerIndicatorsTest {
    private static final TradingCalendar CAL = TradingCalendar.nyse();
    private static final double TOL = 1e-12;
    private static final LocalDate MON = LocalDate.of(2024, 6, 3);
    private static final LocalDate TUE = LocalDate.of(2024, 6, 4);

    static Bar bar(LocalDate d, LocalTime end, double o, double h, double l, double c, long v) {
        return new Bar("T", MarketTime.epochMillis(d, end), o, h, l, c, v);
    }

    static Bar flat(LocalDate d, LocalTime end, double price, long v) {
        return bar(d, end, price, price, price, price, v);
    }

    static TickerIndicators feed(TickerIndicators s, Bar... bars) {
        for (Bar b : bars) {
            s = s.update(b, CAL);
        }
        return s;
    }

    static TickerIndicators start() {
        return TickerIndicators.start(IndicatorParams.DEFAULTS);
    }

    @Test
    void hasNothingBeforeTheFirstBar() {
        Indicators i = start().snapshot();
        assertThat(i.regularSession()).isFalse();
        assertThat(i).hasAllNullFieldsOrPropertiesExcept("regularSession");
    }

    @Test
    void resetsTheVwapAtTheOpen() {
        TickerIndicators s = start();
        for (int m = 1; m <= 10; m++) {
            s = s.update(bar(MON, LocalTime.of(9, 30 + m), 100, 101, 99, 100, 1_000), CAL);
        }
        assertThat(s.snapshot().vwap()).isCloseTo(100, within(TOL));

        s = s.update(flat(TUE, LocalTime.of(8, 0), 50, 5_000), CAL);
        assertThat(s.snapshot().regularSession()).isFalse();
        assertThat(s.snapshot().vwap()).as("pre-market: today's session has not started").isNull();

        s = s.update(bar(TUE, LocalTime.of(9, 31), 200, 201, 198, 200, 10), CAL);
        assertThat(s.snapshot().regularSession()).isTrue();
        assertThat(s.snapshot().vwap()).isCloseTo((201 + 198 + 200) / 3.0, within(TOL));
        s = s.update(bar(TUE, LocalTime.of(9, 32), 200, 203, 203, 203, 30), CAL);
        assertThat(s.snapshot().vwap()).isCloseTo((199.666666666666667 * 10 + 203 * 30) / 40,
                within(1e-9));
    }

    @Test
    void completesTheOpeningRangeAfterThe0945BarAndResetsItNextDay() {
        TickerIndicators s = start();
        for (int m = 1; m <= 14; m++) {
            s = s.update(bar(MON, LocalTime.of(9, 30 + m), 100, 100 + m, 100 - m, 100, 100), CAL);
            assertThat(s.snapshot().orbHigh()).as("after the bar ending 09:%d", 30 + m).isNull();
        }
        s = s.update(bar(MON, LocalTime.of(9, 45), 100, 101, 99.5, 100, 100), CAL);
        assertThat(s.snapshot().orbHigh()).isEqualTo(114.0);
        assertThat(s.snapshot().orbLow()).isEqualTo(86.0);

        s = s.update(bar(MON, LocalTime.of(9, 46), 100, 150, 50, 100, 100), CAL);
        assertThat(s.snapshot().orbHigh()).as("a later bar never extends the range")
                .isEqualTo(114.0);
        assertThat(s.snapshot().orbLow()).isEqualTo(86.0);

        s = s.update(flat(TUE, LocalTime.of(9, 31), 100, 100), CAL);
        assertThat(s.snapshot().orbHigh()).isNull();
        assertThat(s.snapshot().orbLow()).isNull();
    }

    @Test
    void completesTheOpeningRangeAtTheFirstLaterBarWhenThe0945BarIsMissing() {
        TickerIndicators s = feed(start(), flat(MON, LocalTime.of(9, 31), 100, 10),
                flat(MON, LocalTime.of(9, 40), 101, 10));
        assertThat(s.snapshot().orbHigh()).isNull();
        s = s.update(flat(MON, LocalTime.of(9, 50), 120, 10), CAL);
        assertThat(s.snapshot().orbHigh()).isEqualTo(101.0);
        assertThat(s.snapshot().orbLow()).isEqualTo(100.0);
    }

    @Test
    void keepsPreMarketBarsOutOfSessionIndicatorsButInPriceIndicators() {
        var params = new IndicatorParams(14, 14, 2, 21, 12, 26, 9, 20, true);
        TickerIndicators s = TickerIndicators.start(params);
        s = feed(s, bar(MON, LocalTime.of(9, 0), 100, 1_000, 1, 500, 1_000_000));
        assertThat(s.snapshot().regularSession()).isFalse();
        assertThat(s.snapshot().vwap()).isNull();
        assertThat(s.snapshot().relVol()).isNull();
        assertThat(s.snapshot().sessionOpen()).isNull();

        s = feed(s, bar(MON, LocalTime.of(9, 31), 100, 102, 98, 101, 100));
        Indicators i = s.snapshot();
        assertThat(i.emaFast()).as("EMA(2) counts the pre-market bar").isEqualTo((500 + 101) / 2.0);
        assertThat(i.vwap()).isCloseTo((102 + 98 + 101) / 3.0, within(TOL));
        assertThat(i.sessionOpen()).isEqualTo(100.0);

        for (int m = 2; m <= 15; m++) {
            s = s.update(bar(MON, LocalTime.of(9, 30 + m), 101, 102, 98, 101, 100), CAL);
        }
        assertThat(s.snapshot().orbHigh()).isEqualTo(102.0);
        assertThat(s.snapshot().orbLow()).isEqualTo(98.0);

        s = feed(s, bar(MON, LocalTime.of(16, 30), 101, 900, 2, 300, 1_000_000),
                flat(TUE, LocalTime.of(7, 0), 101, 10));
        Indicators pre = s.snapshot();
        assertThat(pre.pivot()).isCloseTo((102 + 98 + 101) / 3.0, within(TOL));
        assertThat(pre.prevClose()).isEqualTo(101.0);
    }

    @Test
    void computesPivotsFromThePriorRegularSession() {
        TickerIndicators s = feed(start(),
                bar(MON, LocalTime.of(9, 31), 100, 104, 99, 103, 10),
                bar(MON, LocalTime.of(12, 0), 103, 110, 101, 108, 10),
                bar(MON, LocalTime.of(15, 0), 108, 108, 90, 95, 10),
                bar(MON, LocalTime.of(16, 0), 95, 106, 94, 105, 10));
        assertThat(s.snapshot().pivot()).as("no prior session yet").isNull();
        assertThat(s.snapshot().sessionOpen()).isEqualTo(100.0);

        s = feed(s, flat(TUE, LocalTime.of(8, 0), 120, 10));
        Indicators pre = s.snapshot();
        double p = (110 + 90 + 105) / 3.0;
        assertThat(pre.pivot()).isCloseTo(p, within(TOL));
        assertThat(pre.r1()).isCloseTo(2 * p - 90, within(TOL));
        assertThat(pre.s1()).isCloseTo(2 * p - 110, within(TOL));
        assertThat(pre.prevClose()).isEqualTo(105.0);
        assertThat(pre.sessionOpen()).as("before Tuesday's open").isNull();

        s = feed(s, bar(TUE, LocalTime.of(9, 31), 107, 108, 106, 107.5, 10));
        assertThat(s.snapshot().sessionOpen()).isEqualTo(107.0);
        assertThat(s.snapshot().pivot()).isCloseTo(p, within(TOL));
    }

    @Test
    void givesNoPivotsFromASessionSeenOnlyFromMidDay() {
        TickerIndicators s = feed(start(), flat(MON, LocalTime.of(11, 0), 100, 10),
                flat(MON, LocalTime.of(16, 0), 101, 10), flat(TUE, LocalTime.of(9, 31), 102, 10));
        assertThat(s.snapshot().pivot()).isNull();
        assertThat(s.snapshot().prevClose()).isNull();
    }

    @Test
    void measuresRelativeVolumeAgainstTheLast20SessionBars() {
        TickerIndicators s = start();
        for (int m = 1; m <= 19; m++) {
            s = s.update(flat(MON, LocalTime.of(9, 30 + m), 100, 100), CAL);
            assertThat(s.snapshot().relVol()).isNull();
        }
        s = feed(s, flat(MON, LocalTime.of(10, 0), 100, 100));
        assertThat(s.snapshot().relVol()).isCloseTo(1.0, within(TOL));
        s = feed(s, flat(MON, LocalTime.of(10, 1), 100, 300));
        assertThat(s.snapshot().volumeSma()).isCloseTo(110.0, within(TOL));
        assertThat(s.snapshot().relVol()).isCloseTo(300 / 110.0, within(TOL));
        s = feed(s, flat(MON, LocalTime.of(16, 5), 100, 50_000));
        assertThat(s.snapshot().relVol()).as("post-market bars are not in the SMA").isNull();
        assertThat(s.snapshot().volumeSma()).isCloseTo(110.0, within(TOL));
    }

    @Test
    void followsNewYorkDaylightSavingTimeOnTheDstDay() {
        // 2011-03-13 switched to EDT: on Monday 2011-03-14 the open is 13:30 UTC, not 14:30
        TickerIndicators s = start();
        s = s.update(utc("2011-03-14T12:31:00Z", 500, 1), CAL);
        assertThat(s.snapshot().regularSession()).as("08:31 EDT").isFalse();
        for (int m = 31; m <= 45; m++) {
            s = s.update(utc("2011-03-14T13:" + m + ":00Z", 100 + m, 10), CAL);
            assertThat(s.snapshot().regularSession()).isTrue();
        }
        assertThat(s.snapshot().orbHigh()).as("complete at 13:45 UTC = 09:45 EDT")
                .isEqualTo(145.0);
        assertThat(s.snapshot().orbLow()).isEqualTo(131.0);
        assertThat(s.snapshot().vwap()).isCloseTo(138.0, within(1e-9));

        // the Friday before, in EST, 13:31 UTC was 08:31: pre-market
        TickerIndicators fri = start().update(utc("2011-03-11T13:31:00Z", 100, 1), CAL);
        assertThat(fri.snapshot().regularSession()).isFalse();
        assertThat(start().update(utc("2011-03-11T14:31:00Z", 100, 1), CAL).snapshot()
                .regularSession()).isTrue();
    }

    @Test
    void endsTheSessionAt1300OnAHalfDay() {
        LocalDate half = LocalDate.of(2024, 11, 29);
        TickerIndicators s = feed(start(),
                bar(half, LocalTime.of(9, 31), 100, 101, 99, 100, 10),
                bar(half, LocalTime.of(13, 0), 100, 102, 98, 101, 10));
        assertThat(s.snapshot().regularSession()).isTrue();
        s = feed(s, bar(half, LocalTime.of(13, 1), 101, 200, 10, 150, 1_000));
        assertThat(s.snapshot().regularSession()).isFalse();
        assertThat(s.snapshot().vwap()).as("after the close, the session's VWAP stays")
                .isCloseTo((100 + (102 + 98 + 101) / 3.0) / 2, within(TOL));

        s = feed(s, bar(LocalDate.of(2024, 12, 2), LocalTime.of(9, 31), 100, 100, 100, 100, 1));
        assertThat(s.snapshot().pivot()).isCloseTo((102 + 98 + 101) / 3.0, within(TOL));
        assertThat(s.snapshot().prevClose()).isEqualTo(101.0);
    }

    @Test
    void ignoresBarsOnAHolidayForSessionIndicators() {
        LocalDate mlk = LocalDate.of(2011, 1, 17);
        TickerIndicators s = feed(start(), flat(mlk, LocalTime.of(10, 0), 100, 10));
        assertThat(s.snapshot().regularSession()).isFalse();
        assertThat(s.snapshot().vwap()).isNull();
    }

    @Test
    void takesEveryBarOfTheDateWhenNotRestrictedToTheRegularSession() {
        var all = new IndicatorParams(14, 14, 9, 21, 12, 26, 9, 20, false);
        TickerIndicators s = TickerIndicators.start(all);
        s = feed(s, flat(MON, LocalTime.of(8, 0), 90, 10), flat(MON, LocalTime.of(9, 31), 110, 10));
        assertThat(s.snapshot().regularSession()).isTrue();
        assertThat(s.snapshot().vwap()).isCloseTo(100.0, within(TOL));
        assertThat(s.snapshot().sessionOpen()).isEqualTo(90.0);
    }

    @Test
    void rejectsInvalidParametersWithEveryError() {
        var bad = new IndicatorParams(0, 14, 9, 21, 26, 12, 9, 0, true);
        assertThat(bad.validate()).hasSize(3);
        assertThatThrownBy(() -> TickerIndicators.start(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indicators.atr.period");
        assertThat(IndicatorParams.DEFAULTS.validate()).isEmpty();
    }

    @Test
    void tellsTheCandleBodyDirection() {
        assertThat(CandleBody.direction(100, 101)).isOne();
        assertThat(CandleBody.direction(101, 100)).isEqualTo(-1);
        assertThat(CandleBody.direction(new Bar("T", 0, 100, 101, 99, 100, 1))).isZero();
    }

    private static Bar utc(String instant, double price, long volume) {
        return new Bar("T", Instant.parse(instant).toEpochMilli(), price, price, price, price,
                volume);
    }
}
