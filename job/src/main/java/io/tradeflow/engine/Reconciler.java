package io.tradeflow.engine;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BrokerPositions;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.ControlCommand;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.Reconciliation;
import io.tradeflow.ordering.Cell;
import io.tradeflow.rules.orders.OrderIds;
import io.tradeflow.rules.reconcile.ReconcileCheck;
import io.tradeflow.rules.stops.Levels;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reconciles the book with the broker (R-REC-2), part of {@link Account}: compares each broker
 * snapshot with the book when it arrives (a gateway sends one when it connects and whenever its
 * view changes), records a {@code reconciliations} row either way, and on a break pauses entries
 * (R-CB-5, paused by R-REC-2) with a notification. An operator's {@code reconcile accept}
 * adopts the broker's latest snapshot — quantities, sides and cash — audited, and ends a pause
 * that a break began.
 *
 * <p>Adopted positions keep the book's entry price where the side is unchanged; a position new
 * to the book opens at the broker's average price with initial levels from it (R-STOP-1/2, no
 * ATR known); a position the broker does not hold leaves the book at its last mark, its
 * realized P&amp;L unchanged (the broker's cash carries what really happened).
 */
final class Reconciler {
    static final String ACCEPT = "reconcile";

    private final AccountBook book;
    private final AccountRisk risk;
    private final ExitManager exits;
    private final EngineContext ctx;
    /** The broker's latest snapshot, the state an accept adopts. */
    private final Cell<BrokerPositions> latest;

    Reconciler(AccountStore store, AccountBook book, AccountRisk risk, ExitManager exits,
            EngineContext ctx) {
        this.book = book;
        this.risk = risk;
        this.exits = exits;
        this.ctx = ctx;
        latest = store.cell("broker-snapshot", BrokerPositions.class);
    }

    /** Compares the broker's snapshot with the book at the snapshot's time. */
    void onSnapshot(BrokerPositions s) {
        latest.set(s);
        Map<String, Long> broker = quantities(s);
        BigDecimal bookCash = book.ledger().cash();
        double tolerance = risk.params().reconcileTolerance();
        ReconcileCheck.Result r = ReconcileCheck.compare(bookQuantities(), bookCash, broker,
                money(s.cash()), tolerance);
        String status = r.mismatch() ? Reconciliation.MISMATCH : Reconciliation.MATCHED;
        emit(s, status, bookCash, bookQuantities(), r, null);
        if (r.mismatch()) {
            risk.pause(ReconcileCheck.RULE);
            risk.alert("reconciliation", s.id(), ReconcileCheck.RULE + ": book differs from "
                    + "broker snapshot " + s.id() + " (" + describe(r) + "); entries paused "
                    + "until the break is resolved (ctl reconcile --accept or resume)");
        }
    }

    /** Adopts the broker's latest snapshot, audited (R-REC-2). */
    void accept(ControlCommand c) throws Exception {
        BrokerPositions s = latest.get();
        if (s == null) {
            audit(c, null, null, false, "no broker snapshot has arrived to accept");
            return;
        }
        BigDecimal bookCash = book.ledger().cash();
        Map<String, Long> before = bookQuantities();
        ReconcileCheck.Result r = ReconcileCheck.compare(before, bookCash, quantities(s),
                money(s.cash()), risk.params().reconcileTolerance());
        if (r.differences().isEmpty() && r.cashDifference().signum() == 0) {
            audit(c, text(before, bookCash), text(before, bookCash), false,
                    "book equals broker snapshot " + s.id() + ": nothing to adopt");
            return;
        }
        Map<String, BrokerPositions.Holding> held = new TreeMap<>();
        s.positions().forEach(h -> held.put(h.ticker(), h));
        for (ReconcileCheck.Difference d : r.differences()) {
            adopt(s, d, held.get(d.ticker()));
        }
        Ledger l = book.ledger();
        book.ledger.set(l.withCash(money(s.cash()), l.realizedPnl()));
        emit(s, Reconciliation.ACCEPTED, bookCash, before, r, c.issuedBy());
        audit(c, text(before, bookCash), text(bookQuantities(), money(s.cash())), true,
                ReconcileCheck.RULE + ": adopted broker snapshot " + s.id());
        risk.resumeIfPausedBy(ReconcileCheck.RULE, c.issuedBy());
        risk.onValue(book.portfolioValue());
    }

    private void adopt(BrokerPositions s, ReconcileCheck.Difference d,
            BrokerPositions.Holding h) throws Exception {
        Position p = book.positions.get(d.ticker());
        boolean sameSide = p != null && h != null && p.isLong() == (h.quantity() > 0);
        if (p != null && !sameSide) {
            double mark = book.mark(p);
            book.positions.remove(p.ticker());
            ctx.emit(AccountOutput.of(book.positionEvent(p.withFill(0, p.entryPrice(),
                    p.realized()), PositionEvent.CLOSED, mark, ReconcileCheck.RULE)));
            exits.onClosed(p, mark, false);
        }
        if (h == null) {
            return;
        }
        if (sameSide) {
            p = p.withFill(Math.abs(h.quantity()), p.entryPrice(), p.realized());
            book.positions.put(p.ticker(), p);
            ctx.emit(AccountOutput.of(book.positionEvent(p, PositionEvent.OPEN, null,
                    ReconcileCheck.RULE)));
            return;
        }
        boolean isLong = h.quantity() > 0;
        String tier = risk.state().tier();
        Levels lv = exits.initialLevels(isLong, h.averagePrice(), null, book.tier(tier),
                h.ticker(), false);
        Position adopted = new Position(OrderIds.hash("reconcile", s.id(), ctx.account(),
                h.ticker()), h.ticker(), isLong ? Position.LONG : Position.SHORT,
                Math.abs(h.quantity()), h.averagePrice(), lv.stop(), lv.target(), ctx.now(), null,
                0, null, BigDecimal.ZERO.setScale(AccountBook.MONEY_SCALE), tier, null, ctx.now(),
                h.averagePrice(), false, false);
        book.positions.put(adopted.ticker(), adopted);
        ctx.emit(AccountOutput.of(book.positionEvent(adopted, PositionEvent.OPEN, null,
                ReconcileCheck.RULE)));
        exits.onOpened(adopted);
    }

    private void emit(BrokerPositions s, String status, BigDecimal bookCash,
            Map<String, Long> bookQuantities, ReconcileCheck.Result r, String issuedBy) {
        JsonText diffs = new JsonText(new StringBuilder("["));
        for (ReconcileCheck.Difference d : r.differences()) {
            diffs.startObject().put("ticker", d.ticker()).put("book", d.book())
                    .put("broker", d.broker()).end();
        }
        ctx.emit(AccountOutput.of(new Reconciliation(
                OrderIds.hash(s.id(), ctx.account(), status, Long.toString(ctx.now())),
                ctx.account(), s.id(), ctx.now(), status, bookCash, money(s.cash()),
                r.cashDifference(), diffs.endArray().toString(), json(bookQuantities),
                json(quantities(s)), risk.params().reconcileTolerance(), issuedBy)));
    }

    private void audit(ControlCommand c, String before, String after, boolean ok,
            String reason) {
        ctx.emit(AccountOutput.of(new ConfigAudit(c.id() + ":" + ctx.account(), c.id(),
                ctx.account(), c.command(), "book", before, after, c.issuedBy(),
                ok ? ConfigAudit.ACCEPTED : ConfigAudit.REJECTED, reason, ctx.now())));
    }

    /** Returns the book's signed quantities by ticker (shorts below zero). */
    private Map<String, Long> bookQuantities() {
        Map<String, Long> q = new TreeMap<>();
        book.positions.values().forEach(p -> q.put(p.ticker(),
                p.isLong() ? p.quantity() : -p.quantity()));
        return q;
    }

    private static Map<String, Long> quantities(BrokerPositions s) {
        Map<String, Long> q = new TreeMap<>();
        s.positions().forEach(h -> q.put(h.ticker(), h.quantity()));
        return q;
    }

    private static String json(Map<String, Long> quantities) {
        JsonText j = new JsonText(new StringBuilder()).startObject();
        quantities.forEach((t, q) -> j.put(t, (long) q));
        return j.end().toString();
    }

    private static String text(Map<String, Long> quantities, BigDecimal cash) {
        return "cash " + cash.toPlainString() + ", positions " + quantities;
    }

    private static String describe(ReconcileCheck.Result r) {
        StringBuilder b = new StringBuilder();
        for (ReconcileCheck.Difference d : r.differences()) {
            b.append(d.ticker()).append(" book ").append(d.book()).append(" broker ")
                    .append(d.broker()).append("; ");
        }
        return b.append("cash difference ").append(r.cashDifference().toPlainString())
                .toString();
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(AccountBook.MONEY_SCALE, RoundingMode.HALF_EVEN);
    }
}
