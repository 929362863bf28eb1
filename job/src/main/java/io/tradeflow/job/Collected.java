package io.tradeflow.job;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a finished run's outputs in a deterministic order: decisions and fills by time, orders
 * and positions in their final state, dead letters by source and position.
 *
 * @param barsHandled bars the ticker stage handled
 * @param maxBufferedEvents the most events the account engine buffered at once for one key (BATCH)
 */
public record Collected(
        List<Decision> decisions,
        List<Order> orders,
        List<Fill> fills,
        List<PositionEvent> positions,
        List<DeadLetter> deadLetters,
        long barsHandled,
        long maxBufferedEvents,
        long wallMillis) {

    /** Accumulates outputs as they arrive, keeping the last state of each order and position. */
    public static final class Builder {
        private final List<Decision> decisions = new ArrayList<>();
        private final Map<String, Order> orders = new LinkedHashMap<>();
        private final List<Fill> fills = new ArrayList<>();
        private final Map<String, PositionEvent> positions = new LinkedHashMap<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        public void add(JobOutput o) {
            switch (o.kind()) {
                case JobOutput.DECISION -> decisions.add(o.decision());
                case JobOutput.ORDER -> orders.put(o.order().clientOrderId(), o.order());
                case JobOutput.FILL -> fills.add(o.fill());
                case JobOutput.POSITION -> positions.put(o.position().positionId(), o.position());
                case JobOutput.DEAD_LETTER -> deadLetters.add(o.deadLetter());
                default -> throw new IllegalArgumentException(o.kind());
            }
        }

        public Collected build(long bars, long maxBuffered, long wallMillis) {
            List<Decision> ds = new ArrayList<>(decisions);
            ds.sort(Comparator.comparingLong(Decision::ts).thenComparing(Decision::account)
                    .thenComparing(Decision::id));
            List<Order> os = new ArrayList<>(orders.values());
            os.sort(Comparator.comparingLong(Order::ts).thenComparing(Order::clientOrderId));
            List<Fill> fs = new ArrayList<>(fills);
            fs.sort(Comparator.comparingLong(Fill::ts).thenComparing(Fill::clientOrderId));
            List<PositionEvent> ps = new ArrayList<>(positions.values());
            ps.sort(Comparator.comparingLong(PositionEvent::openedTs)
                    .thenComparing(PositionEvent::positionId));
            List<DeadLetter> dl = new ArrayList<>(deadLetters);
            dl.sort(Comparator.comparing(DeadLetter::source).thenComparing(DeadLetter::position)
                    .thenComparing(DeadLetter::id));
            return new Collected(ds, os, fs, ps, dl, bars, maxBuffered, wallMillis);
        }
    }

    /** Returns decision counts by outcome and reason, e.g. {@code skip R-WIN-1 → 12}. */
    public Map<String, Long> decisionsByReason() {
        Map<String, Long> m = new TreeMap<>();
        decisions.forEach(d -> m.merge(d.decision() + (d.reason() == null ? "" : " " + d.reason()),
                1L, Long::sum));
        return m;
    }

    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> m = new TreeMap<>();
        deadLetters.forEach(d -> m.merge(d.reason(), 1L, Long::sum));
        return m;
    }

    public Map<String, Long> ordersByStatus() {
        Map<String, Long> m = new TreeMap<>();
        orders.forEach(o -> m.merge(o.status(), 1L, Long::sum));
        return m;
    }

    /** Returns realized P&amp;L of closed positions by account. */
    public Map<String, BigDecimal> realizedPnl() {
        Map<String, BigDecimal> m = new TreeMap<>();
        positions.stream().filter(p -> PositionEvent.CLOSED.equals(p.status()))
                .forEach(p -> m.merge(p.account(), p.realizedPnl(), BigDecimal::add));
        return m;
    }
}
