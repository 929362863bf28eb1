package io.tradeflow.io.out;

import static io.tradeflow.io.out.Column.Type.BOOL;
import static io.tradeflow.io.out.Column.Type.DECIMAL;
import static io.tradeflow.io.out.Column.Type.INT;
import static io.tradeflow.io.out.Column.Type.JSON;
import static io.tradeflow.io.out.Column.Type.REAL;
import static io.tradeflow.io.out.Column.Type.TEXT;
import static io.tradeflow.io.out.Column.Type.TIME;
import static io.tradeflow.io.out.Column.fileOnly;
import static io.tradeflow.io.out.Column.of;
import static io.tradeflow.io.out.Column.runId;

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
import io.tradeflow.event.Reconciliation;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.event.TierChange;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names every output of the job and declares, in one place per kind, its payload type, how it is
 * carried ({@link AccountOutput}), the order its rows are written in, whether later rows replace
 * earlier ones (an order's or a position's final state), its result file and its PostgreSQL
 * table with their columns. Files ({@code ResultFiles}), tables ({@code PostgresSinks}), the
 * collected results and the job graph iterate over the kinds: a new kind is a payload record, its
 * field in {@link AccountOutput} and a constant here (plus its table's migration).
 */
public enum OutputKind {
    DECISION(OutputSpec.of(AccountOutput.DECISION, Decision.class, AccountOutput::decision,
            "decisions.csv", "trading_decisions", "", Decision::id,
            Comparator.comparingLong(Decision::ts).thenComparing(Decision::account)
                    .thenComparing(Decision::id), null, null,
            List.of(fileOnly("id", TEXT, Decision::id), runId(),
                    of("account", TEXT, Decision::account),
                    of("recommendation_id", TEXT, Decision::recommendationId),
                    of("ticker", TEXT, Decision::ticker), of("ts", TIME, Decision::ts),
                    of("action", TEXT, Decision::action), of("decision", TEXT, Decision::decision),
                    of("reason", TEXT, Decision::reason), of("quantity", INT, Decision::quantity),
                    of("limit_price", REAL, Decision::limitPrice),
                    of("stop_price", REAL, Decision::stopPrice),
                    of("target_price", REAL, Decision::targetPrice),
                    of("tier", TEXT, Decision::tier), of("trace", JSON, Decision::trace),
                    of("instrument", TEXT, Decision::instrument)))),

    /** Orders in their final state: a later row of an order replaces the earlier one. */
    ORDER(OutputSpec.of(AccountOutput.ORDER, Order.class, AccountOutput::order, "orders.csv",
            "orders", "", Order::clientOrderId,
            Comparator.comparingLong(Order::ts).thenComparing(Order::clientOrderId),
            Order::clientOrderId, (before, after) -> after,
            List.of(fileOnly("client_order_id", TEXT, Order::clientOrderId), runId(),
                    of("account", TEXT, Order::account),
                    of("decision_id", TEXT, Order::decisionId),
                    of("position_id", TEXT, Order::positionId), of("ticker", TEXT, Order::ticker),
                    of("side", TEXT, Order::side), of("type", TEXT, Order::type),
                    of("quantity", INT, Order::quantity),
                    of("limit_price", REAL, Order::limitPrice), of("ts", TIME, Order::ts),
                    of("status", TEXT, Order::status), of("reason", TEXT, Order::reason),
                    of("updated_ts", TIME, Order::updatedTs),
                    of("instrument", TEXT, Order::instrument)))),

    /**
     * Fills; a row's table id is its execution id (R-FILL-1: the engine applies each once; an
     * order may fill in parts, each its own execution).
     */
    FILL(OutputSpec.of(AccountOutput.FILL, Fill.class, AccountOutput::fill, "fills.csv", "fills",
            "", Fill::executionId,
            Comparator.comparingLong(Fill::ts).thenComparing(Fill::clientOrderId)
                    .thenComparing(Fill::executionId), null, null,
            List.of(of("client_order_id", TEXT, Fill::clientOrderId), runId(),
                    of("execution_id", TEXT, Fill::executionId),
                    of("account", TEXT, Fill::account), of("ticker", TEXT, Fill::ticker),
                    of("side", TEXT, Fill::side), of("quantity", INT, Fill::quantity),
                    of("price", REAL, Fill::price), of("commission", REAL, Fill::commission),
                    of("ts", TIME, Fill::ts), of("late_ms", INT, Fill::lateMs),
                    of("instrument", TEXT, Fill::instrument),
                    of("modelled", BOOL, Fill::modelled)))),

    /** Positions in their final state. */
    POSITION(OutputSpec.of(AccountOutput.POSITION, PositionEvent.class, AccountOutput::position,
            "positions.csv", "positions", "", PositionEvent::positionId,
            Comparator.comparingLong(PositionEvent::openedTs)
                    .thenComparing(PositionEvent::positionId),
            PositionEvent::positionId, (before, after) -> after,
            List.of(fileOnly("position_id", TEXT, PositionEvent::positionId), runId(),
                    of("account", TEXT, PositionEvent::account),
                    of("ticker", TEXT, PositionEvent::ticker),
                    of("side", TEXT, PositionEvent::side),
                    of("quantity", INT, PositionEvent::quantity),
                    of("entry_price", REAL, PositionEvent::entryPrice),
                    of("stop_price", REAL, PositionEvent::stopPrice),
                    of("target_price", REAL, PositionEvent::targetPrice),
                    of("status", TEXT, PositionEvent::status),
                    of("opened_ts", TIME, PositionEvent::openedTs),
                    of("ts", TIME, PositionEvent::ts),
                    of("exit_price", REAL, PositionEvent::exitPrice),
                    of("realized_pnl", DECIMAL, PositionEvent::realizedPnl),
                    of("reason", TEXT, PositionEvent::reason),
                    of("instrument", TEXT, PositionEvent::instrument),
                    of("modelled", BOOL, PositionEvent::modelled)))),

    DEAD_LETTER(OutputSpec.of(AccountOutput.DEAD_LETTER, DeadLetter.class,
            AccountOutput::deadLetter, "dead_letters.csv", "dead_letters", "", DeadLetter::id,
            Comparator.comparing(DeadLetter::source).thenComparing(DeadLetter::position)
                    .thenComparing(DeadLetter::id), null, null,
            List.of(of("source", TEXT, DeadLetter::source),
                    of("position", TEXT, DeadLetter::position),
                    of("reason", TEXT, DeadLetter::reason), of("detail", TEXT, DeadLetter::detail),
                    of("payload", TEXT, DeadLetter::payload),
                    fileOnly("id", TEXT, DeadLetter::id), runId()))),

    /**
     * Breaker trips in their final state: the resolution replaces the trip, and a resolved row
     * stays resolved (a late or replayed copy of the trip never reopens it), in files and table.
     */
    BREAKER(OutputSpec.of(AccountOutput.BREAKER, BreakerEvent.class, AccountOutput::breaker,
            "breakers.csv", "circuit_breaker_events",
            " WHERE NOT (circuit_breaker_events.status = 'resolved'"
                    + " AND EXCLUDED.status = 'tripped')", BreakerEvent::id,
            Comparator.comparingLong(BreakerEvent::trippedTs).thenComparing(BreakerEvent::account)
                    .thenComparing(BreakerEvent::id),
            BreakerEvent::id, (before, after) -> BreakerEvent.RESOLVED.equals(before.status())
                    && BreakerEvent.TRIPPED.equals(after.status()) ? before : after,
            List.of(fileOnly("id", TEXT, BreakerEvent::id), runId(),
                    of("account", TEXT, BreakerEvent::account),
                    of("type", TEXT, BreakerEvent::type), of("status", TEXT, BreakerEvent::status),
                    of("threshold", REAL, BreakerEvent::threshold),
                    of("actual", REAL, BreakerEvent::actual),
                    of("ticker", TEXT, BreakerEvent::ticker),
                    of("cooldown_expires", TIME, BreakerEvent::cooldownExpires),
                    of("tripped_at", TIME, BreakerEvent::trippedTs),
                    of("resolved_at", TIME, BreakerEvent::resolvedTs),
                    of("reason", TEXT, BreakerEvent::reason)))),

    TIER_CHANGE(OutputSpec.of(AccountOutput.TIER_CHANGE, TierChange.class,
            AccountOutput::tierChange, "tier_changes.csv", "risk_tier_history", "",
            TierChange::id, Comparator.comparingLong(TierChange::ts)
                    .thenComparing(TierChange::account).thenComparing(TierChange::id), null, null,
            List.of(fileOnly("id", TEXT, TierChange::id), runId(),
                    of("account", TEXT, TierChange::account),
                    of("from_tier", TEXT, TierChange::fromTier),
                    of("to_tier", TEXT, TierChange::toTier), of("reason", TEXT, TierChange::reason),
                    of("win_rate", REAL, TierChange::winRate),
                    of("drawdown", REAL, TierChange::drawdown),
                    of("reserve_pct", REAL, TierChange::reservePct),
                    of("portfolio_value", REAL, TierChange::portfolioValue),
                    of("ts", TIME, TierChange::ts)))),

    RESERVE(OutputSpec.of(AccountOutput.RESERVE, ReserveEntry.class, AccountOutput::reserve,
            "reserve_ledger.csv", "reserve_pool_ledger", "", ReserveEntry::id,
            Comparator.comparingLong(ReserveEntry::ts).thenComparing(ReserveEntry::account)
                    .thenComparing(ReserveEntry::id), null, null,
            List.of(fileOnly("id", TEXT, ReserveEntry::id), runId(),
                    of("account", TEXT, ReserveEntry::account),
                    of("kind", TEXT, ReserveEntry::kind),
                    of("amount", DECIMAL, ReserveEntry::amount),
                    of("balance_after", DECIMAL, ReserveEntry::balanceAfter),
                    of("position_id", TEXT, ReserveEntry::positionId),
                    of("profit", DECIMAL, ReserveEntry::profit),
                    of("reason", TEXT, ReserveEntry::reason), of("ts", TIME, ReserveEntry::ts)))),

    AUDIT(OutputSpec.of(AccountOutput.AUDIT, ConfigAudit.class, AccountOutput::audit,
            "config_audit.csv", "config_audit", "", ConfigAudit::id,
            Comparator.comparingLong(ConfigAudit::ts).thenComparing(ConfigAudit::account)
                    .thenComparing(ConfigAudit::id), null, null,
            List.of(fileOnly("id", TEXT, ConfigAudit::id), runId(),
                    of("command_id", TEXT, ConfigAudit::commandId),
                    of("account", TEXT, ConfigAudit::account),
                    of("command", TEXT, ConfigAudit::command), of("key", TEXT, ConfigAudit::key),
                    of("previous_value", TEXT, ConfigAudit::previousValue),
                    of("new_value", TEXT, ConfigAudit::newValue),
                    of("issued_by", TEXT, ConfigAudit::issuedBy),
                    of("status", TEXT, ConfigAudit::status),
                    of("reason", TEXT, ConfigAudit::reason), of("ts", TIME, ConfigAudit::ts)))),

    /**
     * Notifications; the table leaves {@code status} out: it starts {@code pending} (the column
     * default) and belongs to the notifier, so a replay does not reset a sent notification.
     */
    NOTIFICATION(OutputSpec.of(AccountOutput.NOTIFICATION, Notification.class,
            AccountOutput::notification, "notifications.csv", "notifications", "",
            Notification::id, Comparator.comparingLong(Notification::ts)
                    .thenComparing(Notification::account).thenComparing(Notification::id),
            null, null,
            List.of(fileOnly("id", TEXT, Notification::id), runId(),
                    of("account", TEXT, Notification::account),
                    of("kind", TEXT, Notification::kind),
                    of("message", TEXT, Notification::message),
                    of("ts", TIME, Notification::ts)))),

    /** Every change of a position's levels: a history, each change under its own id. */
    STOP_LEVEL(OutputSpec.of(AccountOutput.STOP_LEVEL, StopLevelChange.class,
            AccountOutput::stopLevel, "stop_levels.csv", "position_stop_levels", "",
            StopLevelChange::id, Comparator.comparingLong(StopLevelChange::ts)
                    .thenComparing(StopLevelChange::account).thenComparing(StopLevelChange::id),
            null, null,
            List.of(fileOnly("id", TEXT, StopLevelChange::id), runId(),
                    of("account", TEXT, StopLevelChange::account),
                    of("position_id", TEXT, StopLevelChange::positionId),
                    of("ticker", TEXT, StopLevelChange::ticker),
                    of("ts", TIME, StopLevelChange::ts), of("stop", REAL, StopLevelChange::stop),
                    // an option position on the premium stop alone has no target (R-OPT-3)
                    of("target", REAL, c -> level(c.target())),
                    of("previous_stop", REAL, StopLevelChange::previousStop),
                    of("previous_target", REAL, c -> level(c.previousTarget())),
                    of("rule", TEXT, StopLevelChange::rule),
                    of("reason", TEXT, StopLevelChange::reason),
                    of("atr", REAL, StopLevelChange::atr)))),

    /**
     * The portfolio every 5 minutes of the session and at each close (R-MET-1): a history, each
     * snapshot under its own id.
     */
    SNAPSHOT(OutputSpec.of(AccountOutput.SNAPSHOT, PortfolioSnapshot.class,
            AccountOutput::snapshot, "snapshots.csv", "portfolio_snapshots", "",
            PortfolioSnapshot::id, Comparator.comparingLong(PortfolioSnapshot::ts)
                    .thenComparing(PortfolioSnapshot::account),
            null, null,
            List.of(fileOnly("id", TEXT, PortfolioSnapshot::id), runId(),
                    of("account", TEXT, PortfolioSnapshot::account),
                    of("ts", TIME, PortfolioSnapshot::ts),
                    of("kind", TEXT, s -> s.close() ? "close" : "interval"),
                    of("portfolio_value", REAL, PortfolioSnapshot::portfolioValue),
                    of("cash", DECIMAL, PortfolioSnapshot::cash),
                    of("active_pool", REAL, PortfolioSnapshot::activePool),
                    of("reserve", DECIMAL, PortfolioSnapshot::reserve),
                    of("positions_value", REAL, PortfolioSnapshot::positionsValue),
                    of("unrealized_pnl", REAL, PortfolioSnapshot::unrealizedPnl),
                    of("realized_pnl", DECIMAL, PortfolioSnapshot::realizedPnl),
                    of("daily_pnl", REAL, PortfolioSnapshot::dailyPnl),
                    of("heat", REAL, PortfolioSnapshot::heat),
                    of("drawdown", REAL, PortfolioSnapshot::drawdown),
                    of("max_drawdown", REAL, PortfolioSnapshot::maxDrawdown),
                    of("tier", TEXT, PortfolioSnapshot::tier),
                    of("open_breakers", INT, s -> (long) s.openBreakers()),
                    of("open_positions", INT, s -> (long) s.openPositions())))),

    /** Holes in the bars (R-BT-1): missing bars within a day, missing trading days. */
    DATA_GAP(OutputSpec.of(AccountOutput.DATA_GAP, DataGap.class, AccountOutput::dataGap,
            "data_gaps.csv", "data_gaps", "", DataGap::id,
            Comparator.comparing(DataGap::ticker).thenComparingLong(DataGap::fromTs)
                    .thenComparing(DataGap::kind),
            null, null,
            List.of(fileOnly("id", TEXT, DataGap::id), runId(),
                    of("ticker", TEXT, DataGap::ticker), of("kind", TEXT, DataGap::kind),
                    of("from_ts", TIME, DataGap::fromTs), of("to_ts", TIME, DataGap::toTs),
                    of("missing", INT, DataGap::missing)))),

    /**
     * Every comparison of a book with a broker snapshot and every adoption of the broker's state
     * (R-REC-2): a history, each under its own id.
     */
    RECONCILIATION(OutputSpec.of(AccountOutput.RECONCILIATION, Reconciliation.class,
            AccountOutput::reconciliation, "reconciliations.csv", "reconciliations", "",
            Reconciliation::id, Comparator.comparingLong(Reconciliation::ts)
                    .thenComparing(Reconciliation::account).thenComparing(Reconciliation::id),
            null, null,
            List.of(fileOnly("id", TEXT, Reconciliation::id), runId(),
                    of("account", TEXT, Reconciliation::account),
                    of("snapshot_id", TEXT, Reconciliation::snapshotId),
                    of("ts", TIME, Reconciliation::ts),
                    of("status", TEXT, Reconciliation::status),
                    of("book_cash", DECIMAL, Reconciliation::bookCash),
                    of("broker_cash", DECIMAL, Reconciliation::brokerCash),
                    of("cash_difference", DECIMAL, Reconciliation::cashDifference),
                    of("differences", JSON, Reconciliation::differences),
                    of("book_positions", JSON, Reconciliation::bookPositions),
                    of("broker_positions", JSON, Reconciliation::brokerPositions),
                    of("tolerance", REAL, Reconciliation::tolerance),
                    of("issued_by", TEXT, Reconciliation::issuedBy))));

    private static final Map<String, OutputKind> BY_NAME = Stream.of(values())
            .collect(Collectors.toMap(k -> k.spec.kind(), Function.identity()));

    private final OutputSpec<?> spec;

    OutputKind(OutputSpec<?> spec) {
        this.spec = spec;
    }

    /** Returns the kind of a carried output. */
    public static OutputKind kindOf(AccountOutput o) {
        OutputKind k = BY_NAME.get(o.kind());
        if (k == null) {
            throw new IllegalArgumentException("unknown output kind " + o.kind());
        }
        return k;
    }

    /** Returns how this kind is typed, ordered, merged, written to files and to its table. */
    @SuppressWarnings("unchecked")
    public <T> OutputSpec<T> spec() {
        return (OutputSpec<T>) spec;
    }

    /** Returns the payload class. */
    public Class<?> type() {
        return spec.type();
    }

    /** Returns the result file's name, e.g. {@code decisions.csv}. */
    public String file() {
        return spec.file();
    }

    /** Returns the PostgreSQL table. */
    public String table() {
        return spec.table();
    }

    /** Returns this kind's payload of a carried output. */
    @SuppressWarnings("unchecked")
    public <T> T payload(AccountOutput o) {
        return ((OutputSpec<T>) spec).payload().apply(o);
    }

    /** Returns whether a later row of an item replaces the earlier one (a final state). */
    public boolean finalState() {
        return spec.key() != null;
    }

    /** Returns a price level, or null for none ({@code NaN}: no target). */
    private static Double level(Double value) {
        return value == null || value.isNaN() ? null : value;
    }
}
