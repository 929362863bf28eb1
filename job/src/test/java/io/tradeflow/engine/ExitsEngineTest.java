package io.tradeflow.engine;

import static io.tradeflow.engine.AccountEngineTest.decisions;
import static io.tradeflow.engine.AccountEngineTest.orders;
import static io.tradeflow.engine.AccountEngineTest.positions;
import static io.tradeflow.engine.AccountEngineTest.run;
import static io.tradeflow.engine.EngineFixtures.ACCOUNT;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static io.tradeflow.engine.EngineFixtures.rec;
import static io.tradeflow.engine.EngineFixtures.recOfType;
import static io.tradeflow.engine.RiskRulebookEngineTest.control;
import static io.tradeflow.engine.RiskRulebookEngineTest.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.Decision;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.StopLevelChange;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.orders.Tranches;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Engine scenarios of the exits and orders rules, each with its expected exit at a known bar. */
class ExitsEngineTest {

    static EngineSettings with(String profile, String... keyValues) {
        return RiskRulebookEngineTest.with(profile, keyValues);
    }

    static List<StopLevelChange> levels(List<AccountOutput> out) {
        return of(out, StopLevelChange.class);
    }

    /** SPY 100 at 10:00 (ATR 0.5: stop 99, target 102), bought at 10:00:30, filled at 10:01. */
    static List<AccountInput> longSpy() {
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100, 100, 100, 100, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:00:30")));
        in.add(bar("SPY", at("10:01:00"), 100, 100.2, 99.9, 100, 0.5));
        return in;
    }

