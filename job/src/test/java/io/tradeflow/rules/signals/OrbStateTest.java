package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.D2;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static io.tradeflow.rules.signals.SignalFixtures.bar;
import static io.tradeflow.rules.signals.SignalFixtures.ind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Examples of R-SIG-3: the first close beyond the 09:30–09:45 range, once per session. */
@DisplayName("R-SIG-3 opening range breakout")
class OrbStateTest {
    private static final double LOW = 100;
    private static final double HIGH = 101;

    /** Returns the indicators of a regular bar after 09:45 with a range and a gap. */
    private static Indicators after(Double prevClose, Double sessionOpen) {
        return ind().range(LOW, HIGH).gap(prevClose, sessionOpen).build();
    }

    private static Bar closeAt(LocalDate d, int h, int m, double close) {
        return bar(at(d, h, m), close, close);
    }

    /** Runs bars through a state and collects (time, type, action) of what fired. */
    private static List<Signal> run(OrbState start, List<Bar> bars, List<Indicators> ind,
            OrbState[] end) {
        OrbState s = start;
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            OrbState.Step step = s.update(bars.get(i), ind.get(i));
            out.addAll(step.signals());
            s = step.next();
        }
        if (end != null) {
            end[0] = s;
        }
        return out;
    }

    @Test
    @DisplayName("R-SIG-3 orb fires on the first close above the range after 09:45, once")
    void orbFiresOnceOnTheFirstCloseBeyondTheRange() {
        Indicators flat = after(100.5, 100.5);
        List<Bar> bars = List.of(
                closeAt(D1, 9, 46, 100.5), // inside
                closeAt(D1, 9, 47, 101.0), // at the high: not beyond
                closeAt(D1, 9, 48, 101.2), // breakout ⇒ buy
                closeAt(D1, 9, 49, 101.5),
                closeAt(D1, 9, 50, 99.0)); // below the low: already fired
        List<Signal> fired = run(OrbState.initial(), bars, List.of(flat, flat, flat, flat, flat),
                null);

        assertThat(fired).containsExactly(
                new Signal("SPY", at(D1, 9, 48), "orb", "buy", null, null, null, 101.2));
    }

    @Test
    @DisplayName("R-SIG-3 orb fires below the low with a sell")
    void orbSellsBelowTheLow() {
        OrbState.Step step = OrbState.initial().update(closeAt(D1, 10, 0, 99.9), after(null, null));

        assertThat(step.signals()).extracting(Signal::type, Signal::action)
                .containsExactly(tuple("orb", "sell"));
        assertThat(step.next().orbFired()).isTrue();
        assertThat(step.next().directionFired()).isFalse();
    }

    @Test
    @DisplayName("R-SIG-3 nothing fires at or before 09:45, nor without a complete range")
    void nothingFiresBeforeTheRangeIsComplete() {
        // a bar ending at 09:45 belongs to the range even if a snapshot already carries it
        assertThat(OrbState.initial().update(closeAt(D1, 9, 45, 105), after(99.0, 100.0))
                .signals()).isEmpty();
        assertThat(OrbState.initial().update(closeAt(D1, 9, 40, 105), after(99.0, 100.0))
                .signals()).isEmpty();
        assertThat(OrbState.initial().update(closeAt(D1, 9, 50, 105),
                ind().range(null, HIGH).gap(99.0, 100.0).build()).signals()).isEmpty();
        assertThat(OrbState.initial().update(closeAt(D1, 9, 50, 105), ind().build()).signals())
                .isEmpty();
    }

    @Test
    @DisplayName("R-SIG-3 bars outside the regular session neither fire nor change the state")
    void extendedHoursBarsAreIgnored() {
        OrbState fired = new OrbState(D1.toEpochDay(), true, true);
        Indicators post = ind().regular(false).range(LOW, HIGH).gap(99.0, 100.0).build();

        OrbState.Step pre = OrbState.initial().update(closeAt(D2, 8, 0, 105), post);
        OrbState.Step late = fired.update(closeAt(D1, 16, 30, 105), post);

        assertThat(pre.signals()).isEmpty();
        assertThat(pre.next()).isEqualTo(OrbState.initial());
        assertThat(late.next()).isSameAs(fired);
    }

    @Test
    @DisplayName("R-SIG-3 gap up: orb_direction ignores the breakout below and fires above")
    void orbDirectionIgnoresTheBreakoutAgainstTheGap() {
        Indicators gapUp = after(99.0, 100.4); // prior close 99, open 100.4
        List<Bar> bars = List.of(
                closeAt(D1, 9, 50, 99.5),   // below: orb sells, against the gap
                closeAt(D1, 10, 5, 100.5),  // back inside
                closeAt(D1, 10, 20, 101.3), // above: with the gap ⇒ orb_direction buys
                closeAt(D1, 10, 25, 101.8));
        List<Signal> fired = run(OrbState.initial(), bars, List.of(gapUp, gapUp, gapUp, gapUp),
                null);

        assertThat(fired).extracting(Signal::ts, Signal::type, Signal::action).containsExactly(
                tuple(at(D1, 9, 50), "orb", "sell"),
                tuple(at(D1, 10, 20), "orb_direction", "buy"));
    }

    @Test
    @DisplayName("R-SIG-3 gap down: orb and orb_direction fire on the same close below the low")
    void bothFireOnTheSameBarWithTheGap() {
        OrbState.Step step = OrbState.initial().update(closeAt(D1, 9, 46, 99.8),
                after(101.5, 100.6));

        assertThat(step.signals()).extracting(Signal::type, Signal::action).containsExactly(
                tuple("orb", "sell"), tuple("orb_direction", "sell"));
        assertThat(step.next()).isEqualTo(new OrbState(D1.toEpochDay(), true, true));
    }

    @Test
    @DisplayName("R-SIG-3 without a gap (or unknown prior close) orb_direction never fires")
    void noGapNoDirection() {
        assertThat(run(OrbState.initial(),
                List.of(closeAt(D1, 9, 50, 101.5), closeAt(D1, 9, 55, 99.5)),
                List.of(after(100.5, 100.5), after(100.5, 100.5)), null))
                .extracting(Signal::type).containsExactly("orb");
        assertThat(run(OrbState.initial(),
                List.of(closeAt(D1, 9, 50, 101.5), closeAt(D1, 9, 55, 99.5)),
                List.of(after(null, 100.5), after(null, 100.5)), null))
                .extracting(Signal::type).containsExactly("orb");
    }

    @Test
    @DisplayName("R-SIG-3 the flags reset on the next session: orb fires again")
    void resetsOnTheNextSession() {
        Indicators gapUp = after(99.0, 100.4);
        OrbState[] end = new OrbState[1];
        List<Signal> fired = run(OrbState.initial(),
                List.of(closeAt(D1, 9, 50, 101.5), closeAt(D1, 15, 59, 102.0),
                        closeAt(D1, 16, 0, 102.5),
                        closeAt(D2, 9, 46, 100.5), closeAt(D2, 9, 47, 101.5),
                        closeAt(D2, 9, 48, 101.9)),
                List.of(gapUp, gapUp, gapUp, gapUp, gapUp, gapUp), end);

        assertThat(fired).extracting(Signal::ts, Signal::type).containsExactly(
                tuple(at(D1, 9, 50), "orb"), tuple(at(D1, 9, 50), "orb_direction"),
                tuple(at(D2, 9, 47), "orb"), tuple(at(D2, 9, 47), "orb_direction"));
        assertThat(end[0]).isEqualTo(new OrbState(D2.toEpochDay(), true, true));
    }

    @Test
    void namesItsRule() {
        assertThat(OrbState.RULE).isEqualTo("R-SIG-3");
    }
}
