package io.tradeflow.engine;

import static io.tradeflow.engine.AccountEngineTest.run;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.calendar.MarketTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** R-MET-1: the portfolio every 5 minutes of the session and at each close, in both modes. */
class SnapshotsEngineTest {

    static List<PortfolioSnapshot> snapshots(List<io.tradeflow.event.AccountOutput> out) {
        return RiskRulebookEngineTest.of(out, PortfolioSnapshot.class);
    }

    @Test
    @DisplayName("R-MET-1: a snapshot every 5 minutes from 09:35 to the 16:00 close, the last one "
            + "marked close")
    void everyFiveMinutesAndAtTheClose() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        for (long t = at("09:31:00"); t <= at("16:00:00"); t += 60_000) {
            in.add(bar("SPY", t, 100, 100, 100, 100, 0.5));
        }
        List<PortfolioSnapshot> s = snapshots(run(ExitsEngineTest.with(AccountConfig.INTRADAY),
                in));

        assertThat(s).hasSize(78);
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i).ts()).isEqualTo(at("09:35:00") + i * 5 * 60_000L);
            assertThat(s.get(i).close()).isEqualTo(i == s.size() - 1);
            assertThat(s.get(i).portfolioValue()).isEqualTo(100_000);
            assertThat(s.get(i).dailyPnl()).isZero();
            assertThat(s.get(i).id()).isEqualTo(EngineFixtures.ACCOUNT + "@"
                    + MarketTime.iso(s.get(i).ts()));
        }
    }

    @Test
    @DisplayName("R-MET-1: an open position's value, unrealized gain, heat and the day's P&L at "
            + "the bar's last mark")
    void openPositionAtItsMark() throws Exception {
        List<AccountInput> in = ExitsEngineTest.longSpy(); // 48 SPY bought at 100, stop 99
        for (String t : List.of("10:02:00", "10:03:00", "10:04:00", "10:05:00")) {
            in.add(bar("SPY", at(t), 101, 101, 101, 101, 0.5));
        }
        List<PortfolioSnapshot> s = snapshots(run(ExitsEngineTest.with(AccountConfig.INTRADAY),
                in));

        // the day's first input is at 10:00: its first snapshot too, before the entry
        assertThat(s.get(0).ts()).isEqualTo(at("10:00:00"));
        assertThat(s.get(0).openPositions()).isZero();
        PortfolioSnapshot at1005 = s.get(1);
        assertThat(at1005.ts()).isEqualTo(at("10:05:00"));
        assertThat(at1005.openPositions()).isEqualTo(1);
        assertThat(at1005.positionsValue()).isEqualTo(48 * 101.0);
        assertThat(at1005.unrealizedPnl()).isEqualTo(48 * 1.0, within(1e-9));
        assertThat(at1005.portfolioValue()).isEqualTo(100_048.0, within(1e-9));
        assertThat(at1005.cash()).isEqualByComparingTo("95200");
        assertThat(at1005.dailyPnl()).isEqualTo(48.0, within(1e-9));
        // what a stop-out would lose, over the portfolio: 48 x 101 x |100 - 99| / 100
        assertThat(at1005.heat()).isEqualTo(48 * 101 * 0.01 / 100_048.0, within(1e-12));
        assertThat(at1005.drawdown()).isZero();
        assertThat(at1005.tier()).isEqualTo("moderate");
        // no more inputs: the rest of the day at the last marks, to the close
        assertThat(s.get(s.size() - 1).ts()).isEqualTo(at("16:00:00"));
        assertThat(s.get(s.size() - 1).close()).isTrue();
    }

    @Test
    @DisplayName("R-MET-1: on an early-close day the 13:00 snapshot is the close; none on a "
            + "weekend")
    void earlyCloseAndWeekend() throws Exception {
        LocalDate early = LocalDate.of(2025, 7, 3);
        LocalDate saturday = LocalDate.of(2025, 7, 5);
        List<AccountInput> in = new ArrayList<>();
        for (String t : List.of("12:41:00", "12:50:00", "13:00:00")) {
            in.add(bar("SPY", EngineFixtures.at(early, t), 100, 100, 100, 100, 0.5));
        }
        in.add(bar("SPY", EngineFixtures.at(saturday, "10:00:00"), 100, 100, 100, 100, 0.5));
        List<PortfolioSnapshot> s = snapshots(run(ExitsEngineTest.with(AccountConfig.INTRADAY),
                in));

        assertThat(s).extracting(p -> MarketTime.time(p.ts())).containsExactly(
                LocalTime.of(12, 45), LocalTime.of(12, 50), LocalTime.of(12, 55),
                LocalTime.of(13, 0));
        assertThat(s).extracting(PortfolioSnapshot::close).containsExactly(false, false, false,
                true);
        assertThat(s).allMatch(p -> MarketTime.date(p.ts()).equals(early));
    }
}
