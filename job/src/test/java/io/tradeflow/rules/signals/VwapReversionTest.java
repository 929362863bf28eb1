package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.D2;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static io.tradeflow.rules.signals.SignalFixtures.bar;
import static io.tradeflow.rules.signals.SignalFixtures.ind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Signal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Examples of vwap_reversion, a backtest-only type under R-SIG-1's defaults. */
@DisplayName("R-SIG-1 vwap_reversion (backtest-only)")
class VwapReversionTest {
    private static final double VWAP = 100;
    private static final double ATR = 1;

    private static List<Signal> run(List<Bar> bars) {
        VwapReversion s = VwapReversion.initial();
        List<Signal> out = new ArrayList<>();
        for (Bar b : bars) {
            VwapReversion.Step step = s.update(b, ind().vwap(VWAP).atr(ATR).build(), 2.0);
            out.addAll(step.signals());
            s = step.next();
        }
        return out;
    }

    @Test
    @DisplayName("R-SIG-1 vwap_reversion sells a close ≥ 2 ATR above VWAP that turns down")
    void sellsAStretchAboveThatTurnsDown() {
        assertThat(run(List.of(
                bar(at(D1, 10, 0), 101.5, 102.5), // stretched, still rising
                bar(at(D1, 10, 1), 102.5, 102.0), // exactly 2 ATR, turns down ⇒ sell
                bar(at(D1, 10, 2), 102.4, 102.1), // still stretched, turns down: same excursion
                bar(at(D1, 10, 3), 102.1, 101.0), // back inside the band: re-arms
                bar(at(D1, 10, 4), 103.0, 102.2)))) // a new excursion ⇒ sell
                .extracting(Signal::ts, Signal::action).containsExactly(
                        tuple(at(D1, 10, 1), "sell"), tuple(at(D1, 10, 4), "sell"));
    }

    @Test
    @DisplayName("R-SIG-1 vwap_reversion buys a close ≥ 2 ATR below VWAP that turns up")
    void buysAStretchBelowThatTurnsUp() {
        assertThat(run(List.of(
                bar(at(D1, 10, 0), 98.0, 98.1),  // 1.9 ATR: not stretched enough
                bar(at(D1, 10, 1), 97.5, 97.9),  // 2.1 ATR, up ⇒ buy
                bar(at(D1, 10, 2), 97.8, 97.7),
                bar(at(D2, 10, 0), 97.5, 97.9)))) // a new session re-arms
                .extracting(Signal::ts, Signal::action).containsExactly(
                        tuple(at(D1, 10, 1), "buy"), tuple(at(D2, 10, 0), "buy"));
    }

    @Test
    @DisplayName("R-SIG-1 vwap_reversion needs VWAP and a positive ATR")
    void needsVwapAndAtr() {
        Bar b = bar(at(D1, 10, 1), 103, 102);
        assertThat(VwapReversion.initial().update(b, ind().atr(1.0).build(), 2).signals())
                .isEmpty();
        assertThat(VwapReversion.initial().update(b, ind().vwap(VWAP).atr(0.0).build(), 2)
                .signals()).isEmpty();
        assertThat(VwapReversion.initial().update(b, ind().vwap(VWAP).atr(1.0).build(), 2)
                .signals()).hasSize(1);
    }
}
