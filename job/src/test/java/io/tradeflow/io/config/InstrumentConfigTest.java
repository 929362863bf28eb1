package io.tradeflow.io.config;

import io.tradeflow.rules.AccountConfig;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code instrument} account key: shares by default, options on intraday accounts (R-OPT-1). */
class InstrumentConfigTest {
    private static final String YAML =
            """
            accounts:
              - id: A1
                profile: intraday
                mode: backtest
                cash: 100000
                universe: [SPY]
              - id: S1
                profile: swing
                mode: backtest
                cash: 50000
                universe: [AAPL]
            """;

    @Test
    void tradesSharesUnlessSetToOptions() {
        TradeflowConfig c = ConfigLoader.parse(YAML, List.of());
        assertThat(c.engine().accounts()).extracting(AccountConfig::instrument)
                .containsExactly("shares", "shares");
        assertThat(ConfigLoader.toJson(c)).doesNotContain("instrument");

        TradeflowConfig o = ConfigLoader.parse(YAML, List.of("accounts.0.instrument=options"));
        assertThat(o.engine().accounts().get(0).tradesOptions()).isTrue();
        assertThat(o.engine().accounts().get(1).tradesOptions()).isFalse();
        // the effective configuration loads back to the same accounts
        assertThat(ConfigLoader.parse(ConfigLoader.toJson(o), List.of()).engine().accounts())
                .isEqualTo(o.engine().accounts());
    }

    @Test
    void rejectsOptionsOnASwingAccountAndUnknownInstruments() {
        assertThatThrownBy(() -> ConfigLoader.parse(YAML, List.of("accounts.1.instrument=options",
                "accounts.0.instrument=futures")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors()).containsExactly(
                        "accounts[0].instrument: unknown instrument 'futures' (expected shares"
                                + " or options)",
                        "accounts[1].instrument: options are traded by intraday accounts only"
                                + " (R-OPT-1), not by a swing account"));
    }
}
