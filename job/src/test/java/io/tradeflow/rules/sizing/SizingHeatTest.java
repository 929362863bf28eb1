package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of portfolio heat: Σ value × |entry − stop| / entry over 100 000 must stay at or under
 * moderate's 10 % after the entry. The default candidate adds 40 shares × 2 = 80.
 */
@DisplayName("R-SIZE-6 portfolio heat")
class SizingHeatTest {

    /** A holding of {@code value} with its stop 20 % under its entry: heat = value / 5. */
    private static Holding at20Pct(String ticker, double value) {
        return new Holding(ticker, null, value, 100, 80);
    }

    @Test
    void computesAHoldingsHeatFromItsStopDistance() {
        assertThat(new Holding("A", null, 10_000, 50, 45).heat()).isEqualTo(1_000);
        // a short: the stop above the entry
        assertThat(new Holding("A", null, 10_000, 50, 55).heat()).isEqualTo(1_000);
        assertThat(new Holding("A", null, 10_000, 50, 50).heat()).isZero();
    }

    @Test
    void acceptsHeatExactlyAtTheMaximum() {
        // 49 600 / 5 = 9 920, + 80 = 10 000 = 10 %
        Sizing s = request().hold(at20Pct("A", 49_600)).size();

        assertThat(s.accepted()).isTrue();
        assertThat(s.quantity()).isEqualTo(40);
        assertThat(s.heatAfter()).isEqualTo(0.10);
        assertThat(step(s, "heat").in()).isEqualTo(0.10);
        assertThat(step(s, "heat").note()).isEqualTo("pass");
    }

    @Test
    void rejectsHeatJustAboveTheMaximum() {
        // 49 605 / 5 = 9 921, + 80 = 10 001
        Sizing s = request().hold(at20Pct("A", 49_605)).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-6");
        assertThat(s.quantity()).isZero();
        assertThat(step(s, "heat").in()).isEqualTo(0.10001);
        // nothing was added
        assertThat(s.heatAfter()).isEqualTo(0.09921);
    }

    @Test
    void addsEveryHoldingsHeat() {
        // 20 000 / 5 + 15 000 / 5 + 14 600 / 5 = 9 920
        Sizing s = request().hold(at20Pct("A", 20_000)).hold(at20Pct("B", 15_000))
                .hold(at20Pct("C", 14_600)).size();

        assertThat(s.heatAfter()).isEqualTo(0.10);
        assertThat(s.accepted()).isTrue();
    }

    @Test
    void countsTheCandidatesStopDistance() {
        // 9 920 + 40 × 2.01 = 10 000.4
        Sizing s = request().price(100, 97.99).hold(at20Pct("A", 49_600)).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-6");
    }

    @Test
    void usesTheTiersMaximum() {
        // aggressive allows 15 %: 9 920 + 80 passes easily; conservative's 6 % does not
        Holding h = at20Pct("A", 49_600);

        assertThat(request().tier(TierParams.AGGRESSIVE).confidence(0.55).hold(h).size()
                .accepted()).isTrue();
        assertThat(request().tier(TierParams.CONSERVATIVE).confidence(0.75).hold(h).size()
                .rejectedBy()).isEqualTo("R-SIZE-6");
    }

    @Test
    void reportsTheHeatAfterAnAcceptedEntry() {
        assertThat(request().size().heatAfter()).isEqualTo(0.0008);
    }
}
