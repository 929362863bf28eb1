package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradeflow.event.Recommendation;
import io.tradeflow.event.Signal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

/** Examples of signals turned into recommendations (R-SIG-2, R-SIG-3, R-SIG-4). */
@DisplayName("R-SIG-2 R-SIG-3 signal recommendations")
class SignalRecommendationsTest {
    private static final long TS = at(D1, 10, 30);

    @Test
    @DisplayName("R-SIG-2 a confluence signal becomes a live_eligible recommendation")
    void confluenceRecommendation() {
        Signal s = new Signal("SPY", TS, "confluence", "buy", 5.0, 6.0, 2.25, 101.8);
        Recommendation r = SignalRecommendations.of(s, SignalParams.DEFAULTS);

        assertThat(r.id()).isEqualTo("sig-SPY-confluence-" + TS);
        assertThat(r.account()).isNull();
        assertThat(r.ticker()).isEqualTo("SPY");
        assertThat(r.action()).isEqualTo("buy");
        assertThat(r.confidence()).isCloseTo(5.0 / 6.0, within(1e-12));
        assertThat(r.signalType()).isEqualTo("confluence");
        assertThat(r.mode()).isEqualTo("live_eligible");
        assertThat(r.generatedAt()).isEqualTo(TS);
        assertThat(r.price()).isEqualTo(101.8);
        assertThat(r.score()).isEqualTo(5.0);
        assertThat(r.maxScore()).isEqualTo(6.0);
        assertThat(r.relVol()).isEqualTo(2.25);
        assertThat(RecommendationEligibility.modeAllowed(r.mode(), "live")).isTrue();
    }

    @ParameterizedTest(name = "{0} ⇒ {1}")
    @DisplayName("R-SIG-3 the other types take their configured confidence")
    @CsvSource({"orb, 0.8", "orb_direction, 0.85", "ema_cross, 0.7", "vwap_reversion, 0.7",
        "something_else, 0"})
    void fixedConfidences(String type, double confidence) {
        Signal s = new Signal("SPY", TS, type, "sell", null, null, null, 99.0);

        assertThat(SignalRecommendations.of(s, SignalParams.DEFAULTS).confidence())
                .isEqualTo(confidence);
    }

    @Test
    @DisplayName("R-SIG-2 7/7 has confidence 1; 5/7 about 0.71; the id is deterministic")
    void confluenceConfidenceAndIds() {
        Signal seven = new Signal("AAPL", TS, "confluence", "sell", 7.0, 7.0, 1.6, 180.0);
        Signal five = new Signal("AAPL", TS, "confluence", "sell", 5.0, 7.0, 1.6, 180.0);

        assertThat(SignalParams.DEFAULTS.confidence(seven)).isEqualTo(1.0);
        assertThat(SignalParams.DEFAULTS.confidence(five)).isCloseTo(5 / 7.0, within(1e-12));
        Recommendation rec = SignalRecommendations.of(seven, SignalParams.DEFAULTS);
        assertThat(rec.id()).isEqualTo("sig-AAPL-confluence-" + TS);
        assertThat(rec).extracting(Recommendation::ticker, Recommendation::action,
                Recommendation::confidence, Recommendation::signalType, Recommendation::price,
                Recommendation::score, Recommendation::relVol)
                .containsExactly("AAPL", "sell", 1.0, "confluence", 180.0, 7.0, 1.6);
        assertThat(SignalRecommendations.id(new Signal("AAPL", TS, "orb", "buy", null, null,
                null, 1))).isEqualTo("sig-AAPL-orb-" + TS);
    }

    @Test
    @DisplayName("R-SIG-2 R-SIG-3 default params are valid; every bad setting is reported")
    void paramsValidation() {
        assertThat(SignalParams.DEFAULTS.validate()).isEmpty();
        SignalParams bad = new SignalParams(0, List.of("orb", "nope"), 0, 1.2, -0.1, 0.7,
                Double.NaN);

        assertThat(bad.validate()).hasSize(6);
        assertThat(new SignalParams(5, null, 2, 0.8, 0.85, 0.7, 0.7).enabledTypes()).isEmpty();
    }
}
