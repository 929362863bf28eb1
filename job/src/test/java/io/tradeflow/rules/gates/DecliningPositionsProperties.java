package io.tradeflow.rules.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RiskParams;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

/**
 * Seed Property 16: entries halt exactly when more than the declining share (50 %) of open
 * positions are down more than the declining loss (2 %), both strict (R-HALT-1).
 */
@Label("R-HALT-1 declining positions properties")
class DecliningPositionsProperties {

    @Property
    void haltsIffMoreThanHalfAreDownMoreThanTwoPercent(
            @ForAll @Size(max = 30) List<@IntRange(min = -100, max = 100) Integer> perMille) {
        List<Double> returns = perMille.stream().map(p -> p / 1_000.0).toList();
        long declining = perMille.stream().filter(p -> p < -20).count();

        GateResult g = EntryGates.decliningPositions(returns, RiskParams.SWING);

        assertThat(g.pass()).isEqualTo(declining * 2 <= perMille.size());
        assertThat(g.rule()).isEqualTo("R-HALT-1");
    }

    @Property
    void followsConfiguredSharesAndLosses(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = -150, max = 50) Integer> perMille,
            @ForAll @IntRange(min = 0, max = 100) int sharePct,
            @ForAll @IntRange(min = 0, max = 100) int lossPerMille) {
        RiskParams r = RiskParams.SWING.with(b -> b.decliningShare(sharePct / 100.0)
                .decliningLossPct(lossPerMille / 1_000.0));
        List<Double> returns = perMille.stream().map(p -> p / 1_000.0).toList();
        long declining = perMille.stream().filter(p -> p < -lossPerMille).count();

        GateResult g = EntryGates.decliningPositions(returns, r);

        assertThat(g.pass()).isEqualTo(declining * 100 <= (long) sharePct * perMille.size());
    }
}
