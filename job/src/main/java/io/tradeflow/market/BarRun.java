package io.tradeflow.market;

import io.tradeflow.event.Bar;

import java.util.List;

/**
 * Carries bars of one ticker to the ticker stage, in time order: one bar (STREAMING), or a run of
 * them (BATCH: one record through the sort instead of hundreds, see {@code BarRuns}). The record's
 * time is its first bar's; {@link MarketAnalytics} handles each bar at its own time.
 *
 * @param bars at least one, of one ticker, in time order
 */
public record BarRun(List<Bar> bars) {
    public BarRun {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("a run of bars holds at least one");
        }
    }

    /** Returns a run of one bar. */
    public static BarRun of(Bar bar) {
        return new BarRun(List.of(bar));
    }

    public String ticker() {
        return bars.get(0).ticker();
    }

    /** Returns the time of the first bar: the record's time. */
    public long ts() {
        return bars.get(0).ts();
    }
}
