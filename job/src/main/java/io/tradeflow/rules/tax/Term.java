package io.tradeflow.rules.tax;

import java.time.LocalDate;

/** Classifies a holding period as short or long term (held more than one year is long). */
public enum Term {
    SHORT,
    LONG;

    /**
     * Returns the term of shares held from {@code buyDate} (the adjusted buy date, which includes
     * the holding period a wash sale carried over) to {@code sellDate}: long when sold after the
     * buy date's anniversary, as IRS Publication 550 counts it (the day after the buy is day 1).
     */
    public static Term of(LocalDate buyDate, LocalDate sellDate) {
        return sellDate.isAfter(buyDate.plusYears(1)) ? LONG : SHORT;
    }
}
