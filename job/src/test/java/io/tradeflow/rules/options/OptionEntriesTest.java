package io.tradeflow.rules.options;

import io.tradeflow.event.OptionQuote;
import io.tradeflow.rules.OptionParams;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan of an options entry: R-OPT-1 series, R-OPT-4 price, R-OPT-3 limit, R-OPT-2 size. */
@DisplayName("R-OPT-1..4 option entry plans")
class OptionEntriesTest {
    /** 2011-01-03 10:00 New York, a Monday with SPY at 127.40. */
    private static final long T0 = Instant.parse("2011-01-03T15:00:00Z").toEpochMilli();
    private static final TradingCalendar NYSE = TradingCalendar.nyse();

    private static OptionEntries.Plan plan(boolean buy, OptionParams params, OptionQuote quote,
            boolean modelAllowed, Double vix) {
        return OptionEntries.plan("SPY", buy, 127.40, T0, params, 0.25,
                c -> quote != null && quote.isOf(c.underlying(), c.expiry().toString(),
                        c.strikeThousandths(), c.right().name()) ? quote : null,
                modelAllowed, vix, OptionSizerTest.request(0.65, null, null), NYSE);
    }

    @Test
    void aBuyTakesTheSameDayCallNearestTheMoneyAtItsAsk() {
        OptionQuote q = new OptionQuote("SPY", "2011-01-03", 127_000, "CALL", 1.50, 1.55, null,
                null, T0);
        OptionEntries.Plan p = plan(true, OptionParams.DEFAULTS, q, true, 17.6);

        assertThat(p.act()).isTrue();
        assertThat(p.contract().occSymbol()).isEqualTo("SPY   110103C00127000");
        assertThat(p.price().modelled()).isFalse();
        assertThat(p.limit()).isEqualTo(1.55);
        assertThat(p.premiumStop()).isCloseTo(1.1625, org.assertj.core.api.Assertions.within(1e-9));
        // 4 000 / 155 = 25 contracts, 25 x 38.75 = 968.75 at risk, within 1 % of 100 000
        assertThat(p.sizing().quantity()).isEqualTo(25);
        assertThat(p.detail()).contains("quoted", "25 contract(s)");
    }

    @Test
    void aSellTakesAPutOutOfTheMoneyByTheConfiguredStrikesAtTheMid() {
        OptionParams params = new OptionParams("weekly", 2, "mid", 0, 0);
        OptionQuote q = new OptionQuote("SPY", "2011-01-07", 125_000, "PUT", 0.60, 0.64, null,
                null, T0);
        OptionEntries.Plan p = plan(false, params, q, true, null);

        assertThat(p.contract().occSymbol()).isEqualTo("SPY   110107P00125000");
        assertThat(p.limit()).isEqualTo(0.62);
        assertThat(p.act()).isTrue();
    }

    @Test
    void withoutAQuoteABacktestPricesWithTheModelAndMarksItModelled() {
        OptionEntries.Plan p = plan(true, OptionParams.DEFAULTS, null, true, 17.6);

        assertThat(p.price().modelled()).isTrue();
        assertThat(p.detail()).contains("modelled");
        assertThat(p.limit()).isPositive();
        assertThat(p.act()).isTrue();
    }

    @Test
    void withoutAQuoteOrAVolatilityItSkipsWithROpt4() {
        assertThat(plan(true, OptionParams.DEFAULTS, null, true, null).skipReason())
                .isEqualTo("R-OPT-4");
        // live and paper never trade on the model
        OptionEntries.Plan live = plan(true, OptionParams.DEFAULTS, null, false, 17.6);
        assertThat(live.skipReason()).isEqualTo("R-OPT-4");
        assertThat(live.detail()).contains("the model prices backtests only");
    }

    @Test
    void aPremiumNotOneContractFitsSkipsWithROpt2() {
        OptionQuote dear = new OptionQuote("SPY", "2011-01-03", 127_000, "CALL", 44, 45, null,
                null, T0);
        assertThat(plan(true, OptionParams.DEFAULTS, dear, true, 17.6).skipReason())
                .isEqualTo("R-OPT-2");
    }
}
