package io.tradeflow.rules.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

/** Examples of R-SIG-1: in live and paper only allowed types open positions. */
@DisplayName("R-SIG-1 live signal gate")
class LiveSignalGateTest {
    private static final Set<String> DEFAULT_ALLOWED = Set.of("orb", "orb_direction", "confluence");

    @ParameterizedTest(name = "{0} in {1}, backtest allows all: {2} ⇒ {3}")
    @DisplayName("R-SIG-1 gate table")
    @CsvSource(nullValues = "NULL", value = {
        // type, account mode, backtestAllowsAll, allowed
        "orb,            live,     true,  true",
        "orb_direction,  live,     true,  true",
        "confluence,     live,     true,  true",
        "ema_cross,      live,     true,  false",
        "vwap_reversion, live,     true,  false",
        "orb,            paper,    true,  true",
        "confluence,     paper,    true,  true",
        "ema_cross,      paper,    true,  false",
        "vwap_reversion, paper,    true,  false",
        "orb,            backtest, true,  true",
        "ema_cross,      backtest, true,  true",
        "vwap_reversion, backtest, true,  true",
        "unknown_type,   backtest, true,  true",
        "orb,            backtest, false, true",
        "ema_cross,      backtest, false, false",
        "vwap_reversion, backtest, false, false",
        "ema_cross,      live,     false, false",
        "ema_cross,      NULL,     true,  false",
        "ema_cross,      other,    true,  false",
        "confluence,     NULL,     true,  true",
        "NULL,           live,     true,  false",
    })
    void gateTable(String type, String mode, boolean backtestAllowsAll, boolean allowed) {
        assertThat(LiveSignalGate.allows(type, mode, DEFAULT_ALLOWED, backtestAllowsAll))
                .isEqualTo(allowed);
    }

    @Test
    @DisplayName("R-SIG-1 an account's own list replaces the default")
    void accountListApplies() {
        assertThat(LiveSignalGate.allows("orb", "live", Set.of("ema_cross"))).isFalse();
        assertThat(LiveSignalGate.allows("ema_cross", "paper", Set.of("ema_cross"))).isTrue();
        assertThat(LiveSignalGate.allows("orb", "live", Set.of())).isFalse();
        assertThat(LiveSignalGate.allows("orb", "live", null)).isFalse();
        assertThat(LiveSignalGate.allows("ema_cross", "backtest", Set.of())).isTrue();
    }

    @Test
    @DisplayName("R-SIG-1 a blocked signal is skipped with reason R-SIG-1")
    void skipReasonIsTheRuleId() {
        assertThat(LiveSignalGate.SKIP_REASON).isEqualTo("R-SIG-1");
        assertThat(LiveSignalGate.DEFAULT_BACKTEST_ALLOWS_ALL).isTrue();
    }
}
