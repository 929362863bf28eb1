package io.tradeflow.job;

import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a finished run's outputs in a deterministic order: decisions and fills by time, orders
 * and positions in their final state, dead letters by source and position; breaker trips in their
 * final state by trip time; tier changes, reserve movements, control audits and notifications by
 * time (then account and id); stop-level changes by time (then account and id).
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
        List<BreakerEvent> breakers,
        List<TierChange> tierChanges,
        List<ReserveEntry> reserveLedger,
        List<ConfigAudit> configAudit,
        List<Notification> notifications,
        List<StopLevelChange> stopLevels,
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
        private final Map<String, BreakerEvent> breakers = new LinkedHashMap<>();
        private final List<TierChange> tierChanges = new ArrayList<>();
        private final List<ReserveEntry> reserveLedger = new ArrayList<>();
        private final List<ConfigAudit> configAudit = new ArrayList<>();
        private final List<Notification> notifications = new ArrayList<>();
        private final List<StopLevelChange> stopLevels = new ArrayList<>();

        public void add(JobOutput o) {
            switch (o.kind()) {
                case JobOutput.DECISION -> decisions.add(o.decision());
                case JobOutput.ORDER -> orders.put(o.order().clientOrderId(), o.order());
                case JobOutput.FILL -> fills.add(o.fill());
                case JobOutput.POSITION -> positions.put(o.position().positionId(), o.position());
                case JobOutput.DEAD_LETTER -> deadLetters.add(o.deadLetter());
                // a resolution is final, as in PostgreSQL: a trip never reopens a resolved row
                case JobOutput.BREAKER -> breakers.merge(o.breaker().id(), o.breaker(),
                        (old, now) -> BreakerEvent.RESOLVED.equals(old.status())
                                && BreakerEvent.TRIPPED.equals(now.status()) ? old : now);
                case JobOutput.TIER_CHANGE -> tierChanges.add(o.tierChange());
                case JobOutput.RESERVE -> reserveLedger.add(o.reserve());
                case JobOutput.AUDIT -> configAudit.add(o.audit());
                case JobOutput.NOTIFICATION -> notifications.add(o.notification());
                case JobOutput.STOP_LEVEL -> stopLevels.add(o.stopLevel());
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
            List<BreakerEvent> bs = new ArrayList<>(breakers.values());
            bs.sort(Comparator.comparingLong(BreakerEvent::trippedTs)
                    .thenComparing(BreakerEvent::account).thenComparing(BreakerEvent::id));
            List<TierChange> ts = new ArrayList<>(tierChanges);
            ts.sort(Comparator.comparingLong(TierChange::ts).thenComparing(TierChange::account)
                    .thenComparing(TierChange::id));
            List<ReserveEntry> rs = new ArrayList<>(reserveLedger);
            rs.sort(Comparator.comparingLong(ReserveEntry::ts)
                    .thenComparing(ReserveEntry::account).thenComparing(ReserveEntry::id));
            List<ConfigAudit> as = new ArrayList<>(configAudit);
            as.sort(Comparator.comparingLong(ConfigAudit::ts).thenComparing(ConfigAudit::account)
                    .thenComparing(ConfigAudit::id));
            List<Notification> ns = new ArrayList<>(notifications);
            ns.sort(Comparator.comparingLong(Notification::ts)
                    .thenComparing(Notification::account).thenComparing(Notification::id));
            List<StopLevelChange> ls = new ArrayList<>(stopLevels);
            ls.sort(Comparator.comparingLong(StopLevelChange::ts)
                    .thenComparing(StopLevelChange::account).thenComparing(StopLevelChange::id));
            return new Collected(ds, os, fs, ps, dl, bs, ts, rs, as, ns, ls, bars, maxBuffered,
                    wallMillis);
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
