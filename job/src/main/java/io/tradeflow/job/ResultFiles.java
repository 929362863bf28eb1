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
import io.tradeflow.rules.calendar.MarketTime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's results as CSV files (RFC 4180, header first even when empty, times ISO-8601 in
 * market time) and a {@code summary.json}: decisions, orders (final state), fills, positions, dead
 * letters, breaker trips (final state), tier changes, reserve ledger, control audit,
 * notifications and stop-level changes, each in the order of {@link Collected}.
 */
public final class ResultFiles {
    public static final String DECISIONS = "decisions.csv";
    public static final String ORDERS = "orders.csv";
    public static final String FILLS = "fills.csv";
    public static final String POSITIONS = "positions.csv";
    public static final String DEAD_LETTERS = "dead_letters.csv";
    public static final String BREAKERS = "breakers.csv";
    public static final String TIER_CHANGES = "tier_changes.csv";
    public static final String RESERVE_LEDGER = "reserve_ledger.csv";
    public static final String CONFIG_AUDIT = "config_audit.csv";
    public static final String NOTIFICATIONS = "notifications.csv";
    public static final String STOP_LEVELS = "stop_levels.csv";
    public static final String SUMMARY = "summary.json";

    /** The CSV files of the risk rulebook's outputs, in the order they are written. */
    public static final List<String> RISK_FILES =
            List.of(BREAKERS, TIER_CHANGES, RESERVE_LEDGER, CONFIG_AUDIT, NOTIFICATIONS);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {}

