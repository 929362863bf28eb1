package io.tradeflow.rules.stops;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The seed's Property 10, R-STOP-3: a price at or beyond the stop or the target sells at once;
 * a price strictly between them holds. Prices are bars with one price (low = high).
 */
@Label("R-STOP-3 Property 10: price crossing triggers immediate sell")
class PriceCrossingProperties {

    @Property
    void aLongSellsExactlyWhenThePriceIsAtOrBeyondALevel(
            @ForAll @DoubleRange(min = 1, max = 1_000) double stop,
            @ForAll @DoubleRange(min = 0.01, max = 1_000) double width,
            @ForAll @DoubleRange(min = 0, max = 3_000) double price) {
        double target = stop + width;
        String r = ExitTrigger.crossed(true, stop, target, price, price);

        if (price <= stop) {
            assertThat(r).isEqualTo(ExitTrigger.STOP);
        } else if (price >= target) {
            assertThat(r).isEqualTo(ExitTrigger.TARGET);
        } else {
            assertThat(r).isNull();
        }
    }

    @Property
    void aShortSellsExactlyWhenThePriceIsAtOrBeyondALevel(
            @ForAll @DoubleRange(min = 1, max = 1_000) double target,
            @ForAll @DoubleRange(min = 0.01, max = 1_000) double width,
            @ForAll @DoubleRange(min = 0, max = 3_000) double price) {
        double stop = target + width;
        String r = ExitTrigger.crossed(false, stop, target, price, price);

        if (price >= stop) {
            assertThat(r).isEqualTo(ExitTrigger.STOP);
        } else if (price <= target) {
            assertThat(r).isEqualTo(ExitTrigger.TARGET);
        } else {
            assertThat(r).isNull();
        }
    }

    @Property
    void aPriceExactlyAtALevelSells(
            @ForAll @DoubleRange(min = 1, max = 1_000) double stop,
            @ForAll @DoubleRange(min = 0.01, max = 1_000) double width) {
        assertThat(ExitTrigger.crossed(true, stop, stop + width, stop, stop)).isEqualTo("stop");
        assertThat(ExitTrigger.crossed(true, stop, stop + width, stop + width, stop + width))
                .isEqualTo("target");
    }
}
