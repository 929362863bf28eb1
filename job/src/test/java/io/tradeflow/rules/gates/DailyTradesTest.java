package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of R-DAY-1: at most {@code maxTradesPerDay} (6) entries a day and no entry after
 * {@code maxConsecutiveLosses} (3) losing trades in a row; 0 turns either off (swing).
 */
@DisplayName("R-DAY-1 daily trades and consecutive losses")
class DailyTradesTest {

    @ParameterizedTest(name = "intraday: {0} entries, {1} losses in a row ⇒ pass {2}")
    @CsvSource({
        "0, 0, true",
        "5, 0, true",
        "6, 0, false",
        "7, 0, false",
        "0, 2, true",
        "0, 3, false",
        "5, 2, true",
        "6, 3, false",
        "2, 4, false",
    })
    void stopsAtTheTradeCapOrTheLosingStreak(int entries, int losses, boolean pass) {
        GateResult g = EntryGates.dailyTrades(entries, losses, RiskParams.INTRADAY);

        assertThat(g.pass()).isEqualTo(pass);
        assertThat(g.rule()).isEqualTo("R-DAY-1");
    }

    @Test
    void zeroLimitsTurnTheRuleOff() {
        GateResult g = EntryGates.dailyTrades(100, 100, RiskParams.SWING);

        assertThat(g.pass()).isTrue();
        assertThat(g.detail()).contains("100 entries today (no daily limit)")
                .contains("100 losing trades in a row (no limit)");
    }

    @Test
    void eachHalfCanBeOffAlone() {
        RiskParams noCap = RiskParams.INTRADAY.withMaxTradesPerDay(0);
        RiskParams noStreak = RiskParams.INTRADAY.withMaxConsecutiveLosses(0);

        assertThat(EntryGates.dailyTrades(50, 2, noCap).pass()).isTrue();
        assertThat(EntryGates.dailyTrades(50, 3, noCap).pass()).isFalse();
        assertThat(EntryGates.dailyTrades(5, 50, noStreak).pass()).isTrue();
        assertThat(EntryGates.dailyTrades(6, 50, noStreak).pass()).isFalse();
    }

    @Test
    void tellsWhichLimitWasReached() {
        assertThat(EntryGates.dailyTrades(6, 1, RiskParams.INTRADAY).detail()).isEqualTo(
                "6 entries today reach the daily limit of 6; "
                        + "1 losing trades in a row of at most 3");
        assertThat(EntryGates.dailyTrades(2, 3, RiskParams.INTRADAY).detail()).isEqualTo(
                "3 losing trades in a row reach the limit of 3; 2 entries today of at most 6");
    }
}
