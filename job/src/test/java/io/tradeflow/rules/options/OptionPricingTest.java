package io.tradeflow.rules.options;

import io.tradeflow.event.OptionQuote;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** R-OPT-4 prices, R-OPT-3 order prices, exits and booking of option contracts. */
@DisplayName("R-OPT-3 and R-OPT-4 option prices, orders, exits and P&L")
class OptionPricingTest {
    /** 2011-01-03 10:00 New York, a Monday. */
    private static final long T0 = Instant.parse("2011-01-03T15:00:00Z").toEpochMilli();
    private static final OptionContract CALL = new OptionContract("SPY",
            LocalDate.of(2011, 1, 3), 127_000, OptionRight.CALL);

    @Test
    void aQuotePricesAtItsBidAndAskAndIsNotModelled() {
        OptionPrice p = OptionPrice.quoted(new OptionQuote("SPY", "2011-01-03", 127_000, "CALL",
                1.50, 1.55, null, null, T0));
        assertThat(p).isEqualTo(new OptionPrice(1.50, 1.55, false));
        assertThat(p.mid()).isEqualTo(1.525);
    }

    @Test
    void withoutAQuoteTheModelPricesAndMarksItModelled() {
        TradingCalendar nyse = TradingCalendar.nyse();
        OptionPrice p = OptionPrice.modelled(CALL, 127.5, T0, 0.0, 0.18, nyse);
        double years = 360 / TimeToExpiry.MINUTES_PER_YEAR; // 10:00 to 16:00
        assertThat(p.modelled()).isTrue();
        assertThat(p.bid()).isEqualTo(p.ask())
                .isCloseTo(BlackScholes.price(OptionRight.CALL, 127.5, 127, years, 0, 0.18, 0),
                        within(1e-12));
        assertThat(p.bid()).isBetween(0.5, 1.0);
    }

    @Test
    void theModelsVolatilityIsOptionIvElseVixOverAHundred() {
        assertThat(OptionPrice.volatility(0.3, 17.5)).isEqualTo(0.3);
        assertThat(OptionPrice.volatility(0, 17.5)).isEqualTo(0.175);
        assertThat(OptionPrice.volatility(0, null)).isNull();
    }

    @Test
    void theEntryLimitIsTheAskOrTheMidInCents() {
        OptionPrice p = new OptionPrice(1.50, 1.55, false);
        assertThat(OptionOrders.entryLimit(p, "ask")).isEqualTo(1.55);
        assertThat(OptionOrders.entryLimit(p, "mid")).isEqualTo(1.53);
        assertThat(OptionOrders.entryLimit(new OptionPrice(0.001, 0.002, true), "ask"))
                .isEqualTo(0.01);
    }

    @Test
    void aBuyLimitFillsAtTheAskAtOrBelowItAndExitsSellAtTheBid() {
        assertThat(OptionOrders.buyFill(1.55, new OptionPrice(1.50, 1.55, false))).isEqualTo(1.55);
        assertThat(OptionOrders.buyFill(1.55, new OptionPrice(1.45, 1.52, false))).isEqualTo(1.52);
        assertThat(OptionOrders.buyFill(1.55, new OptionPrice(1.55, 1.60, false))).isNull();
        assertThat(OptionOrders.sellFill(new OptionPrice(1.45, 1.52, false))).isEqualTo(1.45);
    }

    @Test
    void underlyingLevelsArePrimaryAndMirroredForAPut() {
        double premiumStop = OptionExits.premiumStop(1.55, 0.25);
        assertThat(premiumStop).isCloseTo(1.1625, within(1e-12));
        // a call: stop below, target above the underlying's entry; the premium is not checked
        assertThat(OptionExits.check(OptionRight.CALL, 126.9, 127.0, 128.0, 0.10, premiumStop))
                .isEqualTo(OptionExits.Trigger.UNDERLYING_STOP);
        assertThat(OptionExits.check(OptionRight.CALL, 128.0, 127.0, 128.0, 2.0, premiumStop))
                .isEqualTo(OptionExits.Trigger.UNDERLYING_TARGET);
        assertThat(OptionExits.check(OptionRight.CALL, 127.5, 127.0, 128.0, 0.10, premiumStop))
                .isEqualTo(OptionExits.Trigger.NONE);
        // a put: stop above, target below
        assertThat(OptionExits.check(OptionRight.PUT, 128.0, 128.0, 126.0, 1.0, premiumStop))
                .isEqualTo(OptionExits.Trigger.UNDERLYING_STOP);
        assertThat(OptionExits.check(OptionRight.PUT, 125.9, 128.0, 126.0, 1.0, premiumStop))
                .isEqualTo(OptionExits.Trigger.UNDERLYING_TARGET);
    }

    @Test
    void withoutAtrLevelsThePremiumStopIsTheFallback() {
        double premiumStop = OptionExits.premiumStop(1.55, 0.25);
        assertThat(OptionExits.check(OptionRight.CALL, 100, null, null, 1.17, premiumStop))
                .isEqualTo(OptionExits.Trigger.NONE);
        assertThat(OptionExits.check(OptionRight.CALL, 100, null, null, 1.16, premiumStop))
                .isEqualTo(OptionExits.Trigger.PREMIUM_STOP);
    }

    @Test
    void booksPremiumTimesMultiplierLessCommissionPerContract() {
        assertThat(OptionPnl.notional(1.55, 25, 100)).isEqualByComparingTo("3875");
        assertThat(OptionPnl.commission(25, 0.65)).isEqualByComparingTo("16.25");
        assertThat(OptionPnl.realized(1.55, 2.10, 25, 100, 0.65))
                .isEqualByComparingTo("1342.50");
        assertThat(OptionPnl.realized(1.55, 2.10, 25, 100, 0.65).scale()).isEqualTo(4);
        assertThat(OptionPnl.realized(1.55, 1.1625, 25, 100, 0)).isEqualByComparingTo("-968.75");
    }
}