    @Test
    @DisplayName("R-STOP-7: heat crossing its mark on a later bar tightens the stop on that bar")
    void heatTightensOnValuation() throws Exception {
        // 48 SPY at 100, stop 99: heat 48 of 100 000 (0.048 %), below the mark of 10 % x 0.00482
        List<AccountInput> in = longSpy();
        // at 100.9 the position's heat is 48.43 of 100 043: 0.0484 %, above the mark
        in.add(bar("SPY", at("10:02:00"), 100.5, 100.95, 100.4, 100.9, 0.5));
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY, "heat-tighten-at", "0.00482"),
                in);
        List<StopLevelChange> changes = levels(out);
        assertThat(changes).extracting(StopLevelChange::rule).containsExactly("R-STOP-1",
                "R-STOP-7");
        assertThat(changes.get(1).ts()).isEqualTo(at("10:02:00"));
        assertThat(changes.get(1).stop()).isGreaterThan(99.0).isLessThanOrEqualTo(100.0);
    }

    @Test
    @DisplayName("R-STOP-4: past half the way to the target the stop moves to breakeven, then a dip"
            + " to the entry closes the position")
    void trailingArmThenBreakevenExit() throws Exception {
        List<AccountInput> in = longSpy();
        in.add(bar("SPY", at("10:02:00"), 100.5, 101.2, 100.5, 101.0, 0.5)); // 60 % of the way
        in.add(bar("SPY", at("10:03:00"), 100.8, 100.9, 99.95, 100.2, 0.5)); // back to the entry
        in.add(bar("SPY", at("10:04:00"), 100.1, 100.2, 100.0, 100.1, 0.5)); // the exit fills
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY), in);

        List<StopLevelChange> changes = levels(out);
        assertThat(changes).extracting(StopLevelChange::rule).containsExactly("R-STOP-1", "R-STOP-4");
        assertThat(changes.get(0).stop()).isEqualTo(99.0);
        assertThat(changes.get(1).stop()).isEqualTo(100.0);
        assertThat(changes.get(1).previousStop()).isEqualTo(99.0);
        assertThat(changes.get(1).ts()).isEqualTo(at("10:02:00"));
        Order exit = orders(out).stream().filter(o -> Order.MARKET.equals(o.type())).findFirst()
                .orElseThrow();
        assertThat(exit.ts()).isEqualTo(at("10:03:00"));
        assertThat(exit.reason()).isEqualTo("R-STOP-3:stop");
    }

    @Test
    @DisplayName("R-CB-3: three stop-outs within 30 minutes pause entries for 60 minutes")
    void stopOutClusterPausesEntries() throws Exception {
        EngineSettings s = RiskRulebookEngineTest.with(AccountConfig.SWING);
        s = withUniverse(s, "SPY", "QQQ", "IWM", "DIA");
        List<AccountInput> in = new ArrayList<>();
        for (String t : List.of("SPY", "QQQ", "IWM")) {
            in.add(bar(t, at("10:00:00"), 100, 100, 100, 100, 0.5)); // stop 99
        }
        for (String t : List.of("SPY", "QQQ", "IWM")) {
            in.add(rec("r-" + t, t, "buy", 0.78, 100.0, at("10:00:30")));
        }
        for (String t : List.of("SPY", "QQQ", "IWM")) {
            in.add(bar(t, at("10:01:00"), 100, 100.2, 99.9, 100, 0.5)); // fills
        }
        for (String t : List.of("SPY", "QQQ", "IWM")) {
            in.add(bar(t, at("10:05:00"), 99.5, 99.6, 98.9, 99.0, 0.5)); // stops hit
        }
        for (String t : List.of("SPY", "QQQ", "IWM")) {
            in.add(bar(t, at("10:06:00"), 99.0, 99.1, 98.9, 99.0, 0.5)); // exits fill
        }
        in.add(bar("DIA", at("10:30:00"), 50, 50, 50, 50, 0.5));
        in.add(rec("r-paused", "DIA", "buy", 0.78, 50.0, at("10:30:30")));
        in.add(rec("r-after", "DIA", "buy", 0.78, 50.0, at("11:06:00")));
        List<AccountOutput> out = run(s, in);

        List<BreakerEvent> breakers = of(out, BreakerEvent.class);
        assertThat(breakers).extracting(BreakerEvent::type, BreakerEvent::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BreakerEvent.STOP_OUTS, BreakerEvent.TRIPPED),
                org.assertj.core.groups.Tuple.tuple(BreakerEvent.STOP_OUTS, BreakerEvent.RESOLVED));
        assertThat(breakers.get(0).trippedTs()).isEqualTo(at("10:06:00"));
        assertThat(breakers.get(0).cooldownExpires()).isEqualTo(at("11:06:00"));
        assertThat(breakers.get(0).actual()).isEqualTo(3.0);
        assertThat(decision(out, "r-paused").reason()).isEqualTo("R-CB-3");
        assertThat(decision(out, "r-after").decision()).isEqualTo(Decision.ACT);
    }

    @Test
    @DisplayName("R-CB-3 per account: an account's own stop-out count and pause are honoured")
    void stopOutClusterUsesTheAccountsNumbers() throws Exception {
        EngineSettings s = RiskRulebookEngineTest.with(AccountConfig.SWING, "stop-out-count", "2",
                "stop-out-pause", "20m");
        s = withUniverse(s, "SPY", "QQQ", "DIA");
        List<AccountInput> in = new ArrayList<>();
        List<String> two = List.of("SPY", "QQQ");
        two.forEach(t -> in.add(bar(t, at("10:00:00"), 100, 100, 100, 100, 0.5))); // stop 99
        two.forEach(t -> in.add(rec("r-" + t, t, "buy", 0.78, 100.0, at("10:00:30"))));
        two.forEach(t -> in.add(bar(t, at("10:01:00"), 100, 100.2, 99.9, 100, 0.5))); // fills
        two.forEach(t -> in.add(bar(t, at("10:05:00"), 99.5, 99.6, 98.9, 99.0, 0.5))); // stops
        two.forEach(t -> in.add(bar(t, at("10:06:00"), 99.0, 99.1, 98.9, 99.0, 0.5))); // exits
        in.add(bar("DIA", at("10:10:00"), 50, 50, 50, 50, 0.5));
        in.add(rec("r-paused", "DIA", "buy", 0.78, 50.0, at("10:10:30")));
        in.add(rec("r-after", "DIA", "buy", 0.78, 50.0, at("10:26:00")));
        List<AccountOutput> out = run(s, in);

        List<BreakerEvent> breakers = of(out, BreakerEvent.class);
        assertThat(breakers).extracting(BreakerEvent::type).containsOnly(BreakerEvent.STOP_OUTS);
        assertThat(breakers.get(0).actual()).isEqualTo(2.0);
        assertThat(breakers.get(0).cooldownExpires()).isEqualTo(at("10:26:00"));
        assertThat(decision(out, "r-paused").reason()).isEqualTo("R-CB-3");
        assertThat(decision(out, "r-after").decision()).isEqualTo(Decision.ACT);
    }

    @Test
    @DisplayName("R-MOVE-1, R-STOP-6: a rapid move during a high-severity event halves the stop"
            + " distance at once, and alerts")
    void rapidMoveTightens() throws Exception {
        List<AccountInput> in = longSpy();
        in.add(AccountInput.of(ACCOUNT, new MarketEvent("volatility", "open", "high",
                at("10:10:00"), at("11:00:00"), 3, "3 rapid moves"), at("10:10:00")));
        in.add(AccountInput.of(ACCOUNT, new RapidMove("SPY", at("09:58:00"), 95, at("10:15:00"),
                100, 5.2, RapidMove.UP), at("10:15:00")));
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY), in);

        StopLevelChange move = levels(out).get(1);
        assertThat(move.rule()).isEqualTo("R-MOVE-1");
        assertThat(move.ts()).isEqualTo(at("10:15:00"));
        assertThat(move.stop()).isEqualTo(99.5); // 100 - 0.5 x 2.0 x 0.5
        assertThat(move.previousStop()).isEqualTo(99.0);
        assertThat(of(out, Notification.class)).extracting(Notification::kind)
                .contains("rapid_move");
    }

    @Test
    @DisplayName("R-MOVE-1 per account: an account with rapid-move-pct 8 % ignores a 5.2 % move"
            + " and re-evaluates on a 9 % one")
    void rapidMoveThresholdPerAccount() throws Exception {
        List<AccountInput> in = longSpy();
        in.add(AccountInput.of(ACCOUNT, new RapidMove("SPY", at("09:58:00"), 95, at("10:15:00"),
                100, 5.2, RapidMove.UP), at("10:15:00")));
        in.add(AccountInput.of(ACCOUNT, new RapidMove("SPY", at("10:20:00"), 91.7, at("10:30:00"),
                100, 9.0, RapidMove.UP), at("10:30:00")));
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY, "rapid-move-pct", "0.08"), in);

        // the alert of R-MOVE-1 comes with the re-evaluation: only for the 9 % move
        assertThat(of(out, Notification.class)).filteredOn(n -> n.kind().equals("rapid_move"))
                .extracting(Notification::ts).containsExactly(at("10:30:00"));
    }

    @Test
    @DisplayName("R-STOP-8: a held ticker without a price for 15 minutes of market time, while"
            + " other prices arrive, is closed")
    void stalePriceCloses() throws Exception {
        List<AccountInput> in = longSpy();
        in.add(bar("SPY", at("10:02:00"), 100, 100.1, 99.9, 100, 0.5)); // SPY's last price
        for (String t : List.of("10:10:00", "10:16:00", "10:17:00", "10:18:00")) {
            in.add(bar("QQQ", at(t), 50, 50, 50, 50, 0.5));
        }
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY), in);

        Order exit = orders(out).stream().filter(o -> Order.MARKET.equals(o.type())).findFirst()
                .orElseThrow();
        assertThat(exit.reason()).startsWith("R-STOP-8");
        assertThat(exit.ts()).isEqualTo(at("10:17:00"));
    }

    @Test
    @DisplayName("R-ORD-2: a gradual entry sends tranches 5 minutes apart under one decision; a"
            + " failed gate withdraws the rest")
    void trancheCancelledByGate() throws Exception {
        EngineSettings s = with(AccountConfig.INTRADAY, "tranches", "3");
        List<AccountInput> in = longSpy();
        in.add(bar("SPY", at("10:05:00"), 100, 100.1, 99.9, 100, 0.5));
        in.add(bar("SPY", at("10:06:00"), 100, 100.1, 99.9, 100, 0.5)); // fills tranche 2
        in.add(control("c1", "pause", Map.of(), at("10:08:00")));
        in.add(bar("SPY", at("10:11:00"), 100, 100.1, 99.9, 100, 0.5));
        List<AccountOutput> out = run(s, in);

        Decision d = decisions(out).get(0);
        assertThat(d.quantity()).isEqualTo(48);
        List<Order> sent = orders(out).stream().filter(o -> Order.NEW.equals(o.status())
                && Order.LIMIT.equals(o.type())).toList();
        assertThat(sent).extracting(Order::clientOrderId).containsExactly(
                Tranches.trancheOrderId(d.id(), 0), Tranches.trancheOrderId(d.id(), 1));
        assertThat(sent).extracting(Order::quantity).containsExactly(16L, 16L);
        assertThat(sent).extracting(Order::decisionId).containsOnly(d.id());
        assertThat(sent.get(1).ts()).isEqualTo(at("10:05:30"));
        Order withdrawn = orders(out).stream().filter(o -> Order.WITHDRAWN.equals(o.status()))
                .findFirst().orElseThrow();
        assertThat(withdrawn.clientOrderId()).isEqualTo(Tranches.trancheOrderId(d.id(), 2));
        assertThat(withdrawn.ts()).isEqualTo(at("10:10:30"));
        assertThat(withdrawn.reason()).startsWith("R-ORD-2:R-CB-5");
        PositionEvent last = positions(out).get(positions(out).size() - 1);
        assertThat(last.quantity()).isEqualTo(32);
    }

    @Test
    @DisplayName("R-MICRO-1: an intraday signal on a micro-enabled account is capped at 3 % of the"
            + " pool, levelled at 1 ATR and closed after 2 hours")
    void microTradeClosesAfterTwoHours() throws Exception {
        EngineSettings s = with(AccountConfig.SWING, "micro-enabled", "true");
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100, 100, 100, 100, 0.5));
        in.add(recOfType("r1", "SPY", "orb", at("10:00:30")));
        in.add(bar("SPY", at("10:01:00"), 100, 100.2, 99.9, 100, 0.5));
        in.add(bar("SPY", at("12:00:00"), 100, 100.2, 99.9, 100, 0.5));
        in.add(bar("SPY", at("12:02:00"), 100, 100.2, 99.9, 100.1, 0.5));
        List<AccountOutput> out = run(s, in);

        Decision d = decisions(out).get(0);
        assertThat(d.quantity()).isEqualTo(30); // 3 % of 100 000 at 100
        assertThat(d.trace()).contains("\"micro\":true");
        assertThat(levels(out).get(0).stop()).isEqualTo(99.5); // 1.0 x ATR
        assertThat(levels(out).get(0).target()).isEqualTo(100.75); // 1.5 x the stop distance
        Order exit = orders(out).stream().filter(o -> Order.MARKET.equals(o.type())).findFirst()
                .orElseThrow();
        assertThat(exit.reason()).isEqualTo("R-MICRO-1:max hold");
        assertThat(exit.ts()).isEqualTo(at("12:01:00"));
        assertThat(positions(out).get(positions(out).size() - 1).status())
                .isEqualTo(PositionEvent.CLOSED);
    }

    @Test
    @DisplayName("R-REB-1: at Monday's first bar a position above the max position % is trimmed,"
            + " the reason on the decision and the order")
    void mondayRebalanceTrims() throws Exception {
        EngineSettings s = with(AccountConfig.SWING, "max-risk-per-trade-pct", "1");
        LocalDate friday = LocalDate.of(2025, 3, 14);
        LocalDate monday = LocalDate.of(2025, 3, 17);
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at(friday, "10:00:00"), 100, 100, 100, 100, 30.0)); // stop 40, target 220
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at(friday, "10:00:30")));
        in.add(bar("SPY", at(friday, "10:01:00"), 100, 100.2, 99.9, 100, 30.0));
        in.add(bar("SPY", at(friday, "15:59:00"), 190, 200, 190, 200, 30.0));
        in.add(bar("SPY", at(monday, "09:31:00"), 200, 200, 200, 200, 30.0));
        in.add(bar("SPY", at(monday, "09:32:00"), 200, 200, 200, 200, 30.0));
        List<AccountOutput> out = run(s, in);

        Decision trim = decisions(out).stream()
                .filter(d -> "R-REB-1:position_pct".equals(d.reason())).findFirst().orElseThrow();
        assertThat(trim.ts()).isEqualTo(at(monday, "09:31:00"));
        Order order = orders(out).stream().filter(o -> trim.id().equals(o.decisionId())).findFirst()
                .orElseThrow();
        assertThat(order.reason()).isEqualTo("R-REB-1:position_pct");
        assertThat(order.quantity()).isEqualTo(trim.quantity());
        PositionEvent after = positions(out).get(positions(out).size() - 1);
        assertThat(after.quantity() + trim.quantity()).isEqualTo(55);
        // what is left is within 8 % of the active pool
        assertThat(after.quantity() * 200.0).isLessThanOrEqualTo(0.08 * (100_000 + 55 * 100.0));
    }

    static Decision decision(List<AccountOutput> out, String recId) {
        return RiskRulebookEngineTest.decision(out, recId);
    }

    static EngineSettings withUniverse(EngineSettings s, String... tickers) {
        AccountConfig a = s.accounts().get(0);
        AccountConfig changed = new AccountConfig(a.id(), a.profile(), a.mode(), a.cash(), a.tier(),
                List.of(tickers), a.rules());
        return new EngineSettings(List.of(changed), s.tiers(), s.broker(), s.indicators(),
                s.signals(), s.sectors());
    }
}
