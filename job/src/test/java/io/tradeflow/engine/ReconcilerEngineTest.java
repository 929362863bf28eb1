package io.tradeflow.engine;

import static io.tradeflow.engine.AccountEngineTest.positions;
import static io.tradeflow.engine.BrokerFillsEngineTest.ORDER;
import static io.tradeflow.engine.BrokerFillsEngineTest.day;
import static io.tradeflow.engine.BrokerFillsEngineTest.fill;
import static io.tradeflow.engine.BrokerFillsEngineTest.run;
import static io.tradeflow.engine.EngineFixtures.ACCOUNT;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.rec;
import static io.tradeflow.engine.RiskRulebookEngineTest.control;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.BrokerPositions;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Notification;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.event.Reconciliation;
import io.tradeflow.rules.reconcile.ReconcileCheck;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * R-REC-2 in the account engine, for a live account: each broker snapshot is compared with the
 * book at its time and recorded; a break (a quantity that differs, cash beyond the tolerance)
 * pauses entries (R-CB-5) with a notification; {@code reconcile accept} adopts the broker's
 * state, audited, and ends the pause. BATCH equals STREAMING in every case ({@code run}).
 */
class ReconcilerEngineTest {
    /** The account's cash: 100 000 at the start. */
    static final BigDecimal START = new BigDecimal("100000");
    /** After the 48 SPY at 100 of r1 with 0.50 commission per fill, in two fills. */
    static final BigDecimal AFTER_R1 = START.subtract(new BigDecimal("4801.00"));

    static AccountInput snapshot(String id, String cash, long ts,
            BrokerPositions.Holding... held) {
        return AccountInput.of(ACCOUNT, new BrokerPositions(id, ACCOUNT, ts, new BigDecimal(cash),
                List.of(held)));
    }

    static BrokerPositions.Holding held(String ticker, long quantity, double average) {
        return new BrokerPositions.Holding(ticker, quantity, average);
    }

    /** r1 filled in full by the broker (20 + 28 SPY at 100) before 10:01. */
    static List<AccountInput> filledDay() {
        List<AccountInput> in = day();
        in.add(fill(ORDER, "x-1", "SPY", "buy", 20, at("10:00:40")));
        in.add(fill(ORDER, "x-2", "SPY", "buy", 28, at("10:00:50")));
        return in;
    }

    static List<Reconciliation> reconciliations(List<AccountOutput> out) {
        return out.stream().filter(o -> o.reconciliation() != null)
                .map(AccountOutput::reconciliation).toList();
    }

    static List<ConfigAudit> audits(List<AccountOutput> out) {
        return out.stream().filter(o -> o.audit() != null).map(AccountOutput::audit).toList();
    }

    @Test
    @DisplayName("R-REC-2: a snapshot equal to the book at start and after fills is recorded matched")
    void matchesAtStartAndAfterFills() throws Exception {
        List<AccountInput> in = filledDay();
        in.add(snapshot("s0", "100000.00", at("09:30:00")));
        // the snapshot at a fill's own time already holds it: fills come first at equal times
        in.add(snapshot("s1", AFTER_R1.toPlainString(), at("10:00:50"), held("SPY", 48, 100.0)));
        var r = run(in);
        assertThat(reconciliations(r.out())).extracting(Reconciliation::snapshotId,
                Reconciliation::status, Reconciliation::differences)
                .containsExactly(tuple("s0",
                        Reconciliation.MATCHED, "[]"),
                        tuple("s1", Reconciliation.MATCHED, "[]"));
        assertThat(reconciliations(r.out()).get(1).bookPositions()).isEqualTo("{\"SPY\":48}");
        assertThat(r.breakers()).isEmpty();
        assertThat(r.decisionOf("r2").decision()).isEqualTo(Decision.ACT);
    }

