package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.pool.ReservePool;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Seed Property 7: an active pool below the minimum halts entries (R-POOL-3), at or above it lets
 * them through; exits never pass through this gate (R-ORD-4).
 */
@Label("R-POOL-3 active pool minimum properties")
class ActivePoolGateProperties {

    @Provide
    Arbitrary<Long> cents() {
        return Arbitraries.longs().between(-1_000_000L, 100_000_000_000L);
    }

    @Property
    void haltsExactlyWhenValueMinusReserveIsBelowTheMinimum(
            @ForAll("cents") long valueCents,
            @ForAll @LongRange(min = 0, max = 100_000_000_000L) long reserveCents,
            @ForAll @IntRange(min = 0, max = 100_000) int minCents) {
        double active = ReservePool.activePool(valueCents / 100.0, reserveCents / 100.0);

        GateResult g = EntryGates.activePool(active, minCents / 100.0);

        assertThat(g.pass()).isEqualTo(valueCents - reserveCents >= minCents);
        assertThat(g.rule()).isEqualTo("R-POOL-3");
    }

    @Property
    void anActivePoolWithinACentOfTheMinimumIsDecidedExactly(
            @ForAll @LongRange(min = 0, max = 100_000_000_000L) long reserveCents,
            @ForAll @IntRange(min = 0, max = 100_000) int minCents,
            @ForAll @IntRange(min = -2, max = 2) int offsetCents) {
        long valueCents = reserveCents + minCents + offsetCents;
        double active = ReservePool.activePool(valueCents / 100.0, reserveCents / 100.0);

        assertThat(EntryGates.activePool(active, minCents / 100.0).pass())
                .isEqualTo(offsetCents >= 0);
    }
}
