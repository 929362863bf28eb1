package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Examples of the diversification bonus: × 1.2 for a new sector while fewer than 3 are held. */
@DisplayName("R-SIZE-5 diversification bonus")
class SizingDiversificationTest {

    @Test
    void appliesToAKnownSectorWithNothingHeld() {
        // 4 % × 1.2 = 4.8 % ⇒ 4 800
        Sizing s = request().sector("Tech").size();

        assertThat(s.quantity()).isEqualTo(48);
        SizingStep bonus = step(s, "diversification");
        assertThat(bonus.rule()).isEqualTo("R-SIZE-5");
        assertThat(bonus.in()).isEqualTo(0.04);
        assertThat(bonus.out()).isCloseTo(0.048, within(1e-15));
    }

    @Test
    void appliesToANewSectorWithTwoSectorsHeld() {
        Sizing s = request().sector("Tech").hold("A", "Energy", 5_000).hold("B", "Health", 5_000)
                .size();

        assertThat(s.quantity()).isEqualTo(48);
    }

    @Test
    void doesNotApplyWithThreeSectorsHeld() {
        Sizing s = request().sector("Tech").hold("A", "Energy", 5_000).hold("B", "Health", 5_000)
                .hold("C", "Utilities", 5_000).size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(step(s, "diversification").note()).contains("3 sectors held");
    }

    @Test
    void doesNotApplyToASectorAlreadyHeld() {
        Sizing s = request().sector("Tech").hold("A", "Tech", 5_000).size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(step(s, "diversification").note()).contains("already held");
    }

    @Test
    void doesNotApplyToAnUnknownSector() {
        Sizing s = request().size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(step(s, "diversification").out()).isEqualTo(0.04);
    }

    @Test
    void countsOnlyKnownSectorsOfTheHoldings() {
        Sizing s = request().sector("Tech").hold("A", "Energy", 5_000).hold("B", "Health", 5_000)
                .hold("C", null, 5_000).size();

        assertThat(s.quantity()).isEqualTo(48);
    }

    @Test
    void isStillClampedToTheTiersMaxPosition() {
        // conservative: 4 % × 0.9 / 0.75 = 4.8 %, × 1.2 = 5.76 % ⇒ 5 %
        Sizing s = request().tier(TierParams.CONSERVATIVE).confidence(0.9).sector("Tech").size();

        assertThat(s.quantity()).isEqualTo(50);
        assertThat(stepNames(s)).containsSubsequence("diversification", "pct_cap");
        assertThat(step(s, "pct_cap").out()).isEqualTo(0.05);
    }
}
