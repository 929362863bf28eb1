package io.tradeflow.rules.breakers;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;

/**
 * Seed Property 13: a loss breaker trips if and only if its threshold is strictly exceeded, for
 * the day's loss (R-CB-1) and a position's loss, long or short (R-CB-2), judged on the decimal
 * amounts; a loss of exactly the limit never trips.
 */
@Label("R-CB-1, R-CB-2 circuit breaker activation properties")
class CircuitBreakerProperties {

    /** Returns whether {@code lossCents / baseCents > limitBps / 10 000}, exactly. */
    private static boolean exceeds(long lossCents, long baseCents, int limitBps) {
        return BigDecimal.valueOf(lossCents).multiply(BigDecimal.valueOf(10_000))
                .compareTo(BigDecimal.valueOf(baseCents).multiply(BigDecimal.valueOf(limitBps)))
                > 0;
    }

    @Property
    void dailyLossTripsIffTheLossExceedsTheLimit(
            @ForAll @LongRange(min = 1, max = 100_000_000_000L) long startCents,
            @ForAll @IntRange(min = 0, max = 20_000) int valuePerTenThousand,
            @ForAll @IntRange(min = 1, max = 2_000) int limitBps) {
        long valueCents = startCents * valuePerTenThousand / 10_000;

        boolean trips = CircuitBreakers.dailyLossTrips(startCents / 100.0, valueCents / 100.0,
                limitBps / 10_000.0);

        assertThat(trips).isEqualTo(exceeds(startCents - valueCents, startCents, limitBps));
    }

    @Property
    void dailyLossAtTheLimitDoesNotTripAndACentMoreDoes(
            @ForAll @LongRange(min = 1, max = 10_000_000L) long startUnits,
            @ForAll @IntRange(min = 1, max = 2_000) int limitBps,
            @ForAll @IntRange(min = -3, max = 3) int offsetCents) {
        long startCents = startUnits * 10_000; // the limit is a whole number of cents of it
        long valueCents = startCents - startUnits * limitBps + offsetCents;

        boolean trips = CircuitBreakers.dailyLossTrips(startCents / 100.0, valueCents / 100.0,
                limitBps / 10_000.0);

        assertThat(trips).isEqualTo(offsetCents < 0);
    }

    @Property
    void positionLossTripsIffTheLossExceedsTheLimit(
            @ForAll boolean isLong,
            @ForAll @LongRange(min = 1, max = 100_000_000L) long entryCents,
            @ForAll @IntRange(min = 0, max = 20_000) int markPerTenThousand,
            @ForAll @IntRange(min = 1, max = 5_000) int limitBps) {
        long markCents = entryCents * markPerTenThousand / 10_000;
        long lossCents = isLong ? entryCents - markCents : markCents - entryCents;

        boolean trips = CircuitBreakers.positionLossTrips(isLong, entryCents / 100.0,
                markCents / 100.0, limitBps / 10_000.0);

        assertThat(trips).isEqualTo(exceeds(lossCents, entryCents, limitBps));
    }

    @Property
    void positionLossAtTheLimitDoesNotTripAndACentMoreDoes(
            @ForAll boolean isLong,
            @ForAll @LongRange(min = 1, max = 100_000L) long entryUnits,
            @ForAll @IntRange(min = 1, max = 5_000) int limitBps,
            @ForAll @IntRange(min = -3, max = 3) int offsetCents) {
        long entryCents = entryUnits * 10_000;
        long atLimit = entryUnits * limitBps;
        long markCents = isLong ? entryCents - atLimit + offsetCents
                : entryCents + atLimit - offsetCents;

        boolean trips = CircuitBreakers.positionLossTrips(isLong, entryCents / 100.0,
                markCents / 100.0, limitBps / 10_000.0);

        assertThat(trips).isEqualTo(offsetCents < 0);
    }

    @Property
    void theLossFractionAgreesWithTheTripAwayFromTheLimit(
            @ForAll boolean isLong,
            @ForAll @LongRange(min = 1, max = 100_000_000L) long entryCents,
            @ForAll @IntRange(min = 0, max = 20_000) int markPerTenThousand,
            @ForAll @IntRange(min = 1, max = 5_000) int limitBps) {
        double entry = entryCents / 100.0;
        double mark = entry * markPerTenThousand / 10_000;
        double limit = limitBps / 10_000.0;
        double loss = CircuitBreakers.positionLoss(isLong, entry, mark);

        if (Math.abs(loss - limit) > 1e-9) {
            assertThat(CircuitBreakers.positionLossTrips(isLong, entry, mark, limit))
                    .isEqualTo(loss > limit);
        }
    }
}
