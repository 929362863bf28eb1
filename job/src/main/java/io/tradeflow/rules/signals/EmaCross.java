package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;

import java.io.Serializable;
import java.util.List;

/**
 * Detects crosses of the fast EMA over the slow EMA of one ticker ({@code ema_cross}, a
 * backtest-only type under R-SIG-1's default {@code allowedLiveSignalTypes}).
 *
 * <p>A cross is a change of the sign of {@code emaFast − emaSlow} between the last bar where it
 * was non-zero and this bar: to positive ⇒ {@code buy}, to negative ⇒ {@code sell}. A bar where
 * the two are equal (a touch) neither fires nor forgets the last sign, so touching and turning
 * back is no cross, and crossing through an equal bar fires once, on the bar after it. The first
 * bar with both EMAs known never fires; bars with an EMA unknown leave the state unchanged.
 *
 * <p>It follows every bar it is given, whatever the session: {@link SignalDetector} feeds it every
 * bar and emits only on regular-session bars, so a cross outside the regular session is not
 * reported later.
 *
 * @param lastSign the last non-zero sign of {@code emaFast − emaSlow}: +1, −1, or 0 when unknown
 */
public record EmaCross(int lastSign) implements Serializable {
    public static EmaCross initial() {
        return new EmaCross(0);
    }

    /** Holds the next state and the signal fired at a bar, if any. */
    public record Step(EmaCross next, List<Signal> signals) implements Serializable {}

    public Step update(Bar bar, Indicators ind) {
        Double fast = ind.emaFast();
        Double slow = ind.emaSlow();
        if (!ConfluenceScore.known(fast) || !ConfluenceScore.known(slow)) {
            return new Step(this, List.of());
        }
        int sign = fast > slow ? 1 : fast < slow ? -1 : 0;
        if (sign == 0 || sign == lastSign) {
            return new Step(this, List.of());
        }
        EmaCross next = new EmaCross(sign);
        if (lastSign == 0) {
            return new Step(next, List.of());
        }
        Side side = sign > 0 ? Side.CALL : Side.PUT;
        return new Step(next, List.of(side.signal(SignalTypes.EMA_CROSS, bar)));
    }
}
