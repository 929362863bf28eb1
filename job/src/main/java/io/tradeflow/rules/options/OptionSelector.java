package io.tradeflow.rules.options;

import io.tradeflow.rules.calendar.TradingCalendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Turns a direction into one option series (R-OPT-1): the expiry the mode names on or after the
 * trading day, and the strike nearest at the money on the strike grid, moved a number of strikes
 * out of the money (up for calls, down for puts).
 */
public final class OptionSelector {
    public static final String RULE = "R-OPT-1";
    /** SPY lists strikes a dollar apart. */
    public static final BigDecimal DEFAULT_STRIKE_STEP = BigDecimal.ONE;

    private OptionSelector() {}

    /** Returns the contract on the default strike grid of one dollar. */
    public static OptionContract select(String underlying, OptionRight direction,
            LocalDate tradingDay, double spot, ExpiryMode mode, int otmStrikes,
            TradingCalendar calendar) {
        return select(underlying, direction, tradingDay, spot, mode, otmStrikes,
                DEFAULT_STRIKE_STEP, calendar);
    }

    /** Returns the contract of {@link #expiry} and {@link #strikeThousandths}. */
    public static OptionContract select(String underlying, OptionRight direction,
            LocalDate tradingDay, double spot, ExpiryMode mode, int otmStrikes,
            BigDecimal strikeStep, TradingCalendar calendar) {
        return new OptionContract(underlying, expiry(tradingDay, mode, calendar),
                strikeThousandths(direction, spot, otmStrikes, strikeStep), direction);
    }

    /**
     * Returns the expiry on or after a day: {@code 0dte} the day itself when it is a trading day,
     * else the next one; {@code 1dte} the next trading day after it; {@code weekly} the Friday of
     * its week, or the trading day before a Friday holiday (the next week's when that is before
     * the day).
     */
    public static LocalDate expiry(LocalDate tradingDay, ExpiryMode mode,
            TradingCalendar calendar) {
        return switch (mode) {
            case ZERO_DTE -> calendar.isTradingDay(tradingDay) ? tradingDay
                    : calendar.nextTradingDay(tradingDay);
            case ONE_DTE -> calendar.nextTradingDay(tradingDay);
            case WEEKLY -> weekly(tradingDay, calendar);
        };
    }

    private static LocalDate weekly(LocalDate tradingDay, TradingCalendar calendar) {
        LocalDate friday = tradingDay.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        while (true) {
            LocalDate expiry = calendar.isTradingDay(friday) ? friday
                    : calendar.previousTradingDay(friday);
            if (!expiry.isBefore(tradingDay)) {
                return expiry;
            }
            friday = friday.plusWeeks(1);
        }
    }

    /**
     * Returns the strike in thousandths of a dollar: the multiple of the step nearest the spot
     * (half a step rounds up), then {@code otmStrikes} steps up for a call or down for a put.
     */
    public static long strikeThousandths(OptionRight direction, double spot, int otmStrikes,
            BigDecimal strikeStep) {
        if (!Double.isFinite(spot) || spot <= 0) {
            throw new IllegalArgumentException("spot must be a positive number, not " + spot);
        }
        if (strikeStep == null || strikeStep.signum() <= 0) {
            throw new IllegalArgumentException("strike step must be positive, not " + strikeStep);
        }
        if (otmStrikes < 0) {
            throw new IllegalArgumentException(
                    "out-of-the-money strikes must not be negative, not " + otmStrikes);
        }
        long step = OptionContract.thousandths(strikeStep);
        long atm = BigDecimal.valueOf(spot).divide(strikeStep, 0, RoundingMode.HALF_UP)
                .longValueExact();
        long steps = direction == OptionRight.CALL ? atm + otmStrikes : atm - otmStrikes;
        if (steps <= 0) {
            throw new IllegalArgumentException("no strike " + otmStrikes + " step(s) of "
                    + strikeStep.toPlainString() + " below a spot of " + spot);
        }
        return Math.multiplyExact(steps, step);
    }
}
