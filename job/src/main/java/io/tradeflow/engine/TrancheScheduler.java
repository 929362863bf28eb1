package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Order;
import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.gates.GateResult;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.orders.Tranches;

/**
 * Places an account's entry orders, Flink-free: one limit order (R-ORD-1) or the tranches of a
 * gradual entry (R-ORD-2), each re-checked by the entry pipeline when due, the rest withdrawn at
 * the first failing gate; cancels entries not filled in time and ends a gradual entry whose
 * position is being closed.
 */
final class TrancheScheduler {
    public static final String ENTRY_CANCELLED = "ENTRY_CANCELLED";
    static final String ENTRY_TIMEOUT = "entry-timeout";
    static final String TRANCHE = "tranche";

    private final AccountBook book;
    private final AccountRisk risk;
    private final EngineContext ctx;

    /** Returns the first entry gate that denies a tranche, or null (the entry pipeline's). */
    @FunctionalInterface
    interface Recheck {
        GateResult first(TranchePlan plan, int index) throws Exception;
    }

    TrancheScheduler(AccountBook book, AccountRisk risk, EngineContext ctx) {
        this.book = book;
        this.risk = risk;
        this.ctx = ctx;
    }

    /** Starts an accepted entry: its first order now, the later tranches when due (R-ORD-2). */
    void start(TranchePlan plan) {
        placeEntry(plan, 0);
        if (plan.parts().length > 1) {
            book.plans.put(plan.decisionId(), plan);
            ExitParams e = risk.rules().exits();
            for (int i = 1; i < plan.parts().length; i++) {
                ctx.schedule(Tranches.dueAt(ctx.now(), i, e), TRANCHE, plan.decisionId() + "|" + i);
            }
        }
    }

    /** Sends one entry order of a plan (R-ORD-1; a tranche of a gradual entry, R-ORD-2). */
    private void placeEntry(TranchePlan plan, int index) {
        String positionId = OrderIds.entryOrderId(plan.decisionId());
        String orderId = plan.parts().length == 1 ? positionId
                : Tranches.trancheOrderId(plan.decisionId(), index);
        Order order = new Order(orderId, ctx.account(), plan.decisionId(), positionId,
                plan.ticker(), plan.isLong() ? "buy" : "sell", Order.LIMIT, plan.parts()[index],
                plan.price(), ctx.now(), Order.NEW,
                plan.parts().length == 1 ? "R-ORD-1" : Tranches.RULE + ":" + (index + 1) + "/"
                        + plan.parts().length, ctx.now(), plan.instrument());
        int bars = risk.rules().exits().entryTimeoutBars();
        book.orders.put(orderId, new WorkingOrder(order, plan.atr(), plan.tier(), plan.confidence(),
                0, plan.micro(), bars > 0 ? bars : null));
        ctx.emit(AccountOutput.of(order));
        if (bars == 0) {
            // one event-time minute counts as "within 60 s": a bar ending exactly 60 s later may
            // fill
            ctx.schedule(ctx.now() + risk.rules().entryTimeout().toMillis() + 1, ENTRY_TIMEOUT,
                    orderId);
        }
    }

    /**
     * R-ORD-2: re-runs the entry gates ({@code recheck}: the first failing one, or null) for the
     * next tranche; a failure withdraws the rest.
     */
    void nextTranche(String ref, Recheck recheck) throws Exception {
        int bar = ref.lastIndexOf('|');
        String decisionId = ref.substring(0, bar);
        int index = Integer.parseInt(ref.substring(bar + 1));
        TranchePlan plan = book.plans.get(decisionId);
        if (plan == null) {
            return; // withdrawn
        }
        GateResult failed = recheck.first(plan, index);
        if (failed == null) {
            placeEntry(plan, index);
        }
        if (failed != null || index == plan.parts().length - 1) {
            book.plans.remove(decisionId);
        }
        if (failed != null) {
            withdraw(plan, index, failed.rule() + ": " + failed.detail());
        }
    }

    /** Records the tranches from {@code from} on as withdrawn: never sent (R-ORD-2). */
    private void withdraw(TranchePlan plan, int from, String why) {
        for (int i = from; i < plan.parts().length; i++) {
            String id = Tranches.trancheOrderId(plan.decisionId(), i);
            ctx.emit(AccountOutput.of(new Order(id, ctx.account(), plan.decisionId(),
                    OrderIds.entryOrderId(plan.decisionId()), plan.ticker(),
                    plan.isLong() ? "buy" : "sell", Order.LIMIT, plan.parts()[i], plan.price(),
                    ctx.now(), Order.WITHDRAWN, Tranches.RULE + ":" + why, ctx.now(),
                    plan.instrument())));
        }
    }

    /**
     * Ends a gradual entry whose position is being closed: its working tranches are cancelled
     * and the ones not yet due withdrawn, so no tranche reopens a closed position.
     */
    void endEntry(Position p, String why) {
        String decisionId = "d-" + p.id().substring(2);
        TranchePlan plan = book.plans.get(decisionId);
        if (plan == null) {
            return;
        }
        book.plans.remove(decisionId);
        for (WorkingOrder wo : book.workingOrders(p.ticker())) {
            Order o = wo.order();
            if (OrderIds.isEntry(o.clientOrderId()) && p.id().equals(o.positionId())) {
                book.orders.remove(o.clientOrderId());
                ctx.emit(AccountOutput.of(o.withStatus(Order.CANCELLED, Tranches.RULE + ":" + why,
                        ctx.now())));
            }
        }
        int next = 1;
        while (next < plan.parts().length
                && Tranches.dueAt(plan.firstTs(), next, risk.rules().exits()) <= ctx.now()) {
            next++;
        }
        withdraw(plan, next, why);
    }

    /**
     * R-ORD-1 in bars: after a bar of its ticker that did not fill them, counts down the entries
     * that wait a number of bars and cancels those whose count runs out.
     */
    void afterBar(String ticker, long barTs) {
        if (book.orders.isEmpty()) {
            return; // most bars: nothing working, no scan
        }
        for (WorkingOrder wo : book.workingOrders(ticker)) {
            Order o = wo.order();
            if (wo.barsLeft() == null || !OrderIds.isEntry(o.clientOrderId())
                    || o.ts() >= barTs) {
                continue;
            }
            if (wo.barsLeft() <= 1) {
                book.orders.remove(o.clientOrderId());
                ctx.emit(AccountOutput.of(o.withStatus(Order.CANCELLED, ENTRY_CANCELLED,
                        ctx.now())));
            } else {
                book.orders.put(o.clientOrderId(), wo.withBarsLeft(wo.barsLeft() - 1));
            }
        }
    }

    /** R-ORD-1: cancels an entry not filled within its timeout. */
    void cancelEntry(String orderId) {
        WorkingOrder wo = book.orders.get(orderId);
        if (wo == null) {
            return; // filled in time
        }
        book.orders.remove(orderId);
        ctx.emit(AccountOutput.of(wo.order().withStatus(Order.CANCELLED, ENTRY_CANCELLED, ctx.now())));
    }
}
