package io.tradeflow.rules.pool;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Seed Property 6: a siphon is realized profit × pct, the balance after it is the balance before
 * plus the siphon, and neither is ever negative (R-POOL-1).
 */
@Label("R-POOL-1 reserve siphon properties")
class ReserveSiphonProperties {

    @Property
    void siphonIsProfitTimesPctOnAProfitAndNothingOtherwise(
            @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long profitCents,
            @ForAll @IntRange(min = 0, max = 10_000) int pctBps) {
        BigDecimal profit = BigDecimal.valueOf(profitCents, 2);
        double pct = pctBps / 10_000.0;

        BigDecimal s = ReservePool.siphon(profit, pct);

        BigDecimal expected = profitCents > 0
                ? profit.multiply(BigDecimal.valueOf(pctBps, 4)).setScale(4, RoundingMode.HALF_EVEN)
                : BigDecimal.ZERO;
        assertThat(s).isEqualByComparingTo(expected);
        assertThat(s.scale()).isEqualTo(4);
        assertThat(s.signum()).isNotNegative();
        assertThat(s).isLessThanOrEqualTo(profit.max(BigDecimal.ZERO));
    }

    @Property
    void theBalanceGrowsByEachSiphonAndIsNeverNegative(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long startCents,
            @ForAll @Size(max = 40) List<@LongRange(min = -10_000_000L, max = 10_000_000L) Long>
                    profitsCents,
            @ForAll @IntRange(min = 0, max = 10_000) int pctBps) {
        double pct = pctBps / 10_000.0;
        BigDecimal balance = BigDecimal.valueOf(startCents, 2).setScale(4);
        BigDecimal total = BigDecimal.ZERO;

        for (long cents : profitsCents) {
            BigDecimal s = ReservePool.siphon(BigDecimal.valueOf(cents, 2), pct);
            BigDecimal after = ReservePool.balanceAfter(balance, s);

            assertThat(after).isEqualByComparingTo(balance.add(s));
            assertThat(after).isGreaterThanOrEqualTo(balance);
            assertThat(after.signum()).isNotNegative();
            balance = after;
            total = total.add(s);
        }
        assertThat(balance).isEqualByComparingTo(BigDecimal.valueOf(startCents, 2).add(total));
    }
}
