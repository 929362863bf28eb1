package io.tradeflow.rules.options;

import io.tradeflow.rules.sizing.Sizing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of R-OPT-2: sizes in whole contracts within the dollars, fewer at a dearer premium. */
class OptionSizerProperties {

    @Property
    void contractsCostAtMostTheTiersMaxPosition(
            @ForAll @DoubleRange(min = 0.01, max = 60) double premium,
            @ForAll @DoubleRange(min = 0.65, max = 1) double confidence,
            @ForAll @IntRange(min = 3, max = 7) int score,
            @ForAll @DoubleRange(min = 0, max = 4) double relVol) {
        Sizing s = OptionSizer.size(OptionSizerTest.request(confidence, score, relVol), premium,
                premium * 0.75, 100);
        assertThat(s.quantity()).isNotNegative();
        assertThat(s.accepted()).isEqualTo(s.quantity() > 0);
        if (!s.accepted()) {
            assertThat(s.rejectedBy()).isEqualTo(OptionSizer.RULE);
        }
        // moderate: at most 8 % of the 100 000 pool, and 1 % at risk at the premium stop
        assertThat(s.quantity() * premium * 100).isLessThanOrEqualTo(8_000 * (1 + 1e-9));
        assertThat(s.quantity() * premium * 0.25 * 100).isLessThanOrEqualTo(1_000 * (1 + 1e-9));
    }

    @Property
    void aDearerPremiumNeverBuysMoreContracts(
            @ForAll @DoubleRange(min = 0.01, max = 60) double premium,
            @ForAll @DoubleRange(min = 1, max = 3) double factor,
            @ForAll @DoubleRange(min = 0.65, max = 1) double confidence) {
        long cheap = OptionSizer.size(OptionSizerTest.request(confidence, null, null), premium,
                premium * 0.75, 100).quantity();
        long dear = OptionSizer.size(OptionSizerTest.request(confidence, null, null),
                premium * factor, premium * factor * 0.75, 100).quantity();
        assertThat(dear).isLessThanOrEqualTo(cheap);
    }
}
