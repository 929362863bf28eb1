package io.tradeflow.rules.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.sizing.Holding;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Examples of the 90-day return correlation of R-SIZE-3, checked against a two-pass Pearson. */
@DisplayName("R-SIZE-3 return correlation")
class ReturnCorrelationTest {
    private static final LocalDate D0 = LocalDate.of(2024, 1, 2);
    private static final int WINDOW = 90;

    /** Weekdays from {@link #D0}: the trading days of the examples. */
    private static List<LocalDate> weekdays(int n) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = D0; days.size() < n; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    /** Closes from 100 compounding {@code returns}, one a weekday, skipping {@code gaps}. */
    private static DailyCloses closes(double[] returns, int... gaps) {
        List<LocalDate> days = weekdays(returns.length + 1);
        DailyCloses c = DailyCloses.empty();
        double close = 100;
        c = c.with(days.get(0), close, 1_000);
        outer:
        for (int i = 0; i < returns.length; i++) {
            close *= 1 + returns[i];
            for (int g : gaps) {
                if (g == i + 1) {
                    continue outer;
                }
            }
            c = c.with(days.get(i + 1), close, 1_000);
        }
        return c;
    }

    private static double[] randomReturns(long seed, int n) {
        Random rnd = new Random(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = 0.02 * rnd.nextGaussian();
        }
        return r;
    }

