package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.tiers.RiskTierController;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;

/**
 * Seed Property 8: a drawdown from the high-water mark beyond 20 % is an emergency that releases
 * the reserve and sets the tier to conservative (R-POOL-4); at or below 20 % it is not.
 */
@Label("R-POOL-4 emergency drawdown properties")
class EmergencyDrawdownProperties {
    private static final double LIMIT = RiskParams.SWING.emergencyDrawdownPct();

    @Provide
    Arbitrary<String> tiers() {
        return Arbitraries.of(RiskTierController.ORDER);
    }

    @Property
    void emergencyIffTheDecimalDrawdownExceedsTwentyPercent(
            @ForAll @LongRange(min = 1, max = 100_000_000_000L) long highWaterCents,
            @ForAll @IntRange(min = 0, max = 20_000) int valuePerTenThousand) {
        long valueCents = highWaterCents * valuePerTenThousand / 10_000;
        double hw = highWaterCents / 100.0;
        double value = valueCents / 100.0;

        boolean exact = BigDecimal.valueOf(highWaterCents - valueCents).compareTo(
                BigDecimal.valueOf(highWaterCents).multiply(new BigDecimal("0.20"))) > 0;
        assertThat(ReservePool.emergency(hw, value, LIMIT)).isEqualTo(exact);
        // the printed drawdown agrees with the decision, even at exactly the limit
        assertThat(ReservePool.drawdown(hw, value) > LIMIT).isEqualTo(exact);
    }

    @Property
    void aCentAroundTheLimitIsDecidedExactly(
            @ForAll @LongRange(min = 1, max = 20_000_000_000L) long fifthCents,
            @ForAll @IntRange(min = -3, max = 3) int offsetCents) {
        long highWaterCents = 5 * fifthCents; // 20 % of it is a whole number of cents
        long valueCents = highWaterCents - fifthCents + offsetCents;

        boolean emergency = ReservePool.emergency(highWaterCents / 100.0, valueCents / 100.0,
                LIMIT);

        assertThat(emergency).isEqualTo(offsetCents < 0);
        assertThat(ReservePool.drawdown(highWaterCents / 100.0, valueCents / 100.0) > LIMIT)
                .isEqualTo(offsetCents < 0);
    }

    @Property
    void aDrawdownClearlyBeyondTheLimitSetsTheTierToConservative(
            @ForAll @LongRange(min = 100, max = 100_000_000_000L) long highWaterCents,
            @ForAll @IntRange(min = 0, max = 10_000) int valuePerTenThousand,
            @ForAll("tiers") String tier) {
        double hw = highWaterCents / 100.0;
        double value = hw * valuePerTenThousand / 10_000;
        double drawdown = ReservePool.drawdown(hw, value);

        if (drawdown > LIMIT + 1e-9) {
            assertThat(ReservePool.emergency(hw, value, LIMIT)).isTrue();
            var d = RiskTierController.emergency(tier, drawdown, LIMIT);
            assertThat(d.to()).isEqualTo("conservative");
            assertThat(d.reason()).isEqualTo("R-POOL-4");
        } else if (drawdown < LIMIT - 1e-9) {
            assertThat(ReservePool.emergency(hw, value, LIMIT)).isFalse();
        }
        assertThat(drawdown).isBetween(0.0, 1.0);
    }
}
