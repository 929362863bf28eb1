package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.rules.calendar.MarketTime;

import java.time.LocalDate;
import java.time.LocalTime;

/** Builds bars and indicator snapshots by hand for the signal tests. */
final class SignalFixtures {
    static final String TICKER = "SPY";
    /** The Monday after the 2025 switch to daylight saving time, and the day after. */
    static final LocalDate D1 = LocalDate.of(2025, 3, 10);
    static final LocalDate D2 = LocalDate.of(2025, 3, 11);

    private SignalFixtures() {}

    /** Returns the epoch milliseconds of a New York wall-clock time. */
    static long at(LocalDate d, int hour, int minute) {
        return MarketTime.epochMillis(d, LocalTime.of(hour, minute));
    }

    /** Returns a one-minute bar ending at {@code ts}. */
    static Bar bar(long ts, double open, double close) {
        return new Bar(TICKER, ts, open, Math.max(open, close) + 0.05,
                Math.min(open, close) - 0.05, close, 1_000);
    }

    static Ind ind() {
        return new Ind();
    }

    /** Builds an {@link Indicators} snapshot; every field starts unknown, the session regular. */
    static final class Ind {
        boolean regular = true;
        Double atr;
        Double rsi;
        Double emaFast;
        Double emaSlow;
        Double macdHist;
        Double vwap;
        Double relVol;
        Double orbHigh;
        Double orbLow;
        Double pivot;
        Double prevClose;
        Double sessionOpen;

        Ind regular(boolean r) {
            regular = r;
            return this;
        }

        Ind atr(Double v) {
            atr = v;
            return this;
        }

        Ind rsi(Double v) {
            rsi = v;
            return this;
        }

        Ind ema(Double fast, Double slow) {
            emaFast = fast;
            emaSlow = slow;
            return this;
        }

        Ind macdHist(Double v) {
            macdHist = v;
            return this;
        }

        Ind vwap(Double v) {
            vwap = v;
            return this;
        }

        Ind relVol(Double v) {
            relVol = v;
            return this;
        }

        Ind range(Double low, Double high) {
            orbLow = low;
            orbHigh = high;
            return this;
        }

        Ind pivot(Double v) {
            pivot = v;
            return this;
        }

        Ind gap(Double prev, Double open) {
            prevClose = prev;
            sessionOpen = open;
            return this;
        }

        Indicators build() {
            Double macd = macdHist == null ? null : 0.5 + macdHist;
            return new Indicators(regular, atr, rsi, emaFast, emaSlow, macd,
                    macd == null ? null : 0.5, macdHist, vwap, relVol == null ? null : 1_000.0,
                    relVol, orbHigh, orbLow, pivot, pivot == null ? null : pivot + 1,
                    pivot == null ? null : pivot - 1, prevClose, sessionOpen);
        }
    }
}