    /** Pearson's coefficient in two passes over the returns the two series share by day. */
    private static double twoPass(DailyCloses a, DailyCloses b, int minOverlap) {
        TreeMap<Integer, Double> ra = returnsByDay(a);
        TreeMap<Integer, Double> rb = returnsByDay(b);
        List<double[]> pairs = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : ra.entrySet()) {
            Double y = rb.get(e.getKey());
            if (y != null) {
                pairs.add(new double[] {e.getValue(), y});
            }
        }
        int n = pairs.size();
        if (n < Math.max(2, minOverlap)) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0] / n;
            my += p[1] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static TreeMap<Integer, Double> returnsByDay(DailyCloses c) {
        TreeMap<Integer, Double> r = new TreeMap<>();
        for (int i = 1; i < c.size(); i++) {
            r.put(c.day(i), c.close(i) / c.close(i - 1) - 1);
        }
        return r;
    }

    @Test
    void isOneForSeriesWithTheSameReturns() {
        double[] r = randomReturns(1, WINDOW);

        assertThat(ReturnCorrelation.pearson(closes(r), closes(r), 20)).isCloseTo(1,
                within(1e-12));
    }

    @Test
    void isOneForReturnsInAPositiveLinearRelation() {
        double[] r = randomReturns(2, WINDOW);
        double[] twice = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            twice[i] = 2 * r[i] + 0.001;
        }

        assertThat(ReturnCorrelation.pearson(closes(r), closes(twice), 20)).isCloseTo(1,
                within(1e-12));
    }

    @Test
    void isMinusOneForOppositeReturns() {
        double[] r = randomReturns(3, WINDOW);
        double[] opposite = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            opposite[i] = -r[i];
        }

        assertThat(ReturnCorrelation.pearson(closes(r), closes(opposite), 20)).isCloseTo(-1,
                within(1e-12));
    }

    @Test
    void isNearZeroForIndependentSeries() {
        DailyCloses a = closes(randomReturns(4, WINDOW));
        DailyCloses b = closes(randomReturns(5, WINDOW));
        double r = ReturnCorrelation.pearson(a, b, 20);

        // 90 independent normal pairs: |r| < 0.3 with probability ≈ 0.996
        assertThat(r).isBetween(-0.3, 0.3);
        assertThat(r).isCloseTo(twoPass(a, b, 20), within(1e-12));
    }

    @Test
    void pairsReturnsOnTheLaterDayAndSpansAGapWithOneReturn() {
        double[] r = randomReturns(6, WINDOW);
        DailyCloses full = closes(r);
        DailyCloses gappy = closes(r, 10, 11, 40, 77);
        double rho = ReturnCorrelation.pearson(full, gappy, 20);

        // the gappy series' return over 9..12 is keyed by day 12 and pairs with full's 11..12
        assertThat(returnsByDay(gappy)).hasSize(WINDOW - 4).doesNotContainKey(full.day(10));
        assertThat(rho).isCloseTo(twoPass(full, gappy, 20), within(1e-12));
        assertThat(rho).isLessThan(1).isGreaterThan(0.8);
    }

    @Test
    void matchesTheTwoPassCoefficientOnRandomSeriesWithGaps() {
        Random rnd = new Random(7);
        for (int k = 0; k < 200; k++) {
            double[] common = randomReturns(rnd.nextLong(), WINDOW);
            double[] own = randomReturns(rnd.nextLong(), WINDOW);
            double beta = rnd.nextDouble() * 2 - 1;
            double[] b = new double[WINDOW];
            for (int i = 0; i < WINDOW; i++) {
                b[i] = beta * common[i] + own[i] * rnd.nextDouble();
            }
            DailyCloses x = closes(common, rnd.nextInt(WINDOW) + 1, rnd.nextInt(WINDOW) + 1);
            DailyCloses y = closes(b, rnd.nextInt(WINDOW) + 1);

            assertThat(ReturnCorrelation.pearson(x, y, 20)).as("case %d", k)
                    .isCloseTo(twoPass(x, y, 20), within(1e-12))
                    .isBetween(-1.0, 1.0);
        }
    }

    @Test
    void needsTheMinimumOverlap() {
        double[] r = randomReturns(8, 20);
        DailyCloses a = closes(r);

        assertThat(ReturnCorrelation.pearson(a, a, 20)).isCloseTo(1, within(1e-12));
        assertThat(ReturnCorrelation.pearson(a, a, 21)).isZero();
        // one close fewer: 19 returns
        DailyCloses shorter = closes(randomReturns(8, 19));
        assertThat(ReturnCorrelation.pearson(shorter, a, 20)).isZero();
        assertThat(ReturnCorrelation.pearson(shorter, a, ReturnCorrelation.MIN_OVERLAP)).isZero();
    }

    @Test
    void countsOnlyTheDaysBothSeriesHave() {
        // a's returns are days 1..60, b's days 41..100: 20 in common
        double[] r = randomReturns(9, 100);
        DailyCloses all = closes(r);
        DailyCloses a = DailyCloses.empty();
        DailyCloses b = DailyCloses.empty();
        for (int i = 0; i < all.size(); i++) {
            LocalDate d = LocalDate.ofEpochDay(all.day(i));
            if (i <= 60) {
                a = a.with(d, all.close(i), 1_000);
            }
            if (i >= 40) {
                b = b.with(d, all.close(i), 1_000);
            }
        }

        assertThat(ReturnCorrelation.pearson(a, b, 20)).isCloseTo(1, within(1e-12));
        assertThat(ReturnCorrelation.pearson(a, b, 21)).isZero();
    }

    @Test
    void isZeroForAFlatSeries() {
        DailyCloses flat = closes(new double[WINDOW]);

        assertThat(ReturnCorrelation.pearson(flat, closes(randomReturns(10, WINDOW)), 20))
                .isZero();
        assertThat(ReturnCorrelation.pearson(flat, flat, 20)).isZero();
    }

    @Test
    void isZeroForEmptySeries() {
        assertThat(ReturnCorrelation.pearson(DailyCloses.empty(), DailyCloses.empty(), 0))
                .isZero();
    }

    @Test
    void usesOnlyTheWindowTheClosesKeep() {
        // 150 returns, then only the last 90 kept: the early, anti-correlated part is gone
        double[] r = randomReturns(11, 150);
        double[] b = new double[150];
        for (int i = 0; i < 150; i++) {
            b[i] = i < 60 ? -r[i] : r[i];
        }
        List<LocalDate> days = weekdays(151);
        DailyCloses x = DailyCloses.empty();
        DailyCloses y = DailyCloses.empty();
        double cx = 100;
        double cy = 100;
        x = x.with(days.get(0), cx, WINDOW);
        y = y.with(days.get(0), cy, WINDOW);
        for (int i = 0; i < 150; i++) {
            cx *= 1 + r[i];
            cy *= 1 + b[i];
            x = x.with(days.get(i + 1), cx, WINDOW);
            y = y.with(days.get(i + 1), cy, WINDOW);
        }

        assertThat(x.size()).isEqualTo(WINDOW + 1);
        assertThat(ReturnCorrelation.pearson(x, y, 20)).isCloseTo(1, within(1e-12));
        assertThat(ReturnCorrelation.pearson(closes(r), closes(b), 20)).isLessThan(0.5);
    }

    @Test
    void weighsCorrelationsByMarketValue() {
        List<Holding> holdings = List.of(new Holding("A", "Tech", 30_000, 10, 9),
                new Holding("B", null, 10_000, 10, 9));

        assertThat(ReturnCorrelation.weighted(Map.of("A", 0.9, "B", 0.1), holdings))
                .isCloseTo(0.7, within(1e-12));
        assertThat(ReturnCorrelation.weighted(Map.of("A", 0.9), holdings))
                .isCloseTo(0.675, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -5_000, Double.NaN})
    void givesNoWeightToAHoldingWithoutAPositiveValue(double value) {
        List<Holding> holdings = List.of(new Holding("A", "Tech", 10_000, 10, 9),
                new Holding("B", "Tech", value, 10, 9));

        assertThat(ReturnCorrelation.weighted(Map.of("A", 0.6, "B", -1.0), holdings))
                .isCloseTo(0.6, within(1e-12));
    }

    @Test
    void isZeroWithoutHoldingsOrCorrelations() {
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("A", null);
        List<Holding> a = List.of(new Holding("A", null, 100, 10, 9));

        assertThat(ReturnCorrelation.weighted(Map.of("A", 0.9), List.of())).isZero();
        assertThat(ReturnCorrelation.weighted(null, null)).isZero();
        assertThat(ReturnCorrelation.weighted(null, a)).isZero();
        assertThat(ReturnCorrelation.weighted(withNull, a)).isZero();
        assertThat(ReturnCorrelation.weighted(Map.of("A", Double.NaN), a)).isZero();
    }
}
