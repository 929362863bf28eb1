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

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a decision's JSON trace: the inputs, then every gate and sizing step in order. The text
 * is written as it comes ({@link JsonText}): the inputs at once (they describe the state the
 * decision started from), the gates and the later sections each into its own buffer, all joined
 * by {@link #finish} in the order {@code recommendation, account, micro, gates, <sections in the
 * order first written>, decision, reason, quantity}; a section written again replaces its text
 * in place.
 */
final class DecisionTrace {
    private final StringBuilder head;
    private final StringBuilder gates;
    private final Map<String, String> sections = new LinkedHashMap<>();
    private final Repeats repeats;
    private boolean micro;

    DecisionTrace(Recommendation rec, AccountConfig account, Ledger l, Portfolio pf, RiskState rs,
            VixQuote vix, long now, Repeats repeats) {
        this.repeats = repeats;
        head = repeats.scratch(0);
        gates = repeats.scratch(1);
        JsonText h = new JsonText(head).startObject();
        h.object("recommendation")
                .put("id", rec.id())
                .put("ticker", rec.ticker())
                .put("action", rec.action())
                .put("confidence", rec.confidence())
                .put("signal_type", rec.signalType())
                .put("mode", rec.mode())
                .put("generated_at", MarketTime.iso(rec.generatedAt()));
        if (rec.price() != null) {
            h.put("price", rec.price());
        }
        h.end();
        h.object("account");
        head.append(repeats.account.text(account, l, pf, rs));
        if (vix == null) {
            h.putNull("vix");
        } else {
            h.object("vix").put("value", vix.value()).put("age_s", (now - vix.ts()) / 1000).end();
        }
        h.end();
    }

    void market(RapidMove move, MarketEvent cluster, long now) {
        JsonText m = section().startObject();
        if (move == null) {
            m.putNull("last_rapid_move");
        } else {
            m.object("last_rapid_move")
                    .put("ts", MarketTime.iso(move.ts()))
                    .put("change_pct", move.changePct())
                    .put("direction", move.direction())
                    .end();
        }
        m.put("high_severity_event", cluster != null && now < cluster.untilTs()).end();
        sections.put("market", m.toString());
    }

    void micro(boolean micro) {
        this.micro = micro;
    }

    void tranches(long[] parts, ExitParams e) {
        JsonText n = array();
        for (long q : parts) {
            n.add(q);
        }
        sections.put("tranches", n.endArray().toString());
        if (parts.length > 1) {
            sections.put("tranche_interval", JsonText.quote(e.trancheInterval().toString()));
        }
    }

    void breakers(List<BreakerEvent> open) {
        JsonText b = array();
        for (BreakerEvent e : open) {
            b.startObject()
                    .put("type", e.type())
                    .put("rule", e.reason())
                    .put("since", MarketTime.iso(e.trippedTs()));
            if (e.ticker() != null) {
                b.put("ticker", e.ticker());
            }
            if (e.cooldownExpires() != null) {
                b.put("until", MarketTime.iso(e.cooldownExpires()));
            }
            b.end();
        }
        sections.put("breakers", b.endArray().toString());
    }

    void earnings(Integer tradingDays, RiskParams rp) {
        sections.put("earnings", section().startObject()
                .put("trading_days", tradingDays)
                .put("flag", tradingDays != null && tradingDays <= rp.earningsReduceDays())
                .end().toString());
    }

    void gate(String rule, boolean pass, String detail) {
        if (!gates.isEmpty()) {
            gates.append(',');
        }
        gates.append(repeats.gate(rule, pass, detail));
    }

    void sizing(List<SizingStep> steps) {
        JsonText s = array();
        for (SizingStep step : steps) {
            s.startObject()
                    .put("rule", step.rule())
                    .put("step", step.step())
                    .put("in", step.in())
                    .put("out", step.out())
                    .put("note", step.note())
                    .end();
        }
        sections.put("sizing", s.endArray().toString());
    }

