package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The daemon's warm-up ends when the JIT has settled ({@link WarmUp.Settling}). */
class WarmUpSettlingProperties {
    private static final long S = 1_000_000_000L;

    @Test
    void aBusyJitIsNotSettledAndAQuietOneIsOnceTheBusySecondsLeaveTheWindow() {
        WarmUp.Settling s = new WarmUp.Settling();
        long compiled = 0;
        for (int t = 0; t <= 40; t += 2) { // the compilers busy a whole core: 2 s every 2 s
            assertThat(s.settled(t * S, compiled)).as("busy, at %d s", t).isFalse();
            compiled += 2_000;
        }
        // then 0.2 s every 2 s: a tenth of the time
        List<Boolean> answers = new ArrayList<>();
        for (int t = 42; t <= 60; t += 2) {
            answers.add(s.settled(t * S, compiled));
            compiled += 200;
        }
        // the window reaches back over busy seconds until 10 s after the change (at 52 s: 42 s)
        assertThat(answers).containsExactly(false, false, false, false, false, true, true, true,
                true, true);
    }

    @Test
    void notSettledBeforeAWholeWindowHasPassedEvenWithoutCompilation() {
        WarmUp.Settling s = new WarmUp.Settling();
        assertThat(s.settled(0, 0)).isFalse();
        assertThat(s.settled(5 * S, 0)).isFalse();
        assertThat(s.settled(10 * S - 1, 0)).isFalse();
        assertThat(s.settled(10 * S, 0)).isTrue();
    }

    @Test
    void aFifthOfTheWindowIsNotYetSettled() {
        WarmUp.Settling s = new WarmUp.Settling();
        s.settled(0, 1_000);
        assertThat(s.settled(10 * S, 3_000)).as("2 s of 10").isFalse();
        WarmUp.Settling t = new WarmUp.Settling();
        t.settled(0, 1_000);
        assertThat(t.settled(10 * S, 2_999)).as("1.999 s of 10").isTrue();
    }

    /**
     * Against a brute force over every reading: settled exactly when the latest reading at least
     * a window before the last one exists and the compilers took under a fifth of the time since.
     */
    @Property(tries = 300)
    void settlesExactlyWhenTheCompilersTookUnderAFifthSinceTheLatestReadingAWindowBack(
            @ForAll("readings") List<long[]> readings) {
        WarmUp.Settling s = new WarmUp.Settling();
        for (int n = 0; n < readings.size(); n++) {
            long[] now = readings.get(n);
            boolean expected = false;
            for (int i = n - 1; i >= 0; i--) {
                long[] from = readings.get(i);
                long wall = now[0] - from[0];
                if (wall >= WarmUp.Settling.WINDOW) {
                    expected = (now[1] - from[1]) * 1_000_000L < WarmUp.Settling.SHARE * wall;
                    break;
                }
            }
            assertThat(s.settled(now[0], now[1])).as("reading %d", n).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<long[]>> readings() {
        Arbitrary<long[]> step = Combinators.combine(
                Arbitraries.longs().between(1, 15 * S), // wall nanos since the last reading
                Arbitraries.longs().between(0, 8_000)) // compilation millis since
                .as((wall, compiled) -> new long[] {wall, compiled});
        return step.list().ofMinSize(1).ofMaxSize(60).map(steps -> {
            List<long[]> out = new ArrayList<>();
            long wall = 0;
            long compiled = 0;
            for (long[] st : steps) {
                wall += st[0];
                compiled += st[1];
                out.add(new long[] {wall, compiled});
            }
            return out;
        });
    }
}
