package io.tradeflow.engine;

import static io.tradeflow.engine.AccountEngineTest.decisions;
import static io.tradeflow.engine.AccountEngineTest.fills;
import static io.tradeflow.engine.AccountEngineTest.positions;
import static io.tradeflow.engine.EngineFixtures.ACCOUNT;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static io.tradeflow.engine.EngineFixtures.harness;
import static io.tradeflow.engine.EngineFixtures.rec;
import static io.tradeflow.engine.EngineFixtures.settings;
import static io.tradeflow.engine.RiskRulebookEngineTest.control;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Fill;
import io.tradeflow.event.Notification;
import io.tradeflow.event.Order;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.fills.FillCheck;
import io.tradeflow.rules.orders.OrderIds;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * R-FILL-1 in the account engine, for a live account (its positions move only with the broker's
 * fills): each execution id is applied once; a fill for an unknown order, on another side or
 * ticker than its order, or beyond what is open of it is a dead letter that pauses entries
 * (R-CB-5) with a notification; a late fill is applied. Runs in STREAMING and BATCH, which agree.
 */
class BrokerFillsEngineTest {
    static final EngineSettings LIVE =
            settings(AccountConfig.INTRADAY, new BrokerParams(0, 0), AccountConfig.LIVE);
    /** The entry order of r1 (48 SPY at 100, placed at 10:00:30). */
    static final String ORDER = OrderIds.entryOrderId(
            OrderIds.decisionId(ACCOUNT, "r1", at("10:00:30")));

    /** Holds a run's outputs and the fills it did not apply. */
    record Run(List<AccountOutput> out, List<RejectedFill> rejected) {
        List<String> reasons() {
            return rejected.stream().map(RejectedFill::reason).toList();
        }

        List<BreakerEvent> breakers() {
            return out.stream().filter(o -> o.breaker() != null).map(AccountOutput::breaker)
                    .toList();
        }

        List<Notification> notifications() {
            return out.stream().filter(o -> o.notification() != null)
                    .map(AccountOutput::notification).toList();
        }

        Decision decisionOf(String recommendationId) {
            return decisions(out).stream()
                    .filter(d -> d.recommendationId().equals(recommendationId)).findFirst()
                    .orElseThrow();
        }

        long heldQuantity() {
            List<PositionEvent> ps = positions(out);
            return ps.isEmpty() ? 0 : ps.get(ps.size() - 1).quantity();
        }
    }

