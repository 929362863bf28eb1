package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of R-STOP-3 over random levels and bars. */
@Label("R-STOP-3 stop and target exits properties")
class ExitTriggerProperties {

    @Property
    void aLongBarAtOrBelowTheStopAlwaysExitsAtTheStop(
            @ForAll @DoubleRange(min = 1, max = 1_000) double stop,
            @ForAll @DoubleRange(min = 0, max = 1_000) double toTarget,
            @ForAll @DoubleRange(min = 0, max = 1_000) double belowStop,
            @ForAll @DoubleRange(min = 0, max = 2_000) double range) {
        double low = stop - belowStop;
        String r = ExitTrigger.crossed(true, stop, stop + toTarget, low, low + range);

        assertThat(r).isNotNull().isEqualTo(ExitTrigger.STOP);
    }

    @Property
    void aShortBarAtOrAboveTheStopAlwaysExitsAtTheStop(
            @ForAll @DoubleRange(min = 1, max = 1_000) double stop,
            @ForAll @DoubleRange(min = 0, max = 1_000) double toTarget,
            @ForAll @DoubleRange(min = 0, max = 1_000) double aboveStop,
            @ForAll @DoubleRange(min = 0, max = 2_000) double range) {
        double high = stop + aboveStop;
        String r = ExitTrigger.crossed(false, stop, stop - toTarget, high - range, high);

        assertThat(r).isEqualTo(ExitTrigger.STOP);
    }

    @Property
    void aLongBarStrictlyBetweenTheLevelsHolds(
            @ForAll @DoubleRange(min = 1, max = 1_000) double stop,
            @ForAll @DoubleRange(min = 0.02, max = 1_000) double width,
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b) {
        double target = stop + width;
        double low = stop + Math.min(a, b) * width;
        double high = stop + Math.max(a, b) * width;
        Assume.that(low > stop && high < target);

        assertThat(ExitTrigger.crossed(true, stop, target, low, high)).isNull();
    }
}
