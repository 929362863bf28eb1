package io.tradeflow.rules.signals;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Signal;

/**
 * Names the two sides of a signal (R-SIG-2, R-SIG-3): CALL is long ({@code buy}), PUT is short
 * ({@code sell}).
 */
public enum Side {
    CALL("buy"),
    PUT("sell");

    private final String action;

    Side(String action) {
        this.action = action;
    }

    /** Returns the recommendation action, {@code buy} or {@code sell} (R-SIG-4). */
    public String action() {
        return action;
    }

    /** Returns a signal of this side without a score, fired on the bar's close. */
    Signal signal(String type, Bar bar) {
        return new Signal(bar.ticker(), bar.ts(), type, action, null, null, null, bar.close());
    }
}
