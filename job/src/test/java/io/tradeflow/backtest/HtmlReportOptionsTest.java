package io.tradeflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.metrics.TradeRecord;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

/** The report's trade rows name an option trade's contract and show a modelled one as such. */
class HtmlReportOptionsTest {
    private static TradeRecord trade(String instrument, boolean modelled) {
        return new TradeRecord("a", "p-1", "SPY", "long", 5, 0, 1.52, 60_000, 1.8,
                new BigDecimal("133.5000"), "R-WIN-2", instrument, modelled);
    }

    @Test
    void rOpt4AModelledOptionTradeIsShownAsModelled() {
        assertThat(HtmlReport.instrument(trade("SPY   250312C00561000", true)))
                .contains("<code>SPY   250312C00561000</code>", "modelled (R-OPT-4)");
        assertThat(HtmlReport.instrument(trade("SPY   250312C00561000", false)))
                .contains("SPY   250312C00561000").doesNotContain("modelled");
        assertThat(HtmlReport.instrument(trade(null, false))).isEmpty();
    }

    @Test
    void rOpt3AnOptionTradesReturnIsOnPremiumTimesTheMultiplier() {
        // 133.5 on 5 contracts bought at 1.52: 760 of premium
        assertThat(trade("SPY   250312C00561000", true).returnPct())
                .isCloseTo(133.5 / 760, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(trade(null, false).returnPct())
                .isCloseTo(133.5 / 7.6, org.assertj.core.data.Offset.offset(1e-12));
    }
}
