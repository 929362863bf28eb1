package io.tradeflow.rules.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.rebalance.Rebalancer.Held;
import io.tradeflow.rules.rebalance.Rebalancer.Trim;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Examples of R-REB-1: weekly at the first open of the week, trim positions above the max
 * position %, sell the lowest-confidence positions of sectors above the max sector %, keep within
 * the max open positions.
 */
@DisplayName("R-REB-1 weekly rebalance")
class RebalancerTest {
    private static final TradingCalendar CAL = TradingCalendar.nyse();
    private static final double POOL = 100_000;

    private static long at(LocalDate d, int h, int m) {
        return MarketTime.epochMillis(d, LocalTime.of(h, m));
    }

    private static List<Trim> plan(TierParams tier, int maxOpen, Held... held) {
        return Rebalancer.plan(List.of(held), POOL, POOL, tier, maxOpen);
    }

    @Test
    void trimsAPositionAboveTheMaxPositionPercentDownToIt() {
        // moderate 8 % of 100 000 = 8 000: 100 shares at 100 keep 80; 80 at 100 stay
        List<Trim> t = plan(TierParams.MODERATE, 10,
                new Held("AAPL", "Tech", 0.8, 100, 100), new Held("MSFT", "Tech", 0.8, 80, 100));

        assertThat(t).containsExactly(new Trim("AAPL", 20, "R-REB-1:position_pct"));
    }

    @Test
    void keepsAWholeShareBelowTheCap() {
        // 8 000 / 300 = 26.67: keep 26 (7 800)
        List<Trim> t = plan(TierParams.MODERATE, 10, new Held("X", "Tech", 0.8, 30, 300));

        assertThat(t).containsExactly(new Trim("X", 4, "R-REB-1:position_pct"));
    }

    @Test
    void leavesASectorExactlyAtItsMax() {
        // aggressive 35 % of 100 000: 2 000 + 3 × 11 000 = 35 000
        List<Trim> t = plan(TierParams.AGGRESSIVE, 10,
                new Held("AAA", "Tech", 0.6, 20, 100), new Held("BBB", "Tech", 0.8, 110, 100),
                new Held("CCC", "Tech", 0.7, 110, 100), new Held("DDD", "Tech", 0.9, 110, 100));

        assertThat(t).isEmpty();
    }

    @Test
    void sellsTheLowestConfidencePositionsOfAnOverweightSectorFirst() {
        // 2 000 + 3 × 12 000 = 38 000, 3 000 over: all of AAA (0.6), then 10 of CCC (0.7)
        List<Trim> t = plan(TierParams.AGGRESSIVE, 10,
                new Held("BBB", "Tech", 0.8, 120, 100), new Held("DDD", "Tech", 0.9, 120, 100),
                new Held("CCC", "Tech", 0.7, 120, 100), new Held("AAA", "Tech", 0.6, 20, 100),
                new Held("XOM", "Energy", 0.5, 100, 100));

        assertThat(t).containsExactly(new Trim("AAA", 20, "R-REB-1:sector_pct"),
                new Trim("CCC", 10, "R-REB-1:sector_pct"));
    }

    @Test
    void roundsASectorSaleUpToAWholeShare() {
        // moderate 25 %: 4 × 6 250.5 = 25 002 over 25 000 by 2: one share of the lowest
        List<Trim> t = plan(TierParams.MODERATE, 10,
                new Held("A", "Tech", 0.7, 50, 125.01), new Held("B", "Tech", 0.8, 50, 125.01),
                new Held("C", "Tech", 0.9, 50, 125.01), new Held("D", "Tech", 0.95, 50, 125.01));

        assertThat(t).containsExactly(new Trim("A", 1, "R-REB-1:sector_pct"));
    }

    @Test
    void closesTheLowestConfidencePositionsBeyondTheMaxOpenPositions() {
        List<Trim> t = plan(TierParams.MODERATE, 3,
                new Held("A", "S1", 0.9, 10, 100), new Held("B", "S2", 0.5, 10, 100),
                new Held("C", "S3", 0.7, 10, 100), new Held("D", "S4", 0.5, 10, 100),
                new Held("E", "S5", 0.8, 10, 100));

        assertThat(t).containsExactly(new Trim("B", 10, "R-REB-1:max_positions"),
                new Trim("D", 10, "R-REB-1:max_positions"));
        assertThat(plan(TierParams.MODERATE, 0, new Held("A", "S1", 0.9, 10, 100),
                new Held("B", "S2", 0.5, 10, 100))).as("0 turns R-POS-1 off").isEmpty();
    }

    @Test
    void appliesThePassesInOrderOneTrimEach() {
        // AAA: 100 at 100 trimmed to 80 (position); Tech 32 000 is 7 000 over 25 000: 70 more
        // of AAA; 4 open over 2: the rest of AAA, then BBB (0.9 tied with CCC, by ticker)
        List<Trim> t = plan(TierParams.MODERATE, 2,
                new Held("AAA", "Tech", 0.6, 100, 100), new Held("BBB", "Tech", 0.9, 80, 100),
                new Held("CCC", "Tech", 0.9, 80, 100), new Held("DDD", "Tech", 0.95, 80, 100));

        assertThat(t).containsExactly(new Trim("AAA", 20, "R-REB-1:position_pct"),
                new Trim("AAA", 70, "R-REB-1:sector_pct"),
                new Trim("AAA", 10, "R-REB-1:max_positions"),
                new Trim("BBB", 80, "R-REB-1:max_positions"));
    }

    @Test
    void rebalancesAtTheFirstSessionBarOfMonday() {
        LocalDate mon = LocalDate.of(2025, 1, 13);

        assertThat(Rebalancer.isRebalanceBar(at(mon, 9, 31), null, CAL)).isTrue();
        assertThat(Rebalancer.isRebalanceBar(at(mon, 9, 30), null, CAL))
                .as("09:30 ends a pre-market bar").isFalse();
        assertThat(Rebalancer.isRebalanceBar(at(mon, 9, 31), at(mon.minusDays(7), 9, 31), CAL))
                .isTrue();
        assertThat(Rebalancer.isRebalanceBar(at(mon, 9, 32), at(mon, 9, 31), CAL)).isFalse();
        assertThat(Rebalancer.isRebalanceBar(at(mon.plusDays(1), 9, 31), null, CAL))
                .as("Tuesday of a normal week").isFalse();
        assertThat(Rebalancer.isRebalanceBar(at(mon.minusDays(1), 12, 0), null, CAL)).isFalse();
    }

    @Test
    void rebalancesOnTuesdayWhenMondayIsAHoliday() {
        // Monday 20 January 2025 is Martin Luther King Jr. Day
        LocalDate tue = LocalDate.of(2025, 1, 21);

        assertThat(Rebalancer.firstTradingDayOfWeek(LocalDate.of(2025, 1, 24), CAL))
                .isEqualTo(tue);
        assertThat(Rebalancer.isRebalanceBar(at(tue.minusDays(1), 9, 31), null, CAL)).isFalse();
        assertThat(Rebalancer.isRebalanceBar(at(tue, 9, 31), at(LocalDate.of(2025, 1, 13), 9, 31),
                CAL)).isTrue();
        assertThat(Rebalancer.isRebalanceBar(at(tue, 10, 0), at(tue, 9, 31), CAL)).isFalse();
        assertThat(Rebalancer.isRebalanceBar(at(tue.plusDays(1), 9, 31), null, CAL)).isFalse();
    }
}