    /** SPY and QQQ bars at 10:00, r1 (buy SPY) at 10:00:30, r2 (buy QQQ) at 10:05. */
    static List<AccountInput> day() {
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100.1, 100.2, 99.9, 100.0, 0.5));
        in.add(bar("QQQ", at("10:00:00"), 100.1, 100.2, 99.9, 100.0, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.78, 100.0, at("10:00:30")));
        in.add(rec("r2", "QQQ", "buy", 0.78, 100.0, at("10:05:00")));
        return in;
    }

    static AccountInput fill(String clientOrderId, String executionId, String ticker,
            String side, long quantity, long ts) {
        return AccountInput.of(ACCOUNT, Fill.of(clientOrderId, executionId, ACCOUNT, ticker,
                side, quantity, 100.0, 0.5, ts));
    }

    /**
     * Runs STREAMING (in time order, a watermark just behind each input: nothing is late) and
     * BATCH; asserts they agree.
     */
    static Run run(List<AccountInput> inputs) throws Exception {
        List<AccountInput> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparingLong(AccountInput::ts));
        Run streamed = EngineFixtures.streaming(LIVE, sorted, BrokerFillsEngineTest::collect);
        assertThat(EngineFixtures.batch(LIVE, inputs, BrokerFillsEngineTest::collect))
                .as("BATCH equals STREAMING").isEqualTo(streamed);
        return streamed;
    }

    static Run collect(
            KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> h) {
        List<RejectedFill> rejected = new ArrayList<>();
        Queue<StreamRecord<RejectedFill>> side = h.getSideOutput(AccountEngine.REJECTED_FILLS);
        if (side != null) {
            side.forEach(r -> rejected.add(r.getValue()));
        }
        return new Run(new ArrayList<>(h.extractOutputValues()), rejected);
    }

    /** Asserts the fill was a dead letter that paused entries, with a notification. */
    static void assertPausedFor(Run r, String reason) {
        assertThat(r.reasons()).containsExactly(reason);
        assertThat(r.rejected().get(0).detail()).startsWith("R-FILL-1: ");
        assertThat(r.breakers()).filteredOn(b -> b.status().equals(BreakerEvent.TRIPPED))
                .singleElement().satisfies(b -> {
                    assertThat(b.type()).isEqualTo(BreakerEvent.MANUAL);
                    assertThat(b.reason()).isEqualTo(FillCheck.RULE);
                });
        assertThat(r.notifications()).extracting(Notification::kind)
                .contains("breaker_tripped", "fill_rejected");
        assertThat(r.notifications()).filteredOn(n -> n.kind().equals("fill_rejected"))
                .singleElement().satisfies(n -> assertThat(n.message()).contains(reason));
        Decision later = r.decisionOf("r2");
        assertThat(later.decision()).isEqualTo(Decision.SKIP);
        assertThat(later.reason()).isEqualTo("R-CB-5");
        assertThat(later.trace()).contains("paused by R-FILL-1");
    }

    @Test
    @DisplayName("R-FILL-1: the broker's fills move a live account's position, each execution once")
    void appliesEachExecutionIdOnce() throws Exception {
        List<AccountInput> in = day();
        in.add(fill(ORDER, "x-1", "SPY", "buy", 20, at("10:00:40")));
        in.add(fill(ORDER, "x-1", "SPY", "buy", 20, at("10:00:45")));
        in.add(fill(ORDER, "x-2", "SPY", "buy", 28, at("10:00:50")));
        in.add(fill(ORDER, "x-2", "SPY", "buy", 28, at("10:00:55"))); // order complete by now
        Run r = run(in);
        assertThat(AccountEngineTest.orders(r.out())).extracting(Order::clientOrderId)
                .contains(ORDER);
        assertThat(fills(r.out())).extracting(Fill::executionId).containsExactly("x-1", "x-2");
        assertThat(fills(r.out())).extracting(Fill::lateMs).containsOnly(0L);
        assertThat(r.reasons()).containsExactly(FillCheck.DUPLICATE, FillCheck.DUPLICATE);
        assertThat(r.heldQuantity()).isEqualTo(48);
        // a repeat is what an at-least-once gateway does: dropped, entries go on
        assertThat(r.breakers()).isEmpty();
        assertThat(r.decisionOf("r2").decision()).isEqualTo(Decision.ACT);
    }

    @ParameterizedTest(name = "{0} {1} for a buy of SPY")
    @CsvSource({"sell, SPY", "buy, QQQ"})
    @DisplayName("R-FILL-1: a fill on another side or ticker than its order pauses the account")
    void mismatchPauses(String side, String ticker) throws Exception {
        List<AccountInput> in = day();
        in.add(fill(ORDER, "x-1", ticker, side, 10, at("10:00:40")));
        Run r = run(in);
        assertPausedFor(r, FillCheck.MISMATCH);
        assertThat(fills(r.out())).isEmpty();
        assertThat(positions(r.out())).isEmpty();
    }

    @Test
    @DisplayName("R-FILL-1: a fill beyond what is open of its order pauses the account")
    void overfillPauses() throws Exception {
        List<AccountInput> in = day();
        in.add(fill(ORDER, "x-1", "SPY", "buy", 30, at("10:00:40")));
        in.add(fill(ORDER, "x-2", "SPY", "buy", 30, at("10:00:45")));
        Run r = run(in);
        assertPausedFor(r, FillCheck.OVERFILL);
        assertThat(r.rejected().get(0).detail()).contains("18 still open of 48");
        assertThat(fills(r.out())).extracting(Fill::executionId).containsExactly("x-1");
        assertThat(r.heldQuantity()).isEqualTo(30);
    }

    @Test
    @DisplayName("R-FILL-1: a fill for an unknown order pauses the account until resumed (R-CB-5)")
    void unknownOrderPausesUntilResumed() throws Exception {
        List<AccountInput> in = day();
        in.add(fill("e-no-such-order", "x-1", "SPY", "buy", 10, at("10:00:40")));
        in.add(control("c1", "resume", Map.of(), at("10:06:00")));
        in.add(rec("r3", "QQQ", "buy", 0.78, 100.0, at("10:07:00")));
        Run r = run(in);
        assertPausedFor(r, FillCheck.UNKNOWN_ORDER);
        assertThat(positions(r.out())).isEmpty();
        assertThat(r.breakers()).extracting(BreakerEvent::status)
                .containsExactly(BreakerEvent.TRIPPED, BreakerEvent.RESOLVED);
        assertThat(r.decisionOf("r3").decision()).isEqualTo(Decision.ACT);
    }

    @Test
    @DisplayName("R-FILL-1: the applied execution ids survive a restore from a checkpoint")
    void executionIdsAreCheckpointed() throws Exception {
        List<AccountInput> in = day().subList(0, 3);
        in = new ArrayList<>(in);
        in.add(fill(ORDER, "x-1", "SPY", "buy", 20, at("10:00:40")));
        in.add(fill(ORDER, "x-1", "SPY", "buy", 20, at("10:00:45")));
        List<AccountOutput> out = EngineFixtures.restoredMidway(LIVE, in, 4);
        assertThat(fills(out)).extracting(Fill::executionId).containsExactly("x-1");
        assertThat(positions(out).get(positions(out).size() - 1).quantity()).isEqualTo(20);
    }

    @Test
    @DisplayName("R-FILL-1: an execution id is forgotten 7 days after its order completed")
    void executionIdsAreForgottenAfterTheRetention() throws Exception {
        List<AccountInput> in = new ArrayList<>(day().subList(0, 3));
        in.add(fill(ORDER, "x-1", "SPY", "buy", 48, at("10:00:40")));
        long later = at("10:00:40") + BrokerFills.RETENTION.toMillis();
        in.add(fill(ORDER, "x-1", "SPY", "buy", 48, later - 1));
        in.add(fill(ORDER, "x-1", "SPY", "buy", 48, later + 1));
        Run r = run(in);
        assertThat(fills(r.out())).extracting(Fill::executionId).containsExactly("x-1");
        // within the retention a repeat; after it, its order is long complete: unknown
        assertThat(r.reasons()).containsExactly(FillCheck.DUPLICATE, FillCheck.UNKNOWN_ORDER);
    }

    @Test
    @DisplayName("R-FILL-1: a fill behind the watermark is a fact: applied, with its lateness")
    void lateFillIsApplied() throws Exception {
        List<AccountInput> in = day();
        try (var h = harness(LIVE, false, false)) {
            h.open();
            for (AccountInput i : in.subList(0, 3)) {
                h.processElement(i, i.ts());
            }
            long watermark = at("10:00:50");
            h.processWatermark(watermark);
            AccountInput late = fill(ORDER, "x-1", "SPY", "buy", 48, at("10:00:40"));
            h.processElement(late, late.ts());
            AccountInput repeat = fill(ORDER, "x-1", "SPY", "buy", 48, at("10:00:41"));
            h.processElement(repeat, repeat.ts());
            h.processWatermark(Long.MAX_VALUE);
            Run r = collect(h);
            assertThat(h.getSideOutput(new AccountEngine(LIVE, false).lateEvents())).isNull();
            assertThat(fills(r.out())).singleElement().satisfies(f -> {
                assertThat(f.ts()).isEqualTo(at("10:00:40"));
                assertThat(f.lateMs()).isEqualTo(10_000);
            });
            assertThat(r.heldQuantity()).isEqualTo(48);
            assertThat(positions(r.out()).get(0).openedTs()).isEqualTo(watermark);
            assertThat(r.reasons()).containsExactly(FillCheck.DUPLICATE);
            assertThat(r.breakers()).isEmpty();
        }
    }
}