    public static void write(Path dir, String runId, String runtimeMode, Collected c)
            throws IOException {
        Files.createDirectories(dir);
        try (Writer w = writer(dir.resolve(DECISIONS))) {
            row(w, "id", "run_id", "account", "recommendation_id", "ticker", "ts", "action",
                    "decision", "reason", "quantity", "limit_price", "stop_price", "target_price",
                    "tier", "trace");
            for (Decision d : c.decisions()) {
                row(w, d.id(), runId, d.account(), d.recommendationId(), d.ticker(),
                        MarketTime.iso(d.ts()), d.action(), d.decision(), d.reason(),
                        d.quantity(), d.limitPrice(), d.stopPrice(), d.targetPrice(), d.tier(),
                        d.trace());
            }
        }
        try (Writer w = writer(dir.resolve(ORDERS))) {
            row(w, "client_order_id", "run_id", "account", "decision_id", "position_id", "ticker",
                    "side", "type", "quantity", "limit_price", "ts", "status", "reason",
                    "updated_ts");
            for (Order o : c.orders()) {
                row(w, o.clientOrderId(), runId, o.account(), o.decisionId(), o.positionId(),
                        o.ticker(), o.side(), o.type(), o.quantity(), o.limitPrice(),
                        MarketTime.iso(o.ts()), o.status(), o.reason(),
                        MarketTime.iso(o.updatedTs()));
            }
        }
        try (Writer w = writer(dir.resolve(FILLS))) {
            row(w, "client_order_id", "run_id", "account", "ticker", "side", "quantity", "price",
                    "commission", "ts");
            for (Fill f : c.fills()) {
                row(w, f.clientOrderId(), runId, f.account(), f.ticker(), f.side(), f.quantity(),
                        f.price(), f.commission(), MarketTime.iso(f.ts()));
            }
        }
        try (Writer w = writer(dir.resolve(POSITIONS))) {
            row(w, "position_id", "run_id", "account", "ticker", "side", "quantity",
                    "entry_price", "stop_price", "target_price", "status", "opened_ts", "ts",
                    "exit_price", "realized_pnl", "reason");
            for (PositionEvent p : c.positions()) {
                row(w, p.positionId(), runId, p.account(), p.ticker(), p.side(), p.quantity(),
                        p.entryPrice(), p.stopPrice(), p.targetPrice(), p.status(),
                        MarketTime.iso(p.openedTs()), MarketTime.iso(p.ts()), p.exitPrice(),
                        p.realizedPnl() == null ? null : p.realizedPnl().toPlainString(),
                        p.reason());
            }
        }
        try (Writer w = writer(dir.resolve(DEAD_LETTERS))) {
            row(w, "source", "position", "reason", "detail", "payload", "id", "run_id");
            for (DeadLetter d : c.deadLetters()) {
                row(w, d.source(), d.position(), d.reason(), d.detail(), d.payload(), d.id(), runId);
            }
        }
        try (Writer w = writer(dir.resolve(BREAKERS))) {
            row(w, "id", "run_id", "account", "type", "status", "threshold", "actual", "ticker",
                    "cooldown_expires", "tripped_at", "resolved_at", "reason");
            for (BreakerEvent b : c.breakers()) {
                row(w, b.id(), runId, b.account(), b.type(), b.status(), b.threshold(),
                        b.actual(), b.ticker(), iso(b.cooldownExpires()),
                        MarketTime.iso(b.trippedTs()), iso(b.resolvedTs()), b.reason());
            }
        }
        try (Writer w = writer(dir.resolve(TIER_CHANGES))) {
            row(w, "id", "run_id", "account", "from_tier", "to_tier", "reason", "win_rate",
                    "drawdown", "reserve_pct", "portfolio_value", "ts");
            for (TierChange t : c.tierChanges()) {
                row(w, t.id(), runId, t.account(), t.fromTier(), t.toTier(), t.reason(),
                        t.winRate(), t.drawdown(), t.reservePct(), t.portfolioValue(),
                        MarketTime.iso(t.ts()));
            }
        }
        try (Writer w = writer(dir.resolve(RESERVE_LEDGER))) {
            row(w, "id", "run_id", "account", "kind", "amount", "balance_after", "position_id",
                    "profit", "reason", "ts");
            for (ReserveEntry r : c.reserveLedger()) {
                row(w, r.id(), runId, r.account(), r.kind(), plain(r.amount()),
                        plain(r.balanceAfter()), r.positionId(), plain(r.profit()), r.reason(),
                        MarketTime.iso(r.ts()));
            }
        }
        try (Writer w = writer(dir.resolve(CONFIG_AUDIT))) {
            row(w, "id", "run_id", "command_id", "account", "command", "key", "previous_value",
                    "new_value", "issued_by", "status", "reason", "ts");
            for (ConfigAudit a : c.configAudit()) {
                row(w, a.id(), runId, a.commandId(), a.account(), a.command(), a.key(),
                        a.previousValue(), a.newValue(), a.issuedBy(), a.status(), a.reason(),
                        MarketTime.iso(a.ts()));
            }
        }
        try (Writer w = writer(dir.resolve(NOTIFICATIONS))) {
            row(w, "id", "run_id", "account", "kind", "message", "ts");
            for (Notification n : c.notifications()) {
                row(w, n.id(), runId, n.account(), n.kind(), n.message(), MarketTime.iso(n.ts()));
            }
        }
        try (Writer w = writer(dir.resolve(STOP_LEVELS))) {
            row(w, "id", "run_id", "account", "position_id", "ticker", "ts", "stop", "target",
                    "previous_stop", "previous_target", "rule", "reason", "atr");
            for (StopLevelChange l : c.stopLevels()) {
                row(w, l.id(), runId, l.account(), l.positionId(), l.ticker(),
                        MarketTime.iso(l.ts()), l.stop(), l.target(), l.previousStop(),
                        l.previousTarget(), l.rule(), l.reason(), l.atr());
            }
        }
        Files.writeString(dir.resolve(SUMMARY), summary(runId, runtimeMode, c));
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? null : MarketTime.iso(epochMillis);
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    /** Returns the summary as JSON: counts by outcome and reason, P&amp;L, throughput. */
    public static String summary(String runId, String runtimeMode, Collected c) {
        ObjectNode s = JSON.createObjectNode();
        s.put("run_id", runId);
        s.put("runtime_mode", runtimeMode);
        s.put("bars", c.barsHandled());
        s.put("wall_ms", c.wallMillis());
        s.put("bars_per_second", c.wallMillis() == 0 ? 0
                : Math.round(c.barsHandled() * 1000.0 / c.wallMillis()));
        ObjectNode d = s.putObject("decisions");
        d.put("total", c.decisions().size());
        c.decisionsByReason().forEach(d::put);
        ObjectNode o = s.putObject("orders");
        o.put("total", c.orders().size());
        c.ordersByStatus().forEach(o::put);
        s.put("fills", c.fills().size());
        ObjectNode pnl = s.putObject("realized_pnl");
        c.realizedPnl().forEach(pnl::put);
        ObjectNode dl = s.putObject("dead_letters");
        dl.put("total", c.deadLetters().size());
        c.deadLettersByReason().forEach(dl::put);
        s.put("breakers", c.breakers().size());
        s.put("tier_changes", c.tierChanges().size());
        s.put("reserve_entries", c.reserveLedger().size());
        s.put("config_audit", c.configAudit().size());
        s.put("notifications", c.notifications().size());
        s.put("stop_levels", c.stopLevels().size());
        try {
            return JSON.writeValueAsString(s) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Writer writer(Path p) throws IOException {
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
    }

    private static void row(Writer w, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(cell(cells[i]));
        }
        w.write('\n');
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

}
