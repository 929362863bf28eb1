package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;

/** Seed Property 5: the active pool is the portfolio value minus the reserve (R-POOL-2). */
@Label("R-POOL-2 active pool properties")
class ActivePoolProperties {

    @Property
    void activePoolIsValueMinusReserveInDecimal(
            @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long valueCents,
            @ForAll @LongRange(min = 0, max = 100_000_000_000L) long reserveCents) {
        double value = valueCents / 100.0;
        double reserve = reserveCents / 100.0;

        double active = ReservePool.activePool(value, reserve);

        BigDecimal exact = BigDecimal.valueOf(valueCents - reserveCents, 2);
        assertThat(active).isEqualTo(exact.doubleValue());
    }

    @Property
    void activePoolPlusReserveIsTheValue(
            @ForAll @DoubleRange(min = -1e9, max = 1e9) double value,
            @ForAll @DoubleRange(min = 0, max = 1e9) double reserve) {
        double active = ReservePool.activePool(value, reserve);

        assertThat(active + reserve).isCloseTo(value, within(1e-6));
        assertThat(active <= value).isTrue();
    }
}
