package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RuleParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of confluence sizing on intraday rules: × 2 at score ≥ 6 and relVol ≥ 2.0, half (at
 * least 1) at score ≤ 5, re-clamped to every cap. The base size is 40 shares.
 */
@DisplayName("R-SIZE-7 confluence sizing")
class SizingConfluenceTest {

    private static SizingRequests intraday() {
        return request().rules(RuleParams.INTRADAY);
    }

    @ParameterizedTest
    @CsvSource({
        "6, 2.0, 80", "7, 3.5, 80", "6, 1.99, 40", "7, 1.99, 40", "5, 2.0, 20", "5, 1.0, 20",
        "4, 5.0, 20"
    })
    void scalesByScoreAndRelativeVolume(int score, double relVol, long shares) {
        Sizing s = intraday().confluence(score, relVol).size();

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(shares);
        SizingStep step = step(s, "confluence");
        assertThat(step.rule()).isEqualTo("R-SIZE-7");
        assertThat(step.in()).isEqualTo(40);
        assertThat(step.out()).isEqualTo(shares);
    }

    @Test
    void doesNotDoubleWithoutARelativeVolume() {
        assertThat(intraday().confluence(6, null).size().quantity()).isEqualTo(40);
    }

    @Test
    void keepsAtLeastOneShareWhenHalving() {
        // 4 000 buys one share at 4 000
        Sizing s = intraday().price(4_000, 3_990).confluence(5, 1.0).size();

        assertThat(s.quantity()).isEqualTo(1);
    }

    @Test
    void reClampsADoubledSizeToTheTiersMaxPosition() {
        // 4 % × 1.0 / 0.65 = 6.15 % ⇒ 61 shares, doubled 122 > 8 % = 80
        Sizing s = intraday().confidence(1.0).confluence(6, 2.0).size();

        assertThat(s.quantity()).isEqualTo(80);
        SizingStep cap = step(s, "confluence_cap");
        assertThat(cap.rule()).isEqualTo("R-SIZE-2");
        assertThat(cap.in()).isEqualTo(122);
        assertThat(cap.out()).isEqualTo(80);
    }

    @Test
    void reClampsADoubledSizeToTheAbsoluteCap() {
        // 500 000 × 4 % = 20 000 ⇒ 200, doubled 400; 8 % = 400 but 25 000 / 100 = 250
        Sizing s = intraday().portfolio(500_000, 500_000).confluence(6, 2.0).size();

        assertThat(s.quantity()).isEqualTo(250);
        assertThat(step(s, "confluence_cap").rule()).isEqualTo("R-SIZE-8");
    }

    @Test
    void reClampsADoubledSizeToTheCash() {
        Sizing s = intraday().cash(5_000).confluence(6, 2.0).size();

        assertThat(s.quantity()).isEqualTo(50);
        assertThat(step(s, "confluence_cap").note()).contains("cash");
    }

    @Test
    void reClampsADoubledSizeToTheSectorsRoom() {
        // 25 000 cap − 19 000 held = 6 000 ⇒ 60 shares, not 80
        Sizing s = intraday().sector("Tech").hold("A", "Tech", 19_000).confluence(6, 2.0).size();

        assertThat(s.quantity()).isEqualTo(60);
        assertThat(step(s, "confluence_cap").rule()).isEqualTo("R-SIZE-4");
    }

    @Test
    void appliesOnlyWhenTheRulesTurnItOnAndTheSignalIsAConfluence() {
        assertThat(request().confluence(6, 2.0).size().quantity()).isEqualTo(40);
        assertThat(stepNames(request().confluence(6, 2.0).size())).doesNotContain("confluence");
        assertThat(stepNames(intraday().size())).doesNotContain("confluence");
    }
}
