package io.tradeflow.rules.indicators;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Holds every indicator of one ticker, updated in O(1) per bar (the volume SMA in O(period)), and
 * fills the {@link Indicators} snapshot the ticker stage attaches to each bar.
 *
 * <p>Price indicators (ATR, RSI, EMA fast/slow, MACD) take every bar, pre- and post-market
 * included. Session indicators (VWAP, opening range, volume SMA and relative volume, the pivots'
 * session high/low/close/open) take regular-session bars only — a trading day and an end time in
 * (09:30, close] ET by the {@link TradingCalendar}, DST by {@code America/New_York} — unless
 * {@link IndicatorParams#regularSessionOnly()} is false, when they take every bar of the market
 * date. In a snapshot, VWAP and the opening range are those of the bar's own date ({@code null}
 * on a pre-market bar, final values on a post-market one); relative volume is {@code null} on a
 * bar that did not enter the volume SMA; the pivots roll at the first bar of a new date. Bars
 * must arrive in time order. Immutable, so it can be kept as keyed state as it is.
 *
 * @param ts end time of the last bar (epoch ms), {@code Long.MIN_VALUE} before the first
 * @param day market date of the last bar as an epoch day
 * @param regularSession whether the last bar was in the regular session
 * @param inSession whether the last bar updated the session indicators
 */
public record TickerIndicators(
        IndicatorParams params,
        long ts,
        long day,
        boolean regularSession,
        boolean inSession,
        WilderAtr atr,
        WilderRsi rsi,
        Ema emaFast,
        Ema emaSlow,
        Macd macd,
        SessionVwap vwap,
        VolumeSma volume,
        OpeningRange openingRange,
        Pivots pivots) implements Serializable {

    /** Returns the state before the first bar; throws when the parameters are invalid. */
    public static TickerIndicators start(IndicatorParams p) {
        var errors = p.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid indicator parameters: " + errors);
        }
        return new TickerIndicators(p, Long.MIN_VALUE, Long.MIN_VALUE, false, false,
                WilderAtr.start(p.atrPeriod()), WilderRsi.start(p.rsiPeriod()),
                Ema.start(p.emaFast()), Ema.start(p.emaSlow()),
                Macd.start(p.macdFast(), p.macdSlow(), p.macdSignal()), SessionVwap.start(),
                VolumeSma.start(p.volumeSmaPeriod()), OpeningRange.start(), Pivots.start());
    }

    /** Returns the state after {@code bar} (its {@code ts} is the bar's end time). */
    public TickerIndicators update(Bar bar, TradingCalendar cal) {
        LocalDate date = MarketTime.date(bar.ts());
        LocalTime end = MarketTime.time(bar.ts());
        boolean regular = cal.isRegularSession(bar.ts());
        boolean session = regular || !params.regularSessionOnly();

        double h = bar.high();
        double l = bar.low();
        double c = bar.close();
        SessionVwap v = vwap;
        VolumeSma vol = volume;
        OpeningRange orb = openingRange;
        Pivots piv = pivots.startDay(date);
        if (session) {
            v = v.update(date, h, l, c, bar.volume());
            vol = vol.update(bar.volume());
            orb = orb.update(date, end, h, l);
            piv = piv.update(date, end, bar.open(), h, l, c);
        }
        return new TickerIndicators(params, bar.ts(), date.toEpochDay(), regular, session,
                atr.update(h, l, c), rsi.update(c), emaFast.update(c), emaSlow.update(c),
                macd.update(c), v, vol, orb, piv);
    }

    /** Returns the indicators known at the last bar's end; every field is null before it. */
    public Indicators snapshot() {
        if (ts == Long.MIN_VALUE) {
            return new Indicators(false, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null);
        }
        boolean orbToday = openingRange.day() == day;
        return new Indicators(
                regularSession,
                atr.value(),
                rsi.value(),
                emaFast.value(),
                emaSlow.value(),
                macd.macd(),
                macd.signalLine(),
                macd.histogram(),
                vwap.day() == day ? vwap.value() : null,
                volume.value(),
                inSession ? volume.relVol() : null,
                orbToday ? openingRange.high() : null,
                orbToday ? openingRange.low() : null,
                pivots.pivot(),
                pivots.r1(),
                pivots.s1(),
                pivots.prevClose(),
                pivots.day() == day ? pivots.sessionOpen() : null);
    }
}
