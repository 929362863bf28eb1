package io.tradeflow.engine;

import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static io.tradeflow.engine.EngineFixtures.batch;
import static io.tradeflow.engine.EngineFixtures.rec;
import static io.tradeflow.engine.EngineFixtures.settings;
import static io.tradeflow.engine.EngineFixtures.streaming;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Operator-harness tests of the account engine, each run in STREAMING and BATCH flavours. */
class AccountEngineTest {
    static final EngineSettings INTRADAY = settings(AccountConfig.INTRADAY);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Runs both ways, asserts they agree, returns the outputs. */
    static List<AccountOutput> run(EngineSettings s, List<AccountInput> inputs) throws Exception {
        List<AccountOutput> streamed = streaming(s, inputs);
        assertThat(batch(s, inputs)).as("BATCH equals STREAMING").isEqualTo(streamed);
        return streamed;
    }

    static List<Decision> decisions(List<AccountOutput> out) {
        return out.stream().filter(o -> o.decision() != null).map(AccountOutput::decision).toList();
    }

    static List<Order> orders(List<AccountOutput> out) {
        return out.stream().filter(o -> o.order() != null).map(AccountOutput::order).toList();
    }

    static List<Fill> fills(List<AccountOutput> out) {
        return out.stream().filter(o -> o.fill() != null).map(AccountOutput::fill).toList();
    }

    static List<PositionEvent> positions(List<AccountOutput> out) {
        return out.stream().filter(o -> o.position() != null).map(AccountOutput::position).toList();
    }

    /** A bar at 10:00 (ATR 0.5), a buy at 10:00:30 at 100 with confidence 0.78. */
    static List<AccountInput> entry() {
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100.1, 100.2, 99.9, 100.0, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:00:30")));
        return in;
    }

    @Test
    @DisplayName("R-SIZE-2, R-STOP-1, R-REC-1: an eligible buy is sized, levelled and traced")
    void actsOnEligibleRecommendation() throws Exception {
        List<AccountOutput> out = run(INTRADAY, entry());
        Decision d = decisions(out).get(0);
        // pct = 4 % x 0.78 / 0.65 = 4.8 % of 100 000 = 4 800 -> 48 shares at 100
        assertThat(d.decision()).isEqualTo(Decision.ACT);
        assertThat(d.quantity()).isEqualTo(48);
        assertThat(d.limitPrice()).isEqualTo(100.0);
        assertThat(d.stopPrice()).isEqualTo(99.0); // 100 - 0.5 x 2.0 (moderate)
        assertThat(d.targetPrice()).isEqualTo(102.0); // 100 + 1.0 x 2.0
        assertThat(d.tier()).isEqualTo("moderate");
        JsonNode trace = JSON.readTree(d.trace());
        assertThat(trace.get("gates").findValuesAsText("rule"))
                .containsExactly("R-SIG-5", "R-SIG-4", "R-SIG-1", "R-POS-2", "R-WIN-1",
                        "R-CAL-1", "R-VIX-1", "R-CB-5", "R-CB-1", "R-CB-3", "R-CB-2", "R-HALT-1", "R-POS-1",
                        "R-DAY-1", "R-POOL-3", "R-ORD-1");
        assertThat(trace.get("sizing").findValuesAsText("step")).contains("pct", "quantity");
        assertThat(trace.at("/levels/rule").asText()).isEqualTo("R-STOP-1");
        Order o = orders(out).get(0);
        assertThat(o.clientOrderId()).isEqualTo("e-" + d.id().substring(2));
        assertThat(o.type()).isEqualTo(Order.LIMIT);
    }

    @Test
    @DisplayName("R-SIG-5: a second copy of a recommendation makes no decision and no order")
    void deduplicatesRecommendations() throws Exception {
        List<AccountInput> in = entry();
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:00:45")));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("11:30:00")));
        List<AccountOutput> out = run(INTRADAY, in);
        assertThat(decisions(out)).hasSize(1);
        assertThat(orders(out).stream().filter(o -> Order.NEW.equals(o.status()))).hasSize(1);
    }

