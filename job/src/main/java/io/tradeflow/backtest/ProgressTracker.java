package io.tradeflow.backtest;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.io.out.OutputKind;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Counts outputs and reports them to the listener, throttled by wall time. */
final class ProgressTracker implements Consumer<AccountOutput> {
    private final String runId;
    private final Consumer<Backtest.Progress> listener;
    private final long intervalNanos;
    private final long t0;
    private long lastReport;
    private long decisions;
    private long orders;
    private long fills;
    private long positions;
    private long deadLetters;
    private long marketTime = Long.MIN_VALUE;

    ProgressTracker(String runId, Consumer<Backtest.Progress> listener, Duration interval,
            long t0) {
        this.runId = runId;
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
        this.t0 = t0;
        this.lastReport = t0;
    }

    @Override
    public void accept(AccountOutput o) {
        switch (OutputKind.kindOf(o)) {
            case DECISION -> {
                decisions++;
                marketTime = Math.max(marketTime, o.decision().ts());
            }
            case ORDER -> orders++;
            case FILL -> {
                fills++;
                marketTime = Math.max(marketTime, o.fill().ts());
            }
            case POSITION -> positions++;
            case DEAD_LETTER -> deadLetters++;
            default -> { } // breakers, tier changes, audit, notifications, stop levels
        }
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            listener.accept(report(Duration.ofNanos(now - t0), false));
        }
    }

    void finish(Duration elapsed) {
        listener.accept(report(elapsed, true));
    }

    private Backtest.Progress report(Duration elapsed, boolean done) {
        return new Backtest.Progress(runId, decisions, orders, fills, positions, deadLetters,
                marketTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(marketTime),
                elapsed, done);
    }
}
