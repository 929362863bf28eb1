package io.tradeflow.job;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.io.out.OutputSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a finished run's outputs by kind, each in its kind's deterministic order (see {@link
 * OutputKind}): decisions and fills by time, orders and positions in their final state, dead
 * letters by source and position, breaker trips in their final state by trip time, the rest by
 * time, then account and id.
 *
 * @param barsHandled bars the ticker stage handled
 * @param maxBufferedEvents the most events the account engine buffered at once for one key (BATCH)
 */
public record Collected(
        Map<OutputKind, List<?>> byKind,
        long barsHandled,
        long maxBufferedEvents,
        long wallMillis) {

    /** Returns the rows of one kind, in the kind's order. */
    @SuppressWarnings("unchecked")
    public <T> List<T> rows(OutputKind kind) {
        return (List<T>) byKind.getOrDefault(kind, List.of());
    }

    public List<Decision> decisions() {
        return rows(OutputKind.DECISION);
    }

    /**
     * Returns the decisions without their traces, in the same order as {@link #decisions()}:
     * for counting and grouping (a trace is made again from the decisions file's cell when a
     * decision of {@link #decisions()} is read).
     */
    public List<Decision> decisionsWithoutTraces() {
        return DecisionStore.withoutTraces(decisions());
    }

    public List<Order> orders() {
        return rows(OutputKind.ORDER);
    }

    public List<Fill> fills() {
        return rows(OutputKind.FILL);
    }

    public List<PositionEvent> positions() {
        return rows(OutputKind.POSITION);
    }

    public List<DeadLetter> deadLetters() {
        return rows(OutputKind.DEAD_LETTER);
    }

    public List<BreakerEvent> breakers() {
        return rows(OutputKind.BREAKER);
    }

    public List<TierChange> tierChanges() {
        return rows(OutputKind.TIER_CHANGE);
    }

    public List<ReserveEntry> reserveLedger() {
        return rows(OutputKind.RESERVE);
    }

    public List<ConfigAudit> configAudit() {
        return rows(OutputKind.AUDIT);
    }

    public List<Notification> notifications() {
        return rows(OutputKind.NOTIFICATION);
    }

    public List<DataGap> dataGaps() {
        return rows(OutputKind.DATA_GAP);
    }

    public List<PortfolioSnapshot> snapshots() {
        return rows(OutputKind.SNAPSHOT);
    }

    public List<StopLevelChange> stopLevels() {
        return rows(OutputKind.STOP_LEVEL);
    }

    /** Accumulates outputs as they arrive, keeping the last state of what has a final state. */
    public static final class Builder {
        private final Map<OutputKind, List<Object>> rows = new EnumMap<>(OutputKind.class);
        private final Map<OutputKind, Map<String, Object>> latest =
                new EnumMap<>(OutputKind.class);
        private final DecisionStore decisions;

        /** Keeps decision traces in memory up to {@link DecisionStore#DEFAULT_BUDGET} bytes. */
        public Builder() {
            this(DecisionStore.DEFAULT_BUDGET);
        }

        /** Keeps decision traces in memory up to {@code traceBudget} bytes, the rest on disk. */
        Builder(long traceBudget) {
            this(traceBudget, DecisionStore.PLACED_WITHIN);
        }

        /** And places a decision at most {@code placedWithin} back among its account's. */
        Builder(long traceBudget, int placedWithin) {
            decisions = new DecisionStore(traceBudget,
                    OutputKind.DECISION.<Decision>spec().order(), placedWithin);
        }

        public void add(AccountOutput o) {
            OutputKind kind = OutputKind.kindOf(o);
            if (kind == OutputKind.DECISION) {
                decisions.add(o.decision());
            } else {
                add(kind, kind.spec(), o);
            }
        }

        private <T> void add(OutputKind kind, OutputSpec<T> spec, AccountOutput o) {
            T v = spec.payload().apply(o);
            if (spec.key() == null) {
                rows.computeIfAbsent(kind, k -> new ArrayList<>()).add(v);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, T> m = (Map<String, T>) (Map<String, ?>) latest
                        .computeIfAbsent(kind, k -> new LinkedHashMap<>());
                m.merge(spec.key().apply(v), v, spec.merge());
            }
        }

        public Collected build(long bars, long maxBuffered, long wallMillis) {
            Map<OutputKind, List<?>> byKind = new EnumMap<>(OutputKind.class);
            for (OutputKind kind : OutputKind.values()) {
                byKind.put(kind, kind == OutputKind.DECISION
                        ? decisions.sorted()
                        : sorted(kind.spec(), kind));
            }
            return new Collected(byKind, bars, maxBuffered, wallMillis);
        }

        @SuppressWarnings("unchecked")
        private <T> List<T> sorted(OutputSpec<T> spec, OutputKind kind) {
            List<T> list = new ArrayList<>(spec.key() == null
                    ? (List<T>) rows.getOrDefault(kind, List.of())
                    : (java.util.Collection<T>) latest.getOrDefault(kind, Map.of()).values());
            list.sort(spec.order());
            return List.copyOf(list);
        }
    }

    /**
     * Returns decision counts by outcome and reason, e.g. {@code skip R-WIN-1 → 12}: counted by
     * the two fields, the key made once per pair (a run has a million decisions and a few dozen
     * pairs).
     */
    public Map<String, Long> decisionsByReason() {
        Map<String, Map<String, long[]>> counts = new HashMap<>();
        for (Decision d : decisionsWithoutTraces()) {
            counts.computeIfAbsent(d.decision(), k -> new HashMap<>())
                    .computeIfAbsent(d.reason(), k -> new long[1])[0]++;
        }
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((decision, byReason) -> byReason.forEach((reason, n) -> m.put(
                reason == null ? decision : decision + " " + reason, n[0])));
        return m;
    }

    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> m = new TreeMap<>();
        deadLetters().forEach(d -> m.merge(d.reason(), 1L, Long::sum));
        return m;
    }

    public Map<String, Long> ordersByStatus() {
        Map<String, Long> m = new TreeMap<>();
        orders().forEach(o -> m.merge(o.status(), 1L, Long::sum));
        return m;
    }

    /** Returns realized P&amp;L of closed positions by account. */
    public Map<String, BigDecimal> realizedPnl() {
        Map<String, BigDecimal> m = new TreeMap<>();
        positions().stream().filter(p -> PositionEvent.CLOSED.equals(p.status()))
                .forEach(p -> m.merge(p.account(), p.realizedPnl(), BigDecimal::add));
        return m;
    }
}
