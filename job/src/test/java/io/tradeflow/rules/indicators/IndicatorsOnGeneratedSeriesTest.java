package io.tradeflow.rules.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * Checks the incremental EMA, SMA, Wilder RSI and MACD against from-scratch recomputations on a
 * generated random walk (no reference files needed), plus hand examples (R-SIG-2).
 */
@DisplayName("R-SIG-2 incremental indicators equal a from-scratch recomputation")
class IndicatorsOnGeneratedSeriesTest {
    private static final double[] WALK = walk(2_000, 42);

    static double[] walk(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        x[0] = 100;
        for (int i = 1; i < n; i++) {
            x[i] = Math.max(1, x[i - 1] * (1 + 0.01 * r.nextGaussian()));
        }
        return x;
    }

    /** EMA of x[0..end] recomputed from scratch: SMA seed at n − 1, then the recursion. */
    static Double emaFromScratch(double[] x, int end, int n) {
        if (end < n - 1) {
            return null;
        }
        double e = 0;
        for (int i = 0; i < n; i++) {
            e += x[i];
        }
        e /= n;
        for (int i = n; i <= end; i++) {
            e = e + 2.0 / (n + 1) * (x[i] - e);
        }
        return e;
    }

    static Double rsiFromScratch(double[] x, int end, int n) {
        if (end < n) {
            return null;
        }
        double g = 0;
        double l = 0;
        for (int i = 1; i <= n; i++) {
            g += Math.max(x[i] - x[i - 1], 0);
            l += Math.max(x[i - 1] - x[i], 0);
        }
        g /= n;
        l /= n;
        for (int i = n + 1; i <= end; i++) {
            g = (g * (n - 1) + Math.max(x[i] - x[i - 1], 0)) / n;
            l = (l * (n - 1) + Math.max(x[i - 1] - x[i], 0)) / n;
        }
        return l == 0 ? 100 : 100 - 100 / (1 + g / l);
    }

    @Test
    void emaEqualsTheRecomputation() {
        for (int n : new int[] {1, 2, 9, 21}) {
            Ema ema = Ema.start(n);
            for (int i = 0; i < WALK.length; i++) {
                ema = ema.update(WALK[i]);
                Double expected = emaFromScratch(WALK, i, n);
                if (expected == null) {
                    assertThat(ema.value()).as("EMA(%d) at %d", n, i).isNull();
                } else {
                    assertThat(ema.value()).as("EMA(%d) at %d", n, i)
                            .isCloseTo(expected, within(1e-9));
                }
            }
        }
    }

    @Test
    void smaEqualsTheMeanOfTheWindow() {
        Sma sma = Sma.start(20);
        for (int i = 0; i < WALK.length; i++) {
            sma = sma.update(WALK[i]);
            if (i < 19) {
                assertThat(sma.value()).isNull();
                continue;
            }
            double sum = 0;
            for (int j = i - 19; j <= i; j++) {
                sum += WALK[j];
            }
            assertThat(sma.value()).isCloseTo(sum / 20, within(1e-9));
        }
    }

    @Test
    void rsiEqualsTheRecomputation() {
        WilderRsi rsi = WilderRsi.start(14);
        for (int i = 0; i < WALK.length; i++) {
            rsi = rsi.update(WALK[i]);
            Double expected = rsiFromScratch(WALK, i, 14);
            if (expected == null) {
                assertThat(rsi.value()).as("RSI at %d", i).isNull();
            } else {
                assertThat(rsi.value()).as("RSI at %d", i).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void macdEqualsTheRecomputation() {
        Macd macd = Macd.start(12, 26, 9);
        double[] line = new double[WALK.length];
        for (int i = 0; i < WALK.length; i++) {
            macd = macd.update(WALK[i]);
            if (i < 25) {
                assertThat(macd.macd()).isNull();
                continue;
            }
            line[i - 25] = emaFromScratch(WALK, i, 12) - emaFromScratch(WALK, i, 26);
            assertThat(macd.macd()).as("MACD at %d", i).isCloseTo(line[i - 25], within(1e-9));
            Double signal = emaFromScratch(line, i - 25, 9);
            if (signal == null) {
                assertThat(macd.signalLine()).as("signal at %d", i).isNull();
                assertThat(macd.histogram()).isNull();
            } else {
                assertThat(i).as("signal from close 34").isGreaterThanOrEqualTo(33);
                assertThat(macd.signalLine()).isCloseTo(signal, within(1e-9));
                assertThat(macd.histogram()).isCloseTo(line[i - 25] - signal, within(1e-9));
            }
        }
    }

    @Test
    void rsiIs100WithoutLossesAnd0WithoutGains() {
        WilderRsi up = WilderRsi.start(3);
        WilderRsi down = WilderRsi.start(3);
        WilderRsi flat = WilderRsi.start(3);
        for (int i = 0; i < 5; i++) {
            up = up.update(100 + i);
            down = down.update(100 - i);
            flat = flat.update(100);
        }
        assertThat(up.value()).isEqualTo(100.0);
        assertThat(down.value()).isEqualTo(0.0);
        assertThat(flat.value()).as("no losses, pyalgotrade's convention").isEqualTo(100.0);
    }

    @Test
    void rsiNeedsPeriodChangesThatIsPeriodPlusOneCloses() {
        WilderRsi rsi = WilderRsi.start(2);
        rsi = rsi.update(10).update(11);
        assertThat(rsi.value()).isNull();
        rsi = rsi.update(10.5); // gains 1, 0; losses 0, 0.5
        assertThat(rsi.value()).isCloseTo(100 - 100 / (1 + 0.5 / 0.25), within(1e-12));
    }

    @Test
    void rejectsBadPeriods() {
        assertThatThrownBy(() -> Ema.start(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sma.start(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilderRsi.start(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Macd.start(26, 12, 9))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesThePreviousStateUntouched() {
        Sma a = Sma.start(2).update(1);
        Sma b = a.update(3);
        assertThat(a.update(3)).isEqualTo(b);
        assertThat(a.count()).isOne();
        assertThat(b.value()).isEqualTo(2.0);
    }
}
