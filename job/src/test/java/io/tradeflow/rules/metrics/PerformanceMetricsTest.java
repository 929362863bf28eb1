package io.tradeflow.rules.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Fill;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.rules.calendar.MarketTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Hand-computed examples of R-MET-1 and the R-BT-1 report metrics. */
@DisplayName("R-MET-1, R-BT-1 performance metrics")
class PerformanceMetricsTest {
    private static final double TOL = 1e-9;
    private static final PerformanceMetrics METRICS = PerformanceMetrics.nyse();
    /** Mon 2025-03-03 … Mon 2025-03-10: six trading days, a DST change on Sunday the 9th. */
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2025, 3, 3),
            LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 5), LocalDate.of(2025, 3, 6),
            LocalDate.of(2025, 3, 7), LocalDate.of(2025, 3, 10));

    static long at(LocalDate d, int hour, int minute) {
        return MarketTime.epochMillis(d, LocalTime.of(hour, minute));
    }

    /** 100 at the first open, then one close per day compounding the given daily returns. */
    static List<EquityPoint> curve(double... returns) {
        List<EquityPoint> c = new ArrayList<>();
        c.add(new EquityPoint(at(DAYS.get(0), 9, 30), 100));
        double v = 100;
        for (int i = 0; i < returns.length; i++) {
            v *= 1 + returns[i];
            c.add(new EquityPoint(at(DAYS.get(i), 16, 0), v));
        }
        return c;
    }

    static TradeRecord trade(String id, double pnl) {
        return new TradeRecord("a", id, "SPY", "long", 10, at(DAYS.get(0), 10, 0), 100,
                at(DAYS.get(0), 11, 0), 100 + pnl / 10, BigDecimal.valueOf(pnl), "R-STOP-3");
    }

    @Test
    void computesSharpeSortinoAndDrawdownOfSixDailyReturns() {
        // r = [2, −1, 3, 0.5, −2, 4] %: Σ = 6.5 %, mean = 1.08333 %
        // deviations² (×1e-4): 0.840278, 4.340278, 3.673611, 0.340278, 9.506944, 8.506944
        // Σ = 27.208333e-4; sample var = Σ / 5 = 5.441667e-4; sd = 2.3327380 %
        // Sharpe = 1.0833333 / 2.3327380 × √252 (15.8745079) = 7.3721881
        // downside: √((0.01² + 0.02²) / 6) = √(8.33333e-5) = 0.91287093 %
        // Sortino = 1.0833333 / 0.91287093 × √252 = 18.8387898
        // values 100, 102, 100.98, 104.0094, 104.529447, 102.43885806, 106.5364123824:
        // the worst fall is 104.529447 → 102.43885806 = 2 %, and the last value is a new high
        List<EquityPoint> c = curve(0.02, -0.01, 0.03, 0.005, -0.02, 0.04);

        assertThat(PerformanceMetrics.dailyReturns(c))
                .containsExactly(new double[] {0.02, -0.01, 0.03, 0.005, -0.02, 0.04}, within(TOL));
        Metrics m = METRICS.compute(List.of(), c);

        assertThat(m.tradingDays()).isEqualTo(6);
        assertThat(m.sharpe()).isCloseTo(7.3721881, within(1e-6));
        assertThat(m.sortino()).isCloseTo(18.8387898, within(1e-6));
        assertThat(m.maxDrawdown()).isCloseTo(0.02, within(TOL));
        assertThat(m.currentDrawdown()).isCloseTo(0, within(TOL));
        assertThat(m.totalReturn()).isCloseTo(0.065364123824, within(TOL));
        assertThat(m.startValue()).isEqualTo(100);
        assertThat(m.endValue()).isCloseTo(106.5364123824, within(TOL));
        // span 2025-03-03 09:30 → 03-10 16:00 EDT = 7 d 6.5 h − 1 h (DST) = 7.229167 days
        double years = (7 + 5.5 / 24) / 365.25;
        assertThat(m.cagr()).isCloseTo(Math.pow(1.065364123824, 1 / years) - 1, within(1e-6));
        assertThat(m.exposure()).isZero();
    }

    @Test
    void dailyClosesGiveCloseToCloseReturnsAndTheSameRatios() {
        // the seven closes of the example above, one per date: six returns, not seven
        List<EquityPoint> curve = curve(0.02, -0.01, 0.03, 0.005, -0.02, 0.04);
        List<EquityPoint> closes = new ArrayList<>();
        for (int i = 0; i < curve.size(); i++) {
            LocalDate d = i < DAYS.size() ? DAYS.get(i) : LocalDate.of(2025, 3, 11);
            closes.add(new EquityPoint(at(d, 16, 0), curve.get(i).value()));
        }

        Metrics m = METRICS.computeDaily(closes);

        assertThat(PerformanceMetrics.closeToCloseReturns(closes))
                .containsExactly(new double[] {0.02, -0.01, 0.03, 0.005, -0.02, 0.04}, within(TOL));
        assertThat(m.tradingDays()).isEqualTo(6);
        assertThat(m.sharpe()).isCloseTo(7.3721881, within(1e-6));
        assertThat(m.sortino()).isCloseTo(18.8387898, within(1e-6));
        // sample sd 2.3327380 % × √252
        assertThat(m.volatility()).isCloseTo(0.3703107, within(1e-6));
        assertThat(m.maxDrawdown()).isCloseTo(0.02, within(TOL));
        assertThat(m.totalReturn()).isCloseTo(0.065364123824, within(TOL));
        assertThat(m.exposure()).as("closes hold no positions").isNaN();
        assertThat(m.tradeCount()).isZero();
    }

    @Test
    void currentDrawdownIsMeasuredFromThePeakBeforeTheLastValue() {
        // 100 → 110 → 99: peak 110, max = current = 11 / 110 = 10 %
        List<EquityPoint> c = curve(0.10, -0.10);

        Metrics m = METRICS.compute(List.of(), c);

        assertThat(m.maxDrawdown()).isCloseTo(0.10, within(TOL));
        assertThat(m.currentDrawdown()).isCloseTo(0.10, within(TOL));
    }

    @Test
    void emptyInputHasNoDefinedMetricButCountsNoTrade() {
        Metrics m = METRICS.compute(List.of(), List.of());

        assertThat(m.tradeCount()).isZero();
        assertThat(m.tradingDays()).isZero();
        assertThat(m.realizedPnl()).isZero();
        for (double v : new double[] {m.startValue(), m.endValue(), m.totalReturn(), m.cagr(),
                m.sharpe(), m.sortino(), m.maxDrawdown(), m.currentDrawdown(), m.winRate(),
                m.averageWin(), m.averageLoss(), m.profitFactor(), m.exposure()}) {
            assertThat(v).isNaN();
        }
        assertThat(PerformanceMetrics.equityCurve(1000, List.of(), List.of())).isEmpty();
    }

    @Test
    void flatEquityHasZeroReturnAndDrawdownAndAnUndefinedSharpe() {
        // every daily return is 0: the standard deviation is 0, so Sharpe is NaN (undefined),
        // and with no downside and a zero mean Sortino is NaN too
        Metrics m = METRICS.compute(List.of(), curve(0, 0, 0));

        assertThat(m.totalReturn()).isZero();
        assertThat(m.maxDrawdown()).isZero();
        assertThat(m.currentDrawdown()).isZero();
        assertThat(m.sharpe()).isNaN();
        assertThat(m.sortino()).isNaN();
        assertThat(m.profitFactor()).isNaN();
        assertThat(m.winRate()).isNaN();
    }

    @Test
    void oneTradeGivesItsOwnWinRateAndAverages() {
        Metrics win = METRICS.compute(List.of(trade("p1", 25)), curve(0.00025));
        Metrics loss = METRICS.compute(List.of(trade("p1", -40)), curve(-0.0004));

        assertThat(win.tradeCount()).isEqualTo(1);
        assertThat(win.winRate()).isEqualTo(1.0);
        assertThat(win.averageWin()).isCloseTo(25, within(TOL));
        assertThat(win.averageLoss()).isNaN();
        assertThat(win.profitFactor()).isInfinite();
        assertThat(win.sharpe()).as("one daily return has no deviation").isNaN();
        assertThat(loss.winRate()).isZero();
        assertThat(loss.averageLoss()).isCloseTo(-40, within(TOL));
        assertThat(loss.profitFactor()).isZero();
        assertThat(loss.realizedPnl()).isCloseTo(-40, within(TOL));
    }

    @Test
    void allWinsHaveAnInfiniteProfitFactorAndAnInfiniteSortino() {
        // wins 10, 20, 30; no losses ⇒ profit factor +∞ (reported as such, not as a big number)
        Metrics m = METRICS.compute(List.of(trade("p1", 10), trade("p2", 20), trade("p3", 30)),
                curve(0.001, 0.002, 0.003));

        assertThat(m.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.sortino()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.winRate()).isEqualTo(1.0);
        assertThat(m.averageWin()).isCloseTo(20, within(TOL));
        assertThat(m.realizedPnl()).isCloseTo(60, within(TOL));
    }

    @Test
    void profitFactorIsGrossProfitOverGrossLossAndBreakevenIsNeither() {
        // wins 30 + 10, losses 20 + 5, one at 0: PF = 40 / 25 = 1.6, win rate 2 / 5
        Metrics m = METRICS.compute(List.of(trade("p1", 30), trade("p2", -20), trade("p3", 10),
                trade("p4", -5), trade("p5", 0)), curve(0.001, -0.001));

        assertThat(m.profitFactor()).isCloseTo(1.6, within(TOL));
        assertThat(m.wins()).isEqualTo(2);
        assertThat(m.losses()).isEqualTo(2);
        assertThat(m.winRate()).isCloseTo(0.4, within(TOL));
        assertThat(m.averageWin()).isCloseTo(20, within(TOL));
        assertThat(m.averageLoss()).isCloseTo(-12.5, within(TOL));
    }

    @Test
    void buildsTheEquityCurveFromFillsAndMarks() {
        LocalDate d1 = DAYS.get(0);
        LocalDate d2 = DAYS.get(1);
        // buy 10 @ 100 (commission 1) at 10:00; marks 101 at 10:00 and 103 at 11:00; sell 10 @ 102
        // (commission 1) at 12:00; a QQQ mark at 15:59 (not held) ends the day; day 2 one mark
        List<Fill> fills = List.of(
                Fill.of("e1", "e1:1", "a", "SPY", "buy", 10, 100, 1, at(d1, 10, 0)),
                Fill.of("x1", "x1:1", "a", "SPY", "sell", 10, 102, 1, at(d1, 12, 0)));
        List<Bar> marks = List.of(bar("SPY", at(d1, 9, 31), 99), bar("SPY", at(d1, 10, 0), 101),
                bar("SPY", at(d1, 11, 0), 103), bar("QQQ", at(d1, 15, 59), 400),
                bar("SPY", at(d2, 10, 0), 105));

        List<EquityPoint> c = PerformanceMetrics.equityCurve(1000, fills, marks);

        // start 1000; 10:00 cash 1000 − 1000 − 1 = −1, +10 × 101 = 1009; 11:00: −1 + 1030 = 1029;
        // 12:00 cash −1 + 1020 − 1 = 1018, flat; 15:59 day end 1018; day 2 end 1018
        assertThat(c).containsExactly(new EquityPoint(at(d1, 9, 31), 1000, 1000, 0),
                new EquityPoint(at(d1, 10, 0), 1009, -1, 1),
                new EquityPoint(at(d1, 11, 0), 1029, -1, 1),
                new EquityPoint(at(d1, 12, 0), 1018, 1018, 0),
                new EquityPoint(at(d1, 15, 59), 1018, 1018, 0),
                new EquityPoint(at(d2, 10, 0), 1018, 1018, 0));
        // open 10:00–12:00 of the session 09:31 (day 1) … 10:00 (day 2):
        // 2 h / (6 h 29 min + 30 min) = 120 / 419
        assertThat(METRICS.exposure(c)).isCloseTo(120.0 / 419, within(TOL));
        Metrics m = METRICS.compute(List.of(), c);
        assertThat(m.maxDrawdown()).isCloseTo((1029 - 1018) / 1029.0, within(TOL));
        // daily: 1018 / 1000 − 1 = 1.8 %, then 0
        assertThat(PerformanceMetrics.dailyReturns(c)).containsExactly(
                new double[] {0.018, 0}, within(TOL));
    }

    @Test
    void aShortPositionGainsWhenThePriceFalls() {
        LocalDate d = DAYS.get(0);
        List<Fill> fills =
                List.of(Fill.of("e1", "e1:1", "a", "SPY", "sell", 10, 100, 0, at(d, 10, 0)));
        List<Bar> marks = List.of(bar("SPY", at(d, 10, 0), 100), bar("SPY", at(d, 10, 1), 95));

        List<EquityPoint> c = PerformanceMetrics.equityCurve(1000, fills, marks);

        // cash 1000 + 1000 = 2000; value 2000 − 10 × 95 = 1050
        assertThat(c.get(c.size() - 1)).isEqualTo(new EquityPoint(at(d, 10, 1), 1050, 2000, 1));
    }

    @Test
    void tradesAreTheClosedPositionsByExitTime() {
        long t = at(DAYS.get(0), 10, 0);
        PositionEvent open = new PositionEvent("p1", "a", "SPY", "long", 10, 100, 95.0, 110.0,
                PositionEvent.OPEN, t, t, null, BigDecimal.ZERO, "R-SIG-4");
        PositionEvent late = new PositionEvent("p2", "a", "SPY", "long", 10, 100, 95.0, 110.0,
                PositionEvent.CLOSED, t, t + 5000, 104.0, new BigDecimal("38.00"), "R-WIN-2");
        PositionEvent early = new PositionEvent("p3", "a", "QQQ", "short", 5, 400, 410.0, 380.0,
                PositionEvent.CLOSED, t, t + 1000, 410.0, new BigDecimal("-51.00"), "R-STOP-3");

        List<TradeRecord> trades = PerformanceMetrics.trades(List.of(open, late, early));

        assertThat(trades).extracting(TradeRecord::positionId).containsExactly("p3", "p2");
        assertThat(trades.get(1).returnPct()).isCloseTo(0.038, within(TOL));
        assertThat(trades.get(0).exitPrice()).isEqualTo(410.0);
    }

    static Bar bar(String ticker, long ts, double close) {
        return new Bar(ticker, ts, close, close, close, close, 100);
    }
}
