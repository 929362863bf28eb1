package io.tradeflow.rules.indicators;

import io.tradeflow.event.Bar;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds ta4j 0.17 indicators (DoubleNum) over the same bars, as the test oracle for EMA, RSI, ATR
 * and MACD. 0.17 is the last ta4j built for Java 11; 0.18 and later need Java 21.
 */
final class Ta4jOracle {
    private final BarSeries series;
    private final ClosePriceIndicator close;

    /** One ta4j indicator: its value at a bar index. */
    interface Series {
        double at(int index);
    }

    private Ta4jOracle(BarSeries series) {
        this.series = series;
        this.close = new ClosePriceIndicator(series);
    }

    static Ta4jOracle of(List<Bar> bars) {
        BarSeries series = new BaseBarSeriesBuilder().withName("SPY")
                .withNumTypeOf(DoubleNum.class).build();
        for (Bar b : bars) {
            series.addBar(Duration.ofMinutes(1),
                    Instant.ofEpochMilli(b.ts()).atZone(ZoneOffset.UTC),
                    b.open(), b.high(), b.low(), b.close(), b.volume());
        }
        return new Ta4jOracle(series);
    }

    int barCount() {
        return series.getBarCount();
    }

    Series ema(int n) {
        return wrap(new EMAIndicator(close, n));
    }

    Series rsi(int n) {
        return wrap(new RSIIndicator(close, n));
    }

    Series atr(int n) {
        return wrap(new ATRIndicator(series, n));
    }

    /** The MACD line, its signal line and its histogram. */
    Series[] macd(int fast, int slow, int signal) {
        MACDIndicator macd = new MACDIndicator(close, fast, slow);
        return new Series[] {wrap(macd), wrap(macd.getSignalLine(signal)),
                wrap(macd.getHistogram(signal))};
    }

    private static Series wrap(Indicator<Num> indicator) {
        return i -> indicator.getValue(i).doubleValue();
    }
}
