package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Properties of the indicators over random series (R-SIG-2, R-STOP-1). */
@Label("R-SIG-2 / R-STOP-1 indicator properties")
class IndicatorProperties {
    private static final TradingCalendar CAL = TradingCalendar.nyse();
    private static final LocalDate DAY = LocalDate.of(2024, 6, 3);

    record Ohlcv(double open, double high, double low, double close, long volume) {}

    @Provide
    Arbitrary<List<Double>> prices() {
        return Arbitraries.doubles().between(0.01, 10_000).list().ofMinSize(1).ofMaxSize(80);
    }

    @Provide
    Arbitrary<List<Ohlcv>> bars() {
        Arbitrary<Ohlcv> bar = Combinators.combine(
                Arbitraries.doubles().between(1, 1_000),
                Arbitraries.doubles().between(0, 50),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.longs().between(0, 1_000_000))
                .as((low, range, o, c, v) -> new Ohlcv(low + o * range, low + range, low,
                        low + c * range, v));
        return bar.list().ofMinSize(1).ofMaxSize(120);
    }

    @Property
    void rsiStaysWithin0And100(@ForAll @IntRange(min = 1, max = 20) int period,
            @ForAll("prices") List<Double> prices) {
        WilderRsi rsi = WilderRsi.start(period);
        for (double p : prices) {
            rsi = rsi.update(p);
            if (rsi.value() != null) {
                assertThat(rsi.value()).isBetween(0.0, 100.0);
            }
        }
    }

    @Property
    void emaStaysBetweenTheSmallestAndLargestInput(
            @ForAll @IntRange(min = 1, max = 30) int period,
            @ForAll("prices") List<Double> prices) {
        Ema ema = Ema.start(period);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double p : prices) {
            min = Math.min(min, p);
            max = Math.max(max, p);
            ema = ema.update(p);
            if (ema.value() != null) {
                double tol = 1e-9 * max;
                assertThat(ema.value()).isBetween(min - tol, max + tol);
            }
        }
    }

    @Property
    void sessionIndicatorsStayWithinTheSessionRangeAndAtrIsNotNegative(
            @ForAll("bars") List<Ohlcv> bars) {
        // one bar a minute from 09:31 (120 at most: all in the regular session)
        TickerIndicators s = TickerIndicators.start(IndicatorParams.DEFAULTS);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        List<Indicators> seen = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Ohlcv b = bars.get(i);
            long ts = MarketTime.epochMillis(DAY, LocalTime.of(9, 31).plusMinutes(i));
            s = s.update(new Bar("T", ts, b.open(), b.high(), b.low(), b.close(), b.volume()),
                    CAL);
            low = Math.min(low, b.low());
            high = Math.max(high, b.high());
            Indicators ind = s.snapshot();
            seen.add(ind);
            double tol = 1e-9 * high;
            if (ind.vwap() != null) {
                assertThat(ind.vwap()).isBetween(low - tol, high + tol);
            }
            if (ind.atr() != null) {
                assertThat(ind.atr()).isGreaterThanOrEqualTo(0.0);
            }
            if (ind.rsi() != null) {
                assertThat(ind.rsi()).isBetween(0.0, 100.0);
            }
            if (ind.orbHigh() != null) {
                assertThat(ind.orbLow()).isLessThanOrEqualTo(ind.orbHigh());
                assertThat(ind.orbHigh()).isLessThanOrEqualTo(high);
                assertThat(ind.orbLow()).isGreaterThanOrEqualTo(low);
            }
            if (ind.relVol() != null) {
                assertThat(ind.relVol()).isGreaterThanOrEqualTo(0.0);
            }
        }
        assertThat(seen).allSatisfy(i -> assertThat(i.regularSession()).isTrue());
    }
}
