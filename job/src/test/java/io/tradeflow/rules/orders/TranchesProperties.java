package io.tradeflow.rules.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.ExitParams;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The seed's Property 21, R-ORD-2: entries above the threshold split into the configured number
 * of near-equal tranches that sum to the quantity and all derive from the parent decision id.
 */
@Label("R-ORD-2 Property 21: gradual entry tranche splitting")
class TranchesProperties {
    private static final ExitParams E = ExitParams.DEFAULTS;

    @Property
    void tranchesSumToTheQuantityAndDifferByAtMostOneLargerFirst(
            @ForAll @LongRange(min = 1, max = 10_000_000) long quantity,
            @ForAll @IntRange(min = 1, max = 12) int tranches) {
        long[] t = Tranches.split(quantity, tranches);

        assertThat(Arrays.stream(t).sum()).isEqualTo(quantity);
        assertThat(t).hasSize((int) Math.min(tranches, quantity));
        assertThat(Arrays.stream(t).min().orElseThrow()).isPositive();
        assertThat(Arrays.stream(t).max().orElseThrow() - Arrays.stream(t).min().orElseThrow())
                .isLessThanOrEqualTo(1);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isLessThanOrEqualTo(t[i - 1]);
        }
    }

    @Property
    void everyTrancheOrderIdIsDistinctAndLeadsBackToTheSameParent(
            @ForAll("decisionIds") String decisionId,
            @ForAll @LongRange(min = 1, max = 1_000) long quantity) {
        long[] t = Tranches.split(quantity, E.tranches());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < t.length; i++) {
            String id = Tranches.trancheOrderId(decisionId, i);
            ids.add(id);
            assertThat(Tranches.parentDecisionId(id)).isEqualTo(decisionId);
            assertThat(Tranches.trancheOrderId(decisionId, i)).isEqualTo(id);
        }
        assertThat(ids).hasSize(t.length).doesNotContain(OrderIds.entryOrderId(decisionId));
    }

    @Provide
    Arbitrary<String> decisionIds() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                .map(s -> OrderIds.decisionId("acct", s, 1_736_952_300_000L));
    }

    @Property
    void anEntryIsGradualExactlyAboveTheSmallerOfThresholdAndPoolShare(
            @ForAll @DoubleRange(min = 0, max = 50_000) double value,
            @ForAll @DoubleRange(min = 0, max = 1_000_000) double pool) {
        double threshold = Math.min(E.gradualEntryThreshold(), E.gradualEntryPoolPct() * pool);
        Assume.that(Math.abs(value - threshold) > 1e-6);

        assertThat(Tranches.gradual(value, pool, E)).isEqualTo(value > threshold);
    }
}
