package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.stops.StopPolicy.LevelChange;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/**
 * The seed's Property 11, R-STOP-4: the stop moves to the entry once the favourable move is more
 * than 50 % of the distance to the target, never at or below it, and never moves back.
 */
@Label("R-STOP-4 Property 11: trailing stop activation at 50 % of take-profit distance")
class TrailingStopProperties {
    private static final ExitParams E = ExitParams.DEFAULTS;

    @Property
    void armsExactlyPastHalfTheWayToTheTarget(
            @ForAll @DoubleRange(min = 1, max = 1_000) double entry,
            @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(6) double wayPct,
            @ForAll @DoubleRange(min = -1, max = 1.5) @Scale(6) double share,
            @ForAll boolean isLong) {
        // away from the exact half, where the decimal comparison decides (see the examples)
        Assume.that(Math.abs(share - 0.5) > 1e-6);
        double way = entry * wayPct;
        double target = isLong ? entry + way : entry - way;
        double extreme = isLong ? entry + share * way : entry - share * way;
        double stop = isLong ? entry - way / 2 : entry + way / 2;

        boolean armed = StopPolicy.trailingArmed(isLong, entry, target, extreme, E);
        LevelChange c = StopPolicy.trail(isLong, entry, stop, target, extreme, E);

        assertThat(armed).isEqualTo(share > 0.5);
        if (armed) {
            assertThat(c).isNotNull();
            assertThat(c.stop()).isEqualTo(entry);
            assertThat(c.target()).isEqualTo(target);
        } else {
            assertThat(c).isNull();
        }
    }

    @Property
    void neverMovesAStopBack(
            @ForAll @DoubleRange(min = 1, max = 1_000) double entry,
            @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(6) double wayPct,
            @ForAll @DoubleRange(min = -0.5, max = 0.5) @Scale(6) double stopPct,
            @ForAll @DoubleRange(min = -1, max = 1.5) @Scale(6) double share,
            @ForAll boolean isLong) {
        double way = entry * wayPct;
        double target = isLong ? entry + way : entry - way;
        double extreme = isLong ? entry + share * way : entry - share * way;
        double stop = entry * (1 + stopPct);

        LevelChange c = StopPolicy.trail(isLong, entry, stop, target, extreme, E);

        if (c != null) {
            assertThat(isLong ? c.stop() > stop : c.stop() < stop).isTrue();
            assertThat(c.stop()).isEqualTo(entry);
        }
    }
}
