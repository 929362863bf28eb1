package io.tradeflow.engine;

import static io.tradeflow.engine.AccountEngineTest.decisions;
import static io.tradeflow.engine.AccountEngineTest.orders;
import static io.tradeflow.engine.BrokerFillsEngineTest.LIVE;
import static io.tradeflow.engine.BrokerFillsEngineTest.ORDER;
import static io.tradeflow.engine.BrokerFillsEngineTest.day;
import static io.tradeflow.engine.BrokerFillsEngineTest.fill;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.ordering.CachedStateOperator;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.watchdog.StallWatch;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The live watchdog in the account engine (market-data outage): on the wall clock (the harness's
 * processing time), an account whose event time stalls more than {@code stall-alert-after} in
 * market hours raises one alert per stall; a stall that spans 15:00 flattens the intraday
 * positions with a decision whose trace names the stall (R-WIN-2 by the wall clock). A replay
 * of history (event time far behind the wall clock from the start) is never judged.
 */
class WatchdogEngineTest {
    static final Duration LIMIT = Duration.ofMinutes(2);
    static final long SECOND = 1_000;

    /** r1's 48 SPY filled at 10:00:40, then bars to 10:02: the market data stops after that. */
    static List<AccountInput> morning() {
        List<AccountInput> in = day();
        in.removeIf(i -> i.recommendation() != null && i.recommendation().id().equals("r2"));
        in.add(fill(ORDER, "x-1", "SPY", "buy", 48, at("10:00:40")));
        in.add(bar("SPY", at("10:01:00"), 100.1, 100.3, 100.0, 100.2, 0.5));
        in.add(bar("SPY", at("10:02:00"), 100.2, 100.4, 100.1, 100.3, 0.5));
        in.sort(Comparator.comparingLong(AccountInput::ts));
        return in;
    }