    @Test
    @DisplayName("R-SIG-5: after 24 h the same id is evaluated again")
    void dedupeWindowEnds() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(rec("r1", "SPY", "hold", 0.9, 100.0, at("10:00:00")));
        in.add(rec("r1", "SPY", "hold", 0.9, 100.0, at(EngineFixtures.DAY.plusDays(1), "10:00:00")));
        assertThat(decisions(run(INTRADAY, in))).hasSize(2);
    }

    @Test
    @DisplayName("R-SIG-4: only buy/sell with an eligible mode are evaluated; others are skips")
    void skipsIneligibleRecommendations() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(rec("a", "SPY", "hold", 0.9, 100.0, at("10:00:00")));
        in.add(rec("b", "SPY", "buy", 0.9, 100.0, at("10:00:01"), "research"));
        List<Decision> ds = decisions(run(INTRADAY, in));
        assertThat(ds).extracting(Decision::decision).containsOnly(Decision.SKIP);
        assertThat(ds).extracting(Decision::reason).containsOnly("R-SIG-4");
    }

    @Test
    @DisplayName("R-WIN-1: intraday entries from 09:45 to 14:15 inclusive")
    void entryWindow() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(rec("early", "SPY", "buy", 0.9, 100.0, at("09:44:59")));
        in.add(rec("open", "SPY", "buy", 0.9, 100.0, at("09:45:00")));
        in.add(rec("last", "QQQ", "buy", 0.9, 100.0, at("14:15:00")));
        in.add(rec("late", "QQQ", "buy", 0.9, 100.0, at("14:15:01")));
        List<Decision> ds = decisions(run(INTRADAY, in));
        assertThat(ds).extracting(d -> d.recommendationId() + ":" + d.decision() + ":" + d.reason())
                .containsExactly("early:skip:R-WIN-1", "open:act:null", "last:act:null",
                        "late:skip:R-POS-2");
    }

    @Test
    @DisplayName("R-SIZE-1: confidence exactly at the tier minimum passes, just below skips")
    void confidenceGate() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(rec("at", "SPY", "buy", 0.65, 100.0, at("10:00:00")));
        in.add(rec("below", "QQQ", "buy", 0.6499, 100.0, at("10:00:00")));
        List<Decision> ds = decisions(run(INTRADAY, in));
        assertThat(ds).extracting(d -> d.recommendationId() + ":" + d.reason())
                .containsExactlyInAnyOrder("at:null", "below:R-SIZE-1");
    }

    @Test
    @DisplayName("R-ORD-1: an entry not filled within 60 s is cancelled, never chased")
    void cancelsUnfilledEntryAfter60s() throws Exception {
        List<AccountInput> in = entry();
        in.add(bar("SPY", at("10:01:00"), 100.3, 100.4, 100.2, 100.3, 0.5)); // low above limit
        in.add(bar("SPY", at("10:02:00"), 100.3, 100.4, 99.0, 99.5, 0.5)); // too late to fill
        List<AccountOutput> out = run(INTRADAY, in);
        List<Order> os = orders(out);
        assertThat(os).extracting(Order::status).containsExactly(Order.NEW, Order.CANCELLED);
        Order cancelled = os.get(1);
        assertThat(cancelled.reason()).isEqualTo(AccountEngine.ENTRY_CANCELLED);
        assertThat(cancelled.updatedTs() - cancelled.ts()).isEqualTo(60_001);
        assertThat(cancelled.limitPrice()).isEqualTo(100.0);
        assertThat(fills(out)).isEmpty();
    }

    @Test
    @DisplayName("R-ORD-1 in bars (swing default 1): an entry on daily bars may fill on the next"
            + " day's bar; one not filled by its next bar is cancelled at that bar")
    void swingEntriesWaitOneBar() throws Exception {
        java.time.LocalDate d1 = java.time.LocalDate.of(2025, 3, 12);
        java.time.LocalDate d2 = d1.plusDays(1);
        java.time.LocalDate d3 = d1.plusDays(2);
        List<AccountInput> in = new ArrayList<>();
        // one bar a day; entries placed after it, limit 100
        in.add(bar("SPY", at(d1, "15:29:00"), 100, 101, 99.5, 100.5, 2.0));
        in.add(bar("QQQ", at(d1, "15:29:00"), 100, 101, 99.5, 100.5, 2.0));
        in.add(rec("r-spy", "SPY", "buy", 0.78, 100.0, at(d1, "15:29:30")));
        in.add(rec("r-qqq", "QQQ", "buy", 0.78, 100.0, at(d1, "15:29:30")));
        // a day later: SPY trades through the limit, QQQ does not
        in.add(bar("SPY", at(d2, "15:29:00"), 100.5, 101, 99.0, 100.2, 2.0));
        in.add(bar("QQQ", at(d2, "15:29:00"), 100.5, 101, 100.2, 100.8, 2.0));
        in.add(bar("QQQ", at(d3, "15:29:00"), 100.5, 101, 99.0, 99.5, 2.0)); // too late
        List<AccountOutput> out = run(settings(AccountConfig.SWING), in);

        assertThat(fills(out)).extracting(Fill::ticker).containsExactly("SPY");
        Order cancelled = orders(out).stream().filter(o -> Order.CANCELLED.equals(o.status()))
                .findFirst().orElseThrow();
        assertThat(cancelled.ticker()).isEqualTo("QQQ");
        assertThat(cancelled.reason()).isEqualTo(AccountEngine.ENTRY_CANCELLED);
        assertThat(cancelled.updatedTs()).isEqualTo(at(d2, "15:29:00"));
    }

    @Test
    @DisplayName("R-ORD-1: a bar ending exactly 60 s after the order can still fill it")
    void fillsAtTheEdgeOfTheTimeout() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100.1, 100.2, 99.9, 100.0, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:00:00")));
        in.add(bar("SPY", at("10:01:00"), 100.05, 100.2, 99.95, 100.1, 0.5));
        List<Fill> fs = fills(run(INTRADAY, in));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).price()).isEqualTo(100.0); // min(limit, open)
    }

    @Test
    @DisplayName("R-STOP-3: a bar at the stop exits at the next bar's open, with slippage")
    void exitsAtStop() throws Exception {
        EngineSettings s = settings(AccountConfig.INTRADAY, new BrokerParams(10, 0.01));
        List<AccountInput> in = entry();
        in.add(bar("SPY", at("10:01:00"), 100.05, 100.2, 99.95, 100.1, 0.5)); // fills at 100
        in.add(bar("SPY", at("10:02:00"), 99.5, 99.6, 98.9, 99.0, 0.5)); // low 98.9 <= stop 99
        in.add(bar("SPY", at("10:03:00"), 98.8, 99.0, 98.7, 98.9, 0.5)); // exit fills at open
        List<AccountOutput> out = run(s, in);
        List<Fill> fs = fills(out);
        assertThat(fs).hasSize(2);
        assertThat(fs.get(1).price()).isEqualTo(98.7012); // 98.8 - 10 bps
        Order exit = orders(out).stream().filter(o -> Order.MARKET.equals(o.type())).findFirst()
                .orElseThrow();
        assertThat(exit.reason()).isEqualTo("R-STOP-3:stop");
        assertThat(exit.ts()).isEqualTo(at("10:02:00"));
        PositionEvent closed = positions(out).get(positions(out).size() - 1);
        assertThat(closed.status()).isEqualTo(PositionEvent.CLOSED);
        // (98.7012 - 100) x 48 = -62.3424, less 0.48 commission on each side
        assertThat(closed.realizedPnl()).isEqualByComparingTo(new BigDecimal("-63.3024"));
    }

    @Test
    @DisplayName("R-STOP-3: a bar at the target exits")
    void exitsAtTarget() throws Exception {
        List<AccountInput> in = entry();
        in.add(bar("SPY", at("10:01:00"), 100.05, 100.2, 99.95, 100.1, 0.5));
        in.add(bar("SPY", at("10:02:00"), 101.5, 102.1, 101.4, 102.0, 0.5));
        in.add(bar("SPY", at("10:03:00"), 102.2, 102.3, 102.0, 102.1, 0.5));
        List<AccountOutput> out = run(INTRADAY, in);
        assertThat(orders(out)).extracting(Order::reason).contains("R-STOP-3:target");
        PositionEvent closed = positions(out).get(positions(out).size() - 1);
        assertThat(closed.exitPrice()).isEqualTo(102.2);
        assertThat(closed.realizedPnl()).isEqualByComparingTo(new BigDecimal("105.6")); // 2.2 x 48
    }

    @Test
    @DisplayName("R-STOP-2: without ATR the stop falls back to the profile's percentage")
    void fallbackStopWithoutAtr() throws Exception {
        EngineSettings swing = settings(AccountConfig.SWING);
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100, 100, 100, 100, null));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:00:30")));
        Decision d = decisions(run(swing, in)).get(0);
        assertThat(d.stopPrice()).isEqualTo(92.0); // 8 % below
        assertThat(d.targetPrice()).isEqualTo(116.0); // 8 x 2.0 above
    }

    @Test
    @DisplayName("R-WIN-2: intraday positions are closed at 15:00, working entries cancelled")
    void forceExitAt1500() throws Exception {
        List<AccountInput> in = entry();
        in.add(bar("SPY", at("10:01:00"), 100.05, 100.2, 99.95, 100.1, 0.5));
        in.add(bar("SPY", at("15:00:00"), 100.5, 100.6, 100.4, 100.5, 0.5));
        in.add(bar("SPY", at("15:01:00"), 100.6, 100.7, 100.5, 100.6, 0.5));
        List<AccountOutput> out = run(INTRADAY, in);
        Order exit = orders(out).stream().filter(o -> Order.MARKET.equals(o.type())).findFirst()
                .orElseThrow();
        assertThat(exit.reason()).isEqualTo("R-WIN-2");
        assertThat(exit.ts()).isEqualTo(at("15:00:00"));
        // the 15:00 bar opened before the order: the fill comes from the 15:01 bar's open
        assertThat(fills(out).get(1).price()).isEqualTo(100.6);
        assertThat(fills(out).get(1).ts()).isEqualTo(at("15:01:00"));
    }

    @Test
    @DisplayName("R-WIN-2: swing positions are held overnight")
    void swingHoldsOvernight() throws Exception {
        EngineSettings swing = settings(AccountConfig.SWING);
        List<AccountInput> in = entry();
        in.add(bar("SPY", at("10:01:00"), 100.05, 100.2, 99.95, 100.1, 0.5));
        in.add(bar("SPY", at("15:59:00"), 100.5, 100.6, 100.4, 100.5, 0.5));
        List<AccountOutput> out = run(swing, in);
        assertThat(orders(out)).noneMatch(o -> Order.MARKET.equals(o.type()));
    }

    @Test
    @DisplayName("R-SIG-1: paper accounts open only allowed signal types; backtests may open all")
    void liveSignalGate() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(EngineFixtures.recOfType("a", "SPY", "ema_cross", at("10:00:00")));
        in.add(EngineFixtures.recOfType("b", "QQQ", "confluence", at("10:00:00")));
        assertThat(decisions(run(INTRADAY, in))).extracting(d -> d.recommendationId() + ":"
                + d.reason()).containsExactly("a:R-SIG-1", "b:null");
        EngineSettings backtest = EngineFixtures.settings(AccountConfig.INTRADAY,
                new BrokerParams(0, 0), AccountConfig.BACKTEST);
        assertThat(decisions(run(backtest, in))).extracting(Decision::reason)
                .containsOnlyNulls();
    }

    @Test
    @DisplayName("R-VIX-1: a fresh VIX at or above 28 blocks entries; below, stale or missing does not")
    void vixHalt() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(rec("none", "SPY", "buy", 0.9, 100.0, at("09:50:00")));
        in.add(EngineFixtures.vix(at("10:00:00"), 28.0));
        in.add(rec("at28", "QQQ", "buy", 0.9, 100.0, at("10:05:00")));
        in.add(EngineFixtures.vix(at("10:10:00"), 27.99));
        in.add(rec("below", "QQQ", "buy", 0.9, 100.0, at("10:10:00")));
        in.add(EngineFixtures.vix(at("11:00:00"), 35.0));
        in.add(rec("stale", "AAPL", "buy", 0.9, 100.0, at("11:15:01")));
        List<Decision> ds = decisions(run(settings(AccountConfig.INTRADAY, new BrokerParams(0, 0),
                AccountConfig.PAPER, "AAPL"), in));
        assertThat(ds).extracting(d -> d.recommendationId() + ":" + d.reason())
                .containsExactly("none:null", "at28:R-VIX-1", "below:null", "stale:null");
        assertThat(ds.get(1).trace()).contains("latest quote 28.0, 300 s old");
        assertThat(ds.get(3).trace()).contains("is stale");
    }

    @Test
    @DisplayName("R-VIX-1 per account: with vix-halt-level 35 the job's halt at 28 does not block,"
            + " a quote of 35 does")
    void vixHaltLevelPerAccount() throws Exception {
        List<AccountInput> in = new ArrayList<>();
        in.add(EngineFixtures.vix(at("10:00:00"), 30.0));
        // the job's VIX breaker pattern (28) opened a halt at that quote
        in.add(AccountInput.of(EngineFixtures.ACCOUNT, new io.tradeflow.event.MarketEvent("vix",
                "open", "high",
                at("10:00:00"), at("10:00:00"), 30.0, "VIX 30.0 at or above 28.0"),
                at("10:00:00")));
        in.add(rec("at30", "SPY", "buy", 0.9, 100.0, at("10:05:00")));
        in.add(EngineFixtures.vix(at("10:10:00"), 35.0));
        in.add(rec("at35", "QQQ", "buy", 0.9, 100.0, at("10:15:00")));
        EngineSettings s = RiskRulebookEngineTest.with(AccountConfig.INTRADAY, "tranches", "1",
                "vix-halt-level", "35");
        List<Decision> ds = decisions(run(s, in));
        assertThat(ds).extracting(d -> d.recommendationId() + ":" + d.reason())
                .containsExactly("at30:null", "at35:R-VIX-1");
    }

    @Test
    @DisplayName("RocksDB snapshot and restore mid-day gives the uninterrupted outputs, with the "
            + "state cache written back at the snapshot, and written back and emptied at every "
            + "record")
    void restoresFromRocksDbSnapshot() throws Exception {
        List<AccountInput> in = entry();
        in.add(rec("r2", "QQQ", "buy", 0.9, 50.0, at("10:00:40")));
        in.add(bar("SPY", at("10:01:00"), 100.05, 100.2, 99.95, 100.1, 0.5));
        in.add(bar("SPY", at("10:02:00"), 101.5, 102.1, 101.4, 102.0, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:02:30"))); // a repeat after restore
        in.add(bar("SPY", at("10:03:00"), 102.2, 102.3, 102.0, 102.1, 0.5));
        in.add(bar("QQQ", at("15:01:00"), 49.0, 49.5, 48.8, 49.2, 0.3));
        List<AccountOutput> whole = streaming(INTRADAY, in);
        for (int split = 1; split < in.size(); split++) {
            assertThat(EngineFixtures.restoredMidway(INTRADAY, in, split))
                    .as("restored after %d inputs", split).isEqualTo(whole);
            assertThat(EngineFixtures.restoredMidway(INTRADAY, in, split, 1))
                    .as("restored after %d inputs, the cache emptied at every record", split)
                    .isEqualTo(whole);
        }
        assertThat(decisions(whole)).hasSize(2);
    }
}
