package io.tradeflow.rules.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.tiers.RiskTierController.Metrics;
import io.tradeflow.rules.tiers.RiskTierController.TierDecision;
import io.tradeflow.rules.tiers.RiskTierController.TradeOutcome;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

/**
 * Examples of R-RISK-1: at each close, one tier down when the 30-day win rate is below 40 % or
 * the drawdown above 15 %; one tier up when the win rate is above 55 %, the reserve above 20 % and
 * the drawdown below 5 %; never past the ends.
 */
@DisplayName("R-RISK-1 risk tier controller")
class RiskTierControllerTest {
    private static final RiskParams R = RiskParams.SWING;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Double rate(String s) {
        return s == null || s.isBlank() ? null : Double.valueOf(s);
    }

    @ParameterizedTest(name = "{0}: win {1}, drawdown {2}, reserve {3} ⇒ {4} ({5})")
    @CsvSource(nullValues = "-", value = {
        // downgrade thresholds, strict
        "moderate,     0.40,  0.10, 0.10, moderate,     hold",
        "moderate,     0.3999, 0.10, 0.10, conservative, R-RISK-1:downgrade",
        "moderate,     0.50,  0.15, 0.10, moderate,     hold",
        "moderate,     0.50,  0.1501, 0.10, conservative, R-RISK-1:downgrade",
        "aggressive,   0.30,  0.20, 0.50, moderate,     R-RISK-1:downgrade",
        "conservative, 0.30,  0.20, 0.50, conservative, hold",
        // upgrade thresholds, strict and all three needed
        "moderate,     0.55,  0.01, 0.30, moderate,     hold",
        "moderate,     0.5501, 0.01, 0.30, aggressive,  R-RISK-1:upgrade",
        "moderate,     0.60,  0.01, 0.20, moderate,     hold",
        "moderate,     0.60,  0.01, 0.2001, aggressive, R-RISK-1:upgrade",
        "moderate,     0.60,  0.05, 0.30, moderate,     hold",
        "moderate,     0.60,  0.0499, 0.30, aggressive, R-RISK-1:upgrade",
        "conservative, 0.60,  0.0,  0.30, moderate,     R-RISK-1:upgrade",
        "aggressive,   0.60,  0.0,  0.30, aggressive,   hold",
        // no closed trades: the win rate neither downgrades nor upgrades; drawdown still does
        "moderate,     -,     0.0,  0.50, moderate,     hold",
        "moderate,     -,     0.16, 0.50, conservative, R-RISK-1:downgrade",
    })
    void movesOneStepWithinTheEnds(String current, String winRate, double drawdown,
            double reserve, String to, String reason) {
        TierDecision d = RiskTierController.atClose(current,
                new Metrics(rate(winRate), drawdown, reserve), R);

        assertThat(d.from()).isEqualTo(current);
        assertThat(d.to()).isEqualTo(to);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.changed()).isEqualTo(!current.equals(to));
    }

    @Test
    void aDowngradeAtConservativeHoldsAndSaysSo() {
        TierDecision d = RiskTierController.atClose("conservative", new Metrics(0.25, 0.18, 0),
                R);

        assertThat(d.changed()).isFalse();
        assertThat(d.reason()).isEqualTo("hold");
        assertThat(d.detail()).isEqualTo(
                "win rate 25 % < 40 % and drawdown 18 % > 15 %; already conservative, "
                        + "the lowest tier");
    }

    @Test
    void explainsAMoveWithItsMetrics() {
        TierDecision down = RiskTierController.atClose("aggressive", new Metrics(0.35, 0.02, 0),
                R);
        TierDecision up = RiskTierController.atClose("conservative",
                new Metrics(0.6, 0.01, 0.25), R);

        assertThat(down.detail()).isEqualTo("win rate 35 % < 40 %; aggressive → moderate");
        assertThat(up.detail()).isEqualTo("win rate 60 %, reserve 25 %, drawdown 1 % meet the "
                + "upgrade (win rate > 55 %, reserve > 20 %, drawdown < 5 %); "
                + "conservative → moderate");
    }

    @Test
    void rejectsAnUnknownTier() {
        assertThatThrownBy(() -> RiskTierController.atClose("reckless",
                new Metrics(0.5, 0, 0), R)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reckless");
        assertThatThrownBy(() -> RiskTierController.atClose(null, new Metrics(0.5, 0, 0), R))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsTheTierOrder() {
        assertThat(RiskTierController.conservative()).isEqualTo("conservative");
        assertThat(RiskTierController.index("moderate")).isEqualTo(1);
        assertThat(RiskTierController.ORDER)
                .containsExactly("conservative", "moderate", "aggressive");
    }

    @Test
    void countsTheWinRateOverTheTrailingWindow() {
        long now = 100 * DAY;
        Duration window = R.winRateWindow();
        List<TradeOutcome> closed = List.of(
                new TradeOutcome(now - 30 * DAY, true), // exactly 30 days ago: out
                new TradeOutcome(now - 30 * DAY + 1, false),
                new TradeOutcome(now - 10 * DAY, true),
                new TradeOutcome(now - DAY, true),
                new TradeOutcome(now, false));

        assertThat(RiskTierController.winRate(closed, now, window)).isEqualTo(0.5);
        assertThat(RiskTierController.winRate(closed, now + 30 * DAY + 1, window)).isNull();
        assertThat(RiskTierController.winRate(List.of(), now, window)).isNull();
        assertThat(RiskTierController.winRate(null, now, window)).isNull();
    }
}