    @Test
    @DisplayName("R-REC-2: a quantity that differs pauses entries, with the row and a notification")
    void quantityBreakPauses() throws Exception {
        List<AccountInput> in = filledDay();
        in.add(snapshot("s1", AFTER_R1.toPlainString(), at("10:01:00"), held("SPY", 40, 100.0)));
        var r = run(in);
        Reconciliation rec = reconciliations(r.out()).get(0);
        assertThat(rec.status()).isEqualTo(Reconciliation.MISMATCH);
        assertThat(rec.differences()).isEqualTo("[{\"ticker\":\"SPY\",\"book\":48,\"broker\":40}]");
        assertThat(rec.bookPositions()).isEqualTo("{\"SPY\":48}");
        assertThat(rec.brokerPositions()).isEqualTo("{\"SPY\":40}");
        assertThat(rec.cashDifference()).isEqualByComparingTo("0");
        assertThat(r.breakers()).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BreakerEvent.MANUAL);
            assertThat(b.reason()).isEqualTo(ReconcileCheck.RULE);
        });
        assertThat(r.notifications()).filteredOn(n -> n.kind().equals("reconciliation"))
                .singleElement().extracting(Notification::message).asString()
                .contains("R-REC-2", "SPY book 48 broker 40");
        Decision later = r.decisionOf("r2");
        assertThat(later.decision()).isEqualTo(Decision.SKIP);
        assertThat(later.reason()).isEqualTo("R-CB-5");
        assertThat(later.trace()).contains("paused by R-REC-2");
        // the book is not changed by a break: only an accept adopts the broker's view
        assertThat(positions(r.out()).get(positions(r.out()).size() - 1).quantity()).isEqualTo(48);
    }

    @Test
    @DisplayName("R-REC-2: cash within reconcile-tolerance matches, beyond it is a break")
    void cashTolerance() throws Exception {
        List<AccountInput> within = filledDay();
        within.add(snapshot("s1", AFTER_R1.add(new BigDecimal("1.00")).toPlainString(),
                at("10:01:00"), held("SPY", 48, 100.0)));
        assertThat(reconciliations(run(within).out())).extracting(Reconciliation::status)
                .containsExactly(Reconciliation.MATCHED);
        List<AccountInput> beyond = filledDay();
        beyond.add(snapshot("s1", AFTER_R1.subtract(new BigDecimal("1.01")).toPlainString(),
                at("10:01:00"), held("SPY", 48, 100.0)));
        var r = run(beyond);
        assertThat(reconciliations(r.out())).singleElement().satisfies(rec -> {
            assertThat(rec.status()).isEqualTo(Reconciliation.MISMATCH);
            assertThat(rec.cashDifference()).isEqualByComparingTo("-1.01");
            assertThat(rec.tolerance()).isEqualTo(1.0);
        });
        assertThat(r.decisionOf("r2").reason()).isEqualTo("R-CB-5");
    }

    @Test
    @DisplayName("R-REC-2: accept adopts the broker's quantities and cash, audited, and resumes")
    void acceptAdoptsAndResumes() throws Exception {
        List<AccountInput> in = new ArrayList<>(filledDay());
        in.removeIf(i -> i.recommendation() != null && i.recommendation().id().equals("r2"));
        in.add(snapshot("s1", "95000.00", at("10:01:00"), held("SPY", 40, 100.0),
                held("IWM", -5, 200.0)));
        in.add(control("c1", "reconcile", Map.of("accept", "true"), at("10:02:00")));
        in.add(snapshot("s2", "95000.00", at("10:03:00"), held("SPY", 40, 100.0),
                held("IWM", -5, 200.0)));
        in.add(rec("r3", "QQQ", "buy", 0.78, 100.0, at("10:04:00")));
        var r = run(in);
        assertThat(reconciliations(r.out())).extracting(Reconciliation::status).containsExactly(
                Reconciliation.MISMATCH, Reconciliation.ACCEPTED, Reconciliation.MATCHED);
        Reconciliation accepted = reconciliations(r.out()).get(1);
        assertThat(accepted.issuedBy()).isEqualTo("ops");
        assertThat(accepted.bookPositions()).isEqualTo("{\"SPY\":48}");
        assertThat(audits(r.out())).singleElement().satisfies(a -> {
            assertThat(a.command()).isEqualTo("reconcile");
            assertThat(a.status()).isEqualTo(ConfigAudit.ACCEPTED);
            assertThat(a.previousValue()).contains("95199.0000", "SPY=48");
            assertThat(a.newValue()).contains("95000.0000", "IWM=-5", "SPY=40");
            assertThat(a.reason()).contains("R-REC-2", "s1");
        });
        List<PositionEvent> adopted = positions(r.out()).stream()
                .filter(p -> ReconcileCheck.RULE.equals(p.reason())).toList();
        assertThat(adopted).extracting(PositionEvent::ticker, PositionEvent::side,
                PositionEvent::quantity, PositionEvent::entryPrice).containsExactlyInAnyOrder(
                        tuple("SPY", "long", 40L, 100.0),
                        tuple("IWM", "short", 5L, 200.0));
        PositionEvent iwm = adopted.stream().filter(p -> p.ticker().equals("IWM")).findFirst()
                .orElseThrow();
        assertThat(iwm.stopPrice()).as("a short's stop above its entry").isGreaterThan(200.0);
        assertThat(r.breakers()).extracting(BreakerEvent::status)
                .containsExactly(BreakerEvent.TRIPPED, BreakerEvent.RESOLVED);
        assertThat(r.decisionOf("r3").decision()).isEqualTo(Decision.ACT);
    }

    @Test
    @DisplayName("R-REC-2: accept closes a position the broker does not hold, at its mark")
    void acceptClosesWhatTheBrokerDoesNotHold() throws Exception {
        List<AccountInput> in = filledDay();
        in.add(snapshot("s1", "100000.00", at("10:01:00")));
        in.add(control("c1", "reconcile", Map.of("accept", "true"), at("10:02:00")));
        var r = run(in);
        PositionEvent last = positions(r.out()).get(positions(r.out()).size() - 1);
        assertThat(last.status()).isEqualTo(PositionEvent.CLOSED);
        assertThat(last.reason()).isEqualTo(ReconcileCheck.RULE);
        assertThat(last.quantity()).isZero();
        assertThat(last.exitPrice()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("R-REC-2: accept is refused without a snapshot, without a difference, or without "
            + "accept; a pause by control stays")
    void acceptRefusals() throws Exception {
        List<AccountInput> none = filledDay();
        none.add(control("c1", "reconcile", Map.of("accept", "true"), at("10:01:00")));
        assertThat(audits(run(none).out())).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ConfigAudit.REJECTED);
            assertThat(a.reason()).contains("no broker snapshot");
        });
        List<AccountInput> equal = filledDay();
        equal.add(snapshot("s1", AFTER_R1.toPlainString(), at("10:01:00"),
                held("SPY", 48, 100.0)));
        equal.add(control("c1", "reconcile", Map.of("accept", "true"), at("10:01:30")));
        equal.add(control("c2", "reconcile", Map.of(), at("10:01:40")));
        assertThat(audits(run(equal).out())).extracting(ConfigAudit::status, ConfigAudit::reason)
                .containsExactly(
                        tuple(ConfigAudit.REJECTED,
                                "book equals broker snapshot s1: nothing to adopt"),
                        tuple(ConfigAudit.REJECTED,
                                "reconcile needs args {accept: true}"));
        // paused by an operator, then a break adopted: the operator's pause stays
        List<AccountInput> paused = filledDay();
        paused.add(control("c0", "pause", Map.of(), at("10:00:55")));
        paused.add(snapshot("s1", AFTER_R1.subtract(BigDecimal.TEN).toPlainString(),
                at("10:01:00"), held("SPY", 48, 100.0)));
        paused.add(control("c1", "reconcile", Map.of("accept", "true"), at("10:02:00")));
        var r = run(paused);
        assertThat(reconciliations(r.out())).extracting(Reconciliation::status)
                .containsExactly(Reconciliation.MISMATCH, Reconciliation.ACCEPTED);
        assertThat(r.breakers()).extracting(BreakerEvent::status)
                .containsExactly(BreakerEvent.TRIPPED);
        assertThat(r.decisionOf("r2").reason()).isEqualTo("R-CB-5");
    }
}