    /** A live run: each input arrives {@code lagMs} of wall clock after its event time. */
    static KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> live(
            EngineSettings settings, List<AccountInput> inputs, long lagMs) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AccountEngine(settings, false, LIMIT)),
                AccountInput::account, Types.STRING);
        h.open();
        for (AccountInput in : inputs) {
            h.setProcessingTime(in.ts() + lagMs);
            h.processElement(in, in.ts());
            h.processWatermark(in.ts() - 1);
        }
        return h;
    }

    static List<Notification> stalls(List<AccountOutput> out) {
        return out.stream().filter(o -> o.notification() != null).map(AccountOutput::notification)
                .filter(n -> n.kind().equals(StallWatch.ALERT)).toList();
    }

    @Test
    @DisplayName("a stall in market hours alerts once, after stall-alert-after of wall clock")
    void alertsOncePerStall() throws Exception {
        try (var h = live(LIVE, morning(), 5 * SECOND)) {
            h.setProcessingTime(at("10:03:30"));
            assertThat(stalls(values(h))).as("91 s behind: within the limit").isEmpty();
            h.setProcessingTime(at("10:04:30"));
            assertThat(stalls(values(h))).singleElement().satisfies(n -> {
                assertThat(n.message()).contains("market data stalled", "10:01:59",
                        "input.stall-alert-after PT2M");
            });
            h.setProcessingTime(at("11:30:00"));
            assertThat(stalls(values(h))).as("one alert per stall").hasSize(1);
            assertThat(orders(values(h))).extracting(Order::type).doesNotContain(Order.MARKET);
        }
    }

    @Test
    @DisplayName("R-WIN-2 by the wall clock: a stall that spans 15:00 flattens, the trace names "
            + "the stall, and the event-time force exit finds nothing left to do")
    void flattensAtTheForceExit() throws Exception {
        try (var h = live(LIVE, morning(), 5 * SECOND)) {
            h.setProcessingTime(at("14:59:30"));
            assertThat(decisions(values(h))).extracting(Decision::reason)
                    .doesNotContain("R-WIN-2");
            h.setProcessingTime(at("15:00:30"));
            List<Decision> exits = decisions(values(h)).stream()
                    .filter(d -> "R-WIN-2".equals(d.reason())).toList();
            assertThat(exits).singleElement().satisfies(d -> {
                assertThat(d.ticker()).isEqualTo("SPY");
                assertThat(d.action()).isEqualTo("sell");
                assertThat(d.quantity()).isEqualTo(48);
                assertThat(d.trace()).contains("\"reason\":\"market_data_stall\"",
                        "\"event_time\":\"2025-03-12T10:01:59", "\"stall_alert_after\":\"PT2M\"",
                        "\"wall_clock\":\"2025-03-12T15:00");
            });
            List<Order> market = orders(values(h)).stream()
                    .filter(o -> o.type().equals(Order.MARKET)).toList();
            assertThat(market).singleElement().satisfies(o -> {
                assertThat(o.reason()).isEqualTo("R-WIN-2:stall");
                assertThat(o.quantity()).isEqualTo(48);
                assertThat(o.decisionId()).isEqualTo(exits.get(0).id());
            });
            // the data comes back after 15:00: the event-time force exit sends nothing more
            h.setProcessingTime(at("15:10:00"));
            h.processElement(bar("SPY", at("15:10:00"), 100, 100, 100, 100, 0.5), at("15:10:00"));
            h.processWatermark(Long.MAX_VALUE);
            assertThat(orders(values(h)).stream().filter(o -> o.type().equals(Order.MARKET)))
                    .hasSize(1);
        }
    }

    @Test
    @DisplayName("a replay of history is never judged: event time never came near the wall clock")
    void replaysAreNotWatched() throws Exception {
        long aYearLater = 365L * 24 * 3600 * SECOND;
        try (var h = live(LIVE, morning(), aYearLater)) {
            h.setProcessingTime(at("15:00:30") + aYearLater);
            h.setProcessingTime(at("15:30:00") + aYearLater);
            assertThat(stalls(values(h))).isEmpty();
            assertThat(decisions(values(h))).extracting(Decision::reason)
                    .doesNotContain("R-WIN-2");
        }
    }

    @Test
    @DisplayName("a swing account holds overnight: a stall alerts, nothing is flattened")
    void swingIsNotFlattened() throws Exception {
        EngineSettings swing = EngineFixtures.settings(AccountConfig.SWING, new BrokerParams(0, 0),
                AccountConfig.LIVE);
        try (var h = live(swing, morning(), 5 * SECOND)) {
            h.setProcessingTime(at("15:30:00"));
            assertThat(stalls(values(h))).hasSize(1);
            assertThat(orders(values(h))).extracting(Order::type).doesNotContain(Order.MARKET);
        }
    }

    @Test
    @DisplayName("a restore from a checkpoint that kept its timers in RocksDB arms the watchdog "
            + "again (timers on the heap since): the stall still alerts")
    void watchdogSurvivesTheTimerStoreMove() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = rocksDb(EngineFixtures.rocksDb(false))) {
            h.open();
            for (AccountInput in : morning()) {
                h.setProcessingTime(in.ts() + 5 * SECOND);
                h.processElement(in, in.ts());
                h.processWatermark(in.ts() - 1);
            }
            snapshot = h.snapshot(1L, at("10:02:10"));
        }
        try (var h = rocksDb(EngineFixtures.rocksDb(true))) {
            h.setProcessingTime(at("10:02:10"));
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(at("10:02:00") - 1); // the sources' again, after the restore
            h.setProcessingTime(at("10:04:30"));
            assertThat(stalls(values(h))).hasSize(1);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput>
            rocksDb(EmbeddedRocksDBStateBackend backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new CachedStateOperator<>(new AccountEngine(LIVE, false, LIMIT)),
                AccountInput::account, Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    private static List<AccountOutput> values(
            KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> h) {
        return new ArrayList<>(h.extractOutputValues());
    }
}
