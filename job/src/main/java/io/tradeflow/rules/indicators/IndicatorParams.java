package io.tradeflow.rules.indicators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the periods of the ticker indicators and whether session indicators use only
 * regular-session bars (configuration {@code indicators.*}).
 *
 * @param regularSessionOnly when true (the default), VWAP, opening range, volume SMA and relative
 *     volume, and the pivots' session high/low/close/open take regular-session bars only; when
 *     false they take every bar of the market date. Price indicators (EMA, RSI, ATR, MACD) take
 *     every bar either way.
 */
public record IndicatorParams(int atrPeriod, int rsiPeriod, int emaFast, int emaSlow,
        int macdFast, int macdSlow, int macdSignal, int volumeSmaPeriod,
        boolean regularSessionOnly) implements Serializable {

    public static final IndicatorParams DEFAULTS =
            new IndicatorParams(14, 14, 9, 21, 12, 26, 9, 20, true);

    /** Returns every problem with these parameters, empty when valid. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        positive(errors, "indicators.atr.period", atrPeriod);
        positive(errors, "indicators.rsi.period", rsiPeriod);
        positive(errors, "indicators.ema.fast", emaFast);
        positive(errors, "indicators.ema.slow", emaSlow);
        positive(errors, "indicators.macd.fast", macdFast);
        positive(errors, "indicators.macd.slow", macdSlow);
        positive(errors, "indicators.macd.signal", macdSignal);
        positive(errors, "indicators.volume.sma", volumeSmaPeriod);
        if (macdFast >= macdSlow) {
            errors.add("indicators.macd.fast (" + macdFast
                    + ") must be below indicators.macd.slow (" + macdSlow + ")");
        }
        return errors;
    }

    private static void positive(List<String> errors, String name, int value) {
        if (value < 1) {
            errors.add(name + " must be >= 1: " + value);
        }
    }
}
