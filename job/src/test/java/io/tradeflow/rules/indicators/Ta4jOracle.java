package io.tradeflow.rules.indicators;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradeflow.event.Bar;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drives ta4j 0.18 by reflection, as the test oracle for EMA, RSI, ATR and MACD.
 *
 * <p>ta4j 0.18 is compiled for Java 21 (class files 65) while the project builds for Java 17:
 * importing it would break {@code test-compile} on Java 17, so it is loaded at run time and the
 * calling test is skipped, with a message, on a JVM that cannot load it.
 */
final class Ta4jOracle {
    private final Object series;
    private final Class<?> indicatorType;
    private final Object close;

    /** One ta4j indicator: its value at a bar index. */
    interface Series {
        double at(int index);
    }

    private Ta4jOracle(Object series) throws ReflectiveOperationException {
        this.series = series;
        this.indicatorType = type("org.ta4j.core.Indicator");
        this.close = type("org.ta4j.core.indicators.helpers.ClosePriceIndicator")
                .getConstructor(type("org.ta4j.core.BarSeries")).newInstance(series);
    }

    /** Returns a ta4j series (DoubleNum) of the bars, skipping the test when ta4j cannot load. */
    static Ta4jOracle of(List<Bar> bars) throws ReflectiveOperationException {
        Class<?> builderType;
        try {
            builderType = Class.forName("org.ta4j.core.BaseBarSeriesBuilder");
            Class.forName("org.ta4j.core.num.Num");
        } catch (UnsupportedClassVersionError | ClassNotFoundException e) {
            assumeTrue(false, "skipped: ta4j 0.18 cannot be loaded on Java "
                    + Runtime.version().feature() + " (it needs Java 21+): " + e);
            return null;
        }
        Object factory = type("org.ta4j.core.num.DoubleNumFactory").getMethod("getInstance")
                .invoke(null);
        Object builder = builderType.getConstructor().newInstance();
        builder = builderType.getMethod("withName", String.class).invoke(builder, "SPY");
        builder = builderType.getMethod("withNumFactory", type("org.ta4j.core.num.NumFactory"))
                .invoke(builder, factory);
        Object series = builderType.getMethod("build").invoke(builder);

        Class<?> seriesType = type("org.ta4j.core.BarSeries");
        Class<?> barBuilderType = type("org.ta4j.core.BarBuilder");
        Method barBuilder = seriesType.getMethod("barBuilder");
        Method timePeriod = barBuilderType.getMethod("timePeriod", Duration.class);
        Method endTime = barBuilderType.getMethod("endTime", Instant.class);
        Method open = barBuilderType.getMethod("openPrice", Number.class);
        Method high = barBuilderType.getMethod("highPrice", Number.class);
        Method low = barBuilderType.getMethod("lowPrice", Number.class);
        Method closePrice = barBuilderType.getMethod("closePrice", Number.class);
        Method volume = barBuilderType.getMethod("volume", Number.class);
        Method add = barBuilderType.getMethod("add");
        Duration minute = Duration.ofMinutes(1);
        for (Bar b : bars) {
            Object bb = barBuilder.invoke(series);
            timePeriod.invoke(bb, minute);
            endTime.invoke(bb, Instant.ofEpochMilli(b.ts()));
            open.invoke(bb, b.open());
            high.invoke(bb, b.high());
            low.invoke(bb, b.low());
            closePrice.invoke(bb, b.close());
            volume.invoke(bb, b.volume());
            add.invoke(bb);
        }
        return new Ta4jOracle(series);
    }

    int barCount() throws ReflectiveOperationException {
        return (int) type("org.ta4j.core.BarSeries").getMethod("getBarCount").invoke(series);
    }

    /** {@code new EMAIndicator(new ClosePriceIndicator(series), n)}. */
    Series ema(int n) throws ReflectiveOperationException {
        return wrap(onClose("org.ta4j.core.indicators.averages.EMAIndicator", n));
    }

    /** {@code new RSIIndicator(new ClosePriceIndicator(series), n)}. */
    Series rsi(int n) throws ReflectiveOperationException {
        return wrap(onClose("org.ta4j.core.indicators.RSIIndicator", n));
    }

    /** {@code new ATRIndicator(series, n)}. */
    Series atr(int n) throws ReflectiveOperationException {
        return wrap(type("org.ta4j.core.indicators.ATRIndicator")
                .getConstructor(type("org.ta4j.core.BarSeries"), int.class)
                .newInstance(series, n));
    }

    /** The MACD line, its signal line and its histogram. */
    Series[] macd(int fast, int slow, int signal) throws ReflectiveOperationException {
        Class<?> t = type("org.ta4j.core.indicators.MACDIndicator");
        Object macd = t.getConstructor(indicatorType, int.class, int.class)
                .newInstance(close, fast, slow);
        return new Series[] {wrap(macd),
                wrap(t.getMethod("getSignalLine", int.class).invoke(macd, signal)),
                wrap(t.getMethod("getHistogram", int.class).invoke(macd, signal))};
    }

    private Object onClose(String className, int n) throws ReflectiveOperationException {
        return type(className).getConstructor(indicatorType, int.class).newInstance(close, n);
    }

    private Series wrap(Object indicator) throws ReflectiveOperationException {
        Method getValue = indicatorType.getMethod("getValue", int.class);
        Method doubleValue = type("org.ta4j.core.num.Num").getMethod("doubleValue");
        return i -> {
            try {
                return (double) doubleValue.invoke(getValue.invoke(indicator, i));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("ta4j getValue(" + i + ")", e);
            }
        };
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }
}
