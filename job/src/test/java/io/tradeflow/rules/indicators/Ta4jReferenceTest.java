package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks EMA, Wilder RSI, Wilder ATR and MACD(12,26,9) of {@link TickerIndicators} against ta4j
 * 0.17 on the SPY minute bars of January 2011 (14,180 bars, pre/post-market included), to 1e-9
 * relative once both have converged (R-SIG-2, R-STOP-1). ta4j 0.17 (the last release built for
 * Java 11) is called directly through {@link Ta4jOracle}, with {@code DoubleNum} arithmetic, on
 * the Java that runs the build. The tests skip, saying so, only when the SPY month is not found:
 * no shared data folder, or no such file in it ({@code SharedData}).
 *
 * <p>ta4j seeds its EMA and Wilder (MMA) averages with the first value, and its RSI's first gain
 * and loss are 0, where ours seed with the SMA of the first {@code n} values and are null before;
 * the seeds' difference decays as {@code (1 − α)^k}, below 1e-9 relative after {@value #WARM_UP}
 * bars ((13/14)^500 ≈ 1e-16). The MACD line, signal and histogram cross zero, so their error is
 * measured relative to the close (the scale of the EMAs they are differences of).
 */
@DisplayName("R-SIG-2 / R-STOP-1 indicators match ta4j on SPY minute bars")
class Ta4jReferenceTest {
    static final int WARM_UP = 500;
    static final double REL = 1e-9;

    static List<Bar> bars;
    static List<Indicators> ours;
    static Ta4jOracle ta4j;

    /** Loads once; per test, so that a skip (no data) is reported per test. */
    @BeforeEach
    void load() throws IOException {
        if (ours != null) {
            return;
        }
        bars = ReferenceData.spyMinutes();
        ta4j = Ta4jOracle.of(bars);
        TickerIndicators state = TickerIndicators.start(IndicatorParams.DEFAULTS);
        List<Indicators> snapshots = new ArrayList<>(bars.size());
        TradingCalendar cal = TradingCalendar.nyse();
        for (Bar b : bars) {
            state = state.update(b, cal);
            snapshots.add(state.snapshot());
        }
        ours = snapshots;
    }

    @Test
    void readsTheWholeMonth() {
        assertThat(bars).hasSize(14_180);
        assertThat(ta4j.barCount()).isEqualTo(14_180);
    }

    @Test
    void emaFast9AndSlow21MatchTa4j() {
        compare("EMA(9)", ta4j.ema(9), Indicators::emaFast, false);
        compare("EMA(21)", ta4j.ema(21), Indicators::emaSlow, false);
    }

    @Test
    void wilderRsi14MatchesTa4j() {
        compare("RSI(14)", ta4j.rsi(14), Indicators::rsi, false);
    }

    @Test
    void wilderAtr14MatchesTa4j() {
        compare("ATR(14)", ta4j.atr(14), Indicators::atr, false);
    }

    @Test
    void macdLineSignalAndHistogramMatchTa4j() {
        Ta4jOracle.Series[] macd = ta4j.macd(12, 26, 9);
        compare("MACD(12,26)", macd[0], Indicators::macd, true);
        compare("MACD signal(9)", macd[1], Indicators::macdSignal, true);
        compare("MACD histogram", macd[2], Indicators::macdHist, true);
    }

    @Test
    void ta4jSeedsWithTheFirstValueWhereOursWaitsForTheSma() {
        // documents the warm-up difference: ta4j has a value at bar 0, ours only at bar n
        assertThat(ta4j.ema(9).at(0))
                .isEqualTo(bars.get(0).close());
        assertThat(ours.get(0).emaFast()).isNull();
        assertThat(ours.get(7).emaFast()).isNull();
        double sma9 = bars.subList(0, 9).stream().mapToDouble(Bar::close).average().orElseThrow();
        assertThat(ours.get(8).emaFast()).isCloseTo(sma9, offset(1e-12));
        // the seeds differ materially at first, then converge
        assertThat(Math.abs(ta4j.ema(9).at(8) - sma9)).isGreaterThan(1e-4);
        assertThat(Math.abs(ta4j.rsi(14).at(14) - ours.get(14).rsi())).isGreaterThan(1e-3);
        assertThat(ours.get(13).rsi()).isNull();
        assertThat(ours.get(14).rsi()).isNotNull();
        assertThat(ours.get(12).atr()).isNull();
        assertThat(ours.get(13).atr()).isNotNull();
        assertThat(ours.get(32).macdSignal()).isNull();
        assertThat(ours.get(33).macdSignal()).isNotNull();
    }

    private void compare(String name, Ta4jOracle.Series theirs,
            Function<Indicators, Double> mine, boolean relativeToClose) {
        double worst = 0;
        for (int i = WARM_UP; i < bars.size(); i++) {
            double expected = theirs.at(i);
            Double actual = mine.apply(ours.get(i));
            assertThat(actual).as("%s at bar %d", name, i).isNotNull();
            double scale = relativeToClose ? bars.get(i).close() : Math.abs(expected);
            double rel = Math.abs(actual - expected) / Math.max(scale, 1e-300);
            worst = Math.max(worst, rel);
            assertThat(rel).as("%s at bar %d: ours %s, ta4j %s", name, i, actual, expected)
                    .isLessThanOrEqualTo(REL);
        }
        System.out.printf("%s: worst relative difference after %d bars %.3g%n", name, WARM_UP,
                worst);
    }
}
