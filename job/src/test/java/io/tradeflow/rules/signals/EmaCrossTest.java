package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static io.tradeflow.rules.signals.SignalFixtures.bar;
import static io.tradeflow.rules.signals.SignalFixtures.ind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.event.Signal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Examples of ema_cross, a backtest-only type under R-SIG-1's defaults. */
@DisplayName("R-SIG-1 ema_cross (backtest-only)")
class EmaCrossTest {

    /** Feeds (fast, slow) pairs, one a minute from 10:00, and returns (minute, action). */
    private static List<Signal> run(Double... fastSlow) {
        EmaCross s = EmaCross.initial();
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < fastSlow.length; i += 2) {
            EmaCross.Step step = s.update(bar(at(D1, 10, i / 2), 100, 100),
                    ind().ema(fastSlow[i], fastSlow[i + 1]).build());
            out.addAll(step.signals());
            s = step.next();
        }
        return out;
    }

    @Test
    @DisplayName("R-SIG-1 ema_cross fires when the fast EMA crosses the slow one, either way")
    void firesOnEachCross() {
        assertThat(run(1.0, 2.0, 1.5, 2.0, 2.5, 2.0, 3.0, 2.0, 1.0, 2.0))
                .extracting(Signal::ts, Signal::action).containsExactly(
                        tuple(at(D1, 10, 2), "buy"), tuple(at(D1, 10, 4), "sell"));
    }

    @Test
    @DisplayName("R-SIG-1 ema_cross: the first known pair never fires; a touch is no cross")
    void touchesAndTheFirstBarDoNotFire() {
        assertThat(run(3.0, 2.0)).isEmpty();
        assertThat(run(3.0, 2.0, 2.0, 2.0, 3.0, 2.0)).isEmpty();
        // crossing through an equal bar fires once, on the bar after it
        assertThat(run(1.0, 2.0, 2.0, 2.0, 3.0, 2.0)).extracting(Signal::ts, Signal::action)
                .containsExactly(tuple(at(D1, 10, 2), "buy"));
        // unknown values keep the last sign
        assertThat(run(1.0, 2.0, null, 2.0, 3.0, 2.0)).extracting(Signal::action)
                .containsExactly("buy");
    }
}
