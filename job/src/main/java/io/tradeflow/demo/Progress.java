package io.tradeflow.demo;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.rules.calendar.MarketTime;

import java.io.PrintStream;
import java.util.function.Consumer;

/** Prints decisions and fills so far, at most once a second. */
final class Progress implements Consumer<AccountOutput> {
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private long decisions;
    private long acts;
    private long fills;
    private long lastTs = Long.MIN_VALUE;
    private long lastPrint = System.nanoTime();
    private long printedDecisions;

    Progress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(AccountOutput o) {
        if (AccountOutput.DECISION.equals(o.kind())) {
            decisions++;
            if (Decision.ACT.equals(o.decision().decision())) {
                acts++;
            }
            lastTs = Math.max(lastTs, o.decision().ts());
        } else if (AccountOutput.FILL.equals(o.kind())) {
            fills++;
        }
        long now = System.nanoTime();
        if (decisions != printedDecisions && now - lastPrint >= EVERY_NANOS) {
            lastPrint = now;
            line();
        }
    }

    void done() {
        line();
    }

    private void line() {
        printedDecisions = decisions;
        out.printf("  … %d decisions (%d act, %d skip), %d fills%s%n", decisions, acts,
                decisions - acts, fills,
                lastTs == Long.MIN_VALUE ? "" : ", event time " + MarketTime.iso(lastTs));
    }
}