    void levels(Levels levels, Double atr, TierParams tier) {
        sections.put("levels", section().startObject()
                .put("rule", levels.rule())
                .put("atr", atr)
                .put("stop_atr_multiplier", tier.stopAtrMultiplier())
                .put("reward_risk", tier.rewardRisk())
                .put("stop", levels.stop())
                .put("target", levels.target())
                .end().toString());
    }

    String finish(String decision, String reason, long quantity) {
        JsonText t = new JsonText(repeats.scratch(2).append(head));
        t.put("micro", micro);
        t.putArray("gates", gates);
        sections.forEach(t::putJson);
        return t.put("decision", decision).put("reason", reason).put("quantity", quantity).end()
                .toString();
    }

    /**
     * What one engine's consecutive traces repeat, each written once while it stays the same:
     * the account section, and each gate's entry (a rule's result and detail are mostly those of
     * the decision before, "action buy, mode live_eligible", "no stop-out cluster"; a skipped
     * signal writes ten entries). One per engine.
     */
    static final class Repeats {
        final AccountSection account = new AccountSection();
        private final Map<String, GateEntry> gates = new HashMap<>();
        /**
         * The buffers of the trace being written (head, gates, the whole), emptied for each: an
         * engine writes one trace at a time, and a new 1-4 KB buffer for each of a million
         * decisions was a tenth of a backtest's allocation.
         */
        private final StringBuilder[] scratch = {new StringBuilder(1024),
                new StringBuilder(1024), new StringBuilder(4096), new StringBuilder(512)};

        /** Returns scratch buffer {@code i}, emptied. */
        StringBuilder scratch(int i) {
            scratch[i].setLength(0);
            return scratch[i];
        }

        private record GateEntry(boolean pass, String detail, String text) {}

        /** Returns the gate's entry as JSON text, the one kept when it is the same. */
        String gate(String rule, boolean pass, String detail) {
            GateEntry e = gates.get(rule);
            if (e == null || e.pass() != pass || !Objects.equals(e.detail(), detail)) {
                e = new GateEntry(pass, detail, new JsonText(new StringBuilder(128))
                        .startObject()
                        .put("rule", rule)
                        .put("result", pass ? "pass" : "fail")
                        .put("detail", detail)
                        .end().toString());
                gates.put(rule, e);
            }
            return e.text();
        }
    }

    /**
     * Writes the account section's fields, and writes them again only when what they come from
     * changed: on a day of skipped signals an account's cash, pools and counts stay the same for
     * thousands of decisions, and their numbers' text was a tenth of the account stage's time.
     * One per engine: the account's identity is part of what is compared.
     */
    static final class AccountSection {
        private AccountConfig account;
        private Ledger ledger;
        private Portfolio portfolio;
        private RiskState risk;
        private String text;

        String text(AccountConfig a, Ledger l, Portfolio pf, RiskState rs) {
            if (text == null || a != account || !l.equals(ledger) || !pf.equals(portfolio)
                    || !rs.equals(risk)) {
                text = new JsonText(new StringBuilder(512))
                        .put("id", a.id())
                        .put("profile", a.profile())
                        .put("mode", a.mode())
                        .put("tier", rs.tier())
                        .put("cash", l.cash())
                        .put("realized_pnl", l.realizedPnl())
                        .put("portfolio_value", pf.value())
                        .put("reserve", rs.reserve())
                        .put("active_pool", pf.activePool())
                        .put("high_water", rs.highWater())
                        .put("day_start_value", rs.dayStartValue())
                        .put("entries_today", rs.entriesToday())
                        .put("consecutive_losses", rs.consecutiveLosses())
                        .put("cash_available", pf.cashAvailable())
                        .put("open_positions", pf.openPositions())
                        .toString();
                account = a;
                ledger = l;
                portfolio = pf;
                risk = rs;
            }
            return text;
        }
    }

    /** A section's text, written into a scratch buffer (its text is taken at once). */
    private JsonText section() {
        return new JsonText(repeats.scratch(3));
    }

    /** An array section's text, its opening bracket written. */
    private JsonText array() {
        return new JsonText(repeats.scratch(3).append('['));
    }

}
