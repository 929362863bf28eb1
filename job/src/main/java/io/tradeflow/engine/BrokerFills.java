package io.tradeflow.engine;

import io.tradeflow.event.Fill;
import io.tradeflow.ordering.Cell;
import io.tradeflow.ordering.Table;
import io.tradeflow.rules.fills.FillCheck;

import java.time.Duration;

/**
 * Admits the broker's fills (R-FILL-1), part of {@link Account}: applies each execution id once,
 * and turns a fill that does not fit its working order into a rejected fill (a dead letter) that,
 * but for a mere repeat, pauses the account's entries (R-CB-5) with a notification. A late fill
 * is a fact and is applied all the same, at the engine's event time, its lateness on the fill.
 *
 * <p>The execution ids applied are kept while their order works and at least {@link #RETENTION}
 * of event time after they were applied, swept by one deadline: the state stays bounded by the
 * fills of a week, and a gateway that re-sends an execution within that time (at-least-once
 * delivery, a restart) has the repeat dropped as {@code duplicate_fill}. A repeat after that
 * finds its order complete and is an {@code unknown_order}.
 */
final class BrokerFills {
    static final String SWEEP = "execution-sweep";
    /** How long an applied execution id is remembered after it was applied, in event time. */
    static final Duration RETENTION = Duration.ofDays(7);

    private final AccountBook book;
    private final AccountRisk risk;
    private final EngineContext ctx;
    /** The applied executions by execution id. */
    private final Table<AppliedExecution> applied;
    /** When the next sweep of {@link #applied} is due, or null when none is scheduled. */
    private final Cell<Long> sweepAt;

    BrokerFills(AccountStore store, AccountBook book, AccountRisk risk, EngineContext ctx) {
        this.book = book;
        this.risk = risk;
        this.ctx = ctx;
        applied = store.table("executions", AppliedExecution.class);
        sweepAt = store.cell("execution-sweep", Long.class);
    }

    /**
     * Returns the fill to apply, with how far behind the engine's event time it came, or null
     * when it is rejected (reported, and the account paused when in doubt).
     */
    Fill admit(Fill fill) {
        WorkingOrder wo = book.orders.get(fill.clientOrderId());
        FillCheck.Rejection r = FillCheck.check(fill, applied.contains(fill.executionId()),
                wo == null ? null : wo.order(), wo == null ? 0 : wo.filled());
        if (r != null) {
            ctx.rejectFill(new RejectedFill(fill, r.reason(), r.detail()));
            if (r.pauses()) {
                risk.pause(FillCheck.RULE);
                risk.alert("fill_rejected", fill.executionId(), r.reason() + ": " + r.detail()
                        + " (order " + fill.clientOrderId() + ", execution "
                        + fill.executionId() + "); entries paused until resumed by control");
            }
            return null;
        }
        applied.put(fill.executionId(), new AppliedExecution(fill.clientOrderId(), ctx.now()));
        if (sweepAt.get() == null) {
            schedule();
        }
        return fill.withLateMs(Math.max(0, ctx.now() - fill.ts()));
    }

    /** Forgets the executions of orders no longer working once the retention has passed. */
    void sweep() {
        long retention = RETENTION.toMillis();
        boolean left = applied.removeIf(a -> ctx.now() - a.ts() >= retention
                && !book.orders.contains(a.clientOrderId()));
        sweepAt.clear();
        if (left) {
            schedule();
        }
    }

    private void schedule() {
        long at = ctx.now() + RETENTION.toMillis();
        ctx.schedule(at, SWEEP, "");
        sweepAt.set(at);
    }
}
