package io.tradeflow.rules.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.tiers.RiskTierController.Metrics;
import io.tradeflow.rules.tiers.RiskTierController.TierDecision;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

/**
 * Seed Property 12: the tier moves at most one step per close and never leaves conservative ..
 * aggressive; it goes down exactly when a downgrade condition holds (those dominate), up exactly
 * when every upgrade condition holds and no downgrade does, and holds otherwise (R-RISK-1).
 */
@Label("R-RISK-1 risk tier controller properties")
class RiskTierControllerProperties {

    @Provide
    Arbitrary<String> tiers() {
        return Arbitraries.of(RiskTierController.ORDER);
    }

    @Provide
    Arbitrary<Metrics> metrics() {
        // hundredths land on the default thresholds (0.40, 0.15, 0.55, 0.20, 0.05) often
        Arbitrary<Double> win = Arbitraries.integers().between(0, 100).map(i -> i / 100.0)
                .injectNull(0.1);
        Arbitrary<Double> drawdown = Arbitraries.integers().between(0, 40).map(i -> i / 100.0);
        Arbitrary<Double> reserve = Arbitraries.integers().between(0, 60).map(i -> i / 100.0);
        return Combinators.combine(win, drawdown, reserve).as(Metrics::new);
    }

    @Provide
    Arbitrary<RiskParams> params() {
        // thresholds that may overlap, so that downgrade and upgrade conditions can hold at once
        Arbitrary<Double> pct = Arbitraries.integers().between(0, 100).map(i -> i / 100.0);
        Arbitrary<Double> dd = Arbitraries.integers().between(0, 40).map(i -> i / 100.0);
        Arbitrary<RiskParams> any = Combinators.combine(pct, dd, pct, dd, dd)
                .as((dw, ddd, uw, ur, ud) ->
                        RiskParams.SWING.with(b -> b.downgradeWinRate(dw).downgradeDrawdown(ddd)
                                .upgradeWinRate(uw).upgradeReservePct(ur).upgradeDrawdown(ud)));
        return Arbitraries.oneOf(Arbitraries.just(RiskParams.SWING), any);
    }

    private static boolean downgrade(Metrics m, RiskParams r) {
        return m.winRate() != null && m.winRate() < r.downgradeWinRate()
                || m.drawdown() > r.downgradeDrawdown();
    }

    private static boolean upgrade(Metrics m, RiskParams r) {
        return m.winRate() != null && m.winRate() > r.upgradeWinRate()
                && m.reservePct() > r.upgradeReservePct() && m.drawdown() < r.upgradeDrawdown();
    }

    @Property(tries = 2_000)
    void movesAtMostOneStepTheWayTheConditionsSay(@ForAll("tiers") String tier,
            @ForAll("metrics") Metrics m, @ForAll("params") RiskParams r) {
        TierDecision d = RiskTierController.atClose(tier, m, r);
        int from = RiskTierController.index(tier);
        int to = RiskTierController.index(d.to());

        assertThat(d.from()).isEqualTo(tier);
        assertThat(Math.abs(to - from)).isLessThanOrEqualTo(1);
        assertThat(d.changed()).isEqualTo(to != from);
        int expected = downgrade(m, r) ? Math.max(0, from - 1)
                : upgrade(m, r) ? Math.min(2, from + 1) : from;
        assertThat(to).isEqualTo(expected);
        assertThat(d.reason()).isEqualTo(to < from ? "R-RISK-1:downgrade"
                : to > from ? "R-RISK-1:upgrade" : "hold");
        assertThat(d.detail()).isNotBlank();
    }

    @Property(tries = 2_000)
    void aDowngradeConditionNeverRaisesTheTier(@ForAll("tiers") String tier,
            @ForAll("metrics") Metrics m, @ForAll("params") RiskParams r) {
        TierDecision d = RiskTierController.atClose(tier, m, r);

        if (downgrade(m, r)) {
            assertThat(RiskTierController.index(d.to()))
                    .isLessThanOrEqualTo(RiskTierController.index(tier));
        }
    }

    @Property
    void aSeriesOfClosesStaysWithinTheTiers(@ForAll("tiers") String start,
            @ForAll @Size(max = 60) List<@From("metrics") Metrics> closes) {
        String tier = start;
        for (Metrics m : closes) {
            TierDecision d = RiskTierController.atClose(tier, m, RiskParams.SWING);
            assertThat(d.from()).isEqualTo(tier);
            assertThat(RiskTierController.ORDER).contains(d.to());
            tier = d.to();
        }
    }
}
