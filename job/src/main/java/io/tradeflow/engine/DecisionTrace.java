package io.tradeflow.engine;

import io.tradeflow.engine.AccountBook.Portfolio;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.Recommendation;
import io.tradeflow.event.VixQuote;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.ExitParams;
import io.tradeflow.rules.RiskParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.sizing.SizingStep;
import io.tradeflow.rules.stops.Levels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Builds a decision's JSON trace: the inputs, then every gate and sizing step in order. */
final class DecisionTrace {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode gates;

    DecisionTrace(Recommendation rec, AccountConfig account, Ledger l, Portfolio pf, RiskState rs,
            VixQuote vix, long now) {
        ObjectNode r = root.putObject("recommendation");
        r.put("id", rec.id());
        r.put("ticker", rec.ticker());
        r.put("action", rec.action());
        r.put("confidence", rec.confidence());
        r.put("signal_type", rec.signalType());
        r.put("mode", rec.mode());
        r.put("generated_at", MarketTime.iso(rec.generatedAt()));
        if (rec.price() != null) {
            r.put("price", rec.price());
        }
        ObjectNode a = root.putObject("account");
        a.put("id", account.id());
        a.put("profile", account.profile());
        a.put("mode", account.mode());
        a.put("tier", rs.tier());
        a.put("cash", l.cash());
        a.put("realized_pnl", l.realizedPnl());
        a.put("portfolio_value", pf.value());
        a.put("reserve", rs.reserve());
        a.put("active_pool", pf.activePool());
        a.put("high_water", rs.highWater());
        a.put("day_start_value", rs.dayStartValue());
        a.put("entries_today", rs.entriesToday());
        a.put("consecutive_losses", rs.consecutiveLosses());
        a.put("cash_available", pf.cashAvailable());
        a.put("open_positions", pf.openPositions());
        if (vix == null) {
            a.putNull("vix");
        } else {
            ObjectNode v = a.putObject("vix");
            v.put("value", vix.value());
            v.put("age_s", (now - vix.ts()) / 1000);
        }
        root.put("micro", false);
        gates = root.putArray("gates");
    }

    void market(RapidMove move, MarketEvent cluster, long now) {
        ObjectNode m = root.putObject("market");
        if (move == null) {
            m.putNull("last_rapid_move");
        } else {
            ObjectNode n = m.putObject("last_rapid_move");
            n.put("ts", MarketTime.iso(move.ts()));
            n.put("change_pct", move.changePct());
            n.put("direction", move.direction());
        }
        m.put("high_severity_event", cluster != null && now < cluster.untilTs());
    }

    void micro(boolean micro) {
        root.put("micro", micro);
    }

    void tranches(long[] parts, ExitParams e) {
        ArrayNode n = root.putArray("tranches");
        for (long q : parts) {
            n.add(q);
        }
        if (parts.length > 1) {
            root.put("tranche_interval", e.trancheInterval().toString());
        }
    }

    void breakers(List<BreakerEvent> open) {
        ArrayNode b = root.putArray("breakers");
        for (BreakerEvent e : open) {
            ObjectNode n = b.addObject();
            n.put("type", e.type());
            n.put("rule", e.reason());
            n.put("since", MarketTime.iso(e.trippedTs()));
            if (e.ticker() != null) {
                n.put("ticker", e.ticker());
            }
            if (e.cooldownExpires() != null) {
                n.put("until", MarketTime.iso(e.cooldownExpires()));
            }
        }
    }

    void earnings(Integer tradingDays, RiskParams rp) {
        ObjectNode n = root.putObject("earnings");
        if (tradingDays == null) {
            n.putNull("trading_days");
        } else {
            n.put("trading_days", tradingDays);
        }
        n.put("flag", tradingDays != null && tradingDays <= rp.earningsReduceDays());
    }

    void gate(String rule, boolean pass, String detail) {
        ObjectNode g = gates.addObject();
        g.put("rule", rule);
        g.put("result", pass ? "pass" : "fail");
        g.put("detail", detail);
    }

    void sizing(List<SizingStep> steps) {
        ArrayNode s = root.putArray("sizing");
        for (SizingStep step : steps) {
            ObjectNode n = s.addObject();
            n.put("rule", step.rule());
            n.put("step", step.step());
            n.put("in", step.in());
            n.put("out", step.out());
            n.put("note", step.note());
        }
    }

    void levels(Levels levels, Double atr, TierParams tier) {
        ObjectNode n = root.putObject("levels");
        n.put("rule", levels.rule());
        if (atr == null) {
            n.putNull("atr");
        } else {
            n.put("atr", atr);
        }
        n.put("stop_atr_multiplier", tier.stopAtrMultiplier());
        n.put("reward_risk", tier.rewardRisk());
        n.put("stop", levels.stop());
        n.put("target", levels.target());
    }

    String finish(String decision, String reason, long quantity) {
        root.put("decision", decision);
        if (reason == null) {
            root.putNull("reason");
        } else {
            root.put("reason", reason);
        }
        root.put("quantity", quantity);
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
