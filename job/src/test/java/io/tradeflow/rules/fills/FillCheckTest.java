package io.tradeflow.rules.fills;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-FILL-1: which broker fills apply to their order, and why the others do not. */
class FillCheckTest {
    static final Order ORDER = new Order("e-1", "a", "d-1", "e-1", "SPY", "buy", Order.LIMIT, 10,
            100.0, 0, Order.NEW, null, 0);

    static Fill fill(String side, String ticker, long quantity) {
        return Fill.of("e-1", "x-1", "a", ticker, side, quantity, 100.0, 0, 1);
    }

    @Test
    @DisplayName("R-FILL-1: a fill of the order's side and ticker within what is open applies")
    void appliesAFillThatFits() {
        assertThat(FillCheck.check(fill("buy", "SPY", 10), false, ORDER, 0)).isNull();
        assertThat(FillCheck.check(fill("buy", "SPY", 4), false, ORDER, 6)).isNull();
    }

    @Test
    @DisplayName("R-FILL-1: an execution id applied already is a duplicate, which does not pause")
    void aRepeatIsADuplicate() {
        FillCheck.Rejection r = FillCheck.check(fill("buy", "SPY", 10), true, ORDER, 0);
        assertThat(r.reason()).isEqualTo(FillCheck.DUPLICATE);
        assertThat(r.pauses()).isFalse();
        // a duplicate even once its order is complete (gone from the working orders)
        assertThat(FillCheck.check(fill("buy", "SPY", 10), true, null, 0).reason())
                .isEqualTo(FillCheck.DUPLICATE);
    }

    @Test
    @DisplayName("R-FILL-1: unknown order, other side or ticker, overfill: rejected, pausing")
    void rejectsWhatDoesNotFitItsOrder() {
        assertThat(FillCheck.check(fill("buy", "SPY", 1), false, null, 0))
                .isEqualTo(new FillCheck.Rejection(FillCheck.UNKNOWN_ORDER,
                        "R-FILL-1: no working order has this client order id", true));
        assertThat(FillCheck.check(fill("sell", "SPY", 1), false, ORDER, 0))
                .isEqualTo(new FillCheck.Rejection(FillCheck.MISMATCH,
                        "R-FILL-1: fill sell SPY differs from order buy SPY", true));
        assertThat(FillCheck.check(fill("buy", "QQQ", 1), false, ORDER, 0).reason())
                .isEqualTo(FillCheck.MISMATCH);
        assertThat(FillCheck.check(fill("buy", "SPY", 5), false, ORDER, 6))
                .isEqualTo(new FillCheck.Rejection(FillCheck.OVERFILL,
                        "R-FILL-1: fill of 5 is more than the 4 still open of 10", true));
    }
}
