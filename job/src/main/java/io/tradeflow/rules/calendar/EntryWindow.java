package io.tradeflow.rules.calendar;

import io.tradeflow.rules.RuleParams;

import java.time.LocalTime;

/** Decides whether an entry may be made at a market time (R-WIN-1): start and end inclusive. */
public final class EntryWindow {
    public static final String RULE = "R-WIN-1";

    private EntryWindow() {}

    public static boolean allows(long ts, RuleParams p) {
        LocalTime t = MarketTime.time(ts);
        return !t.isBefore(p.entryStart()) && !t.isAfter(p.entryEnd());
    }
}
