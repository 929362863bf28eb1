package io.tradeflow.engine;

import static io.tradeflow.engine.AccountEngineTest.decisions;
import static io.tradeflow.engine.AccountEngineTest.orders;
import static io.tradeflow.engine.AccountEngineTest.run;
import static io.tradeflow.engine.EngineFixtures.ACCOUNT;
import static io.tradeflow.engine.EngineFixtures.DAY;
import static io.tradeflow.engine.EngineFixtures.at;
import static io.tradeflow.engine.EngineFixtures.bar;
import static io.tradeflow.engine.EngineFixtures.rec;
import static io.tradeflow.engine.EngineFixtures.restoredMidway;
import static io.tradeflow.engine.EngineFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.CalendarEvent;
import io.tradeflow.event.ConfigAudit;
import io.tradeflow.event.ControlCommand;
import io.tradeflow.event.Decision;
import io.tradeflow.event.Notification;
import io.tradeflow.event.ReserveEntry;
import io.tradeflow.event.TierChange;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.calendar.MarketTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Engine scenarios of the risk rulebook: breakers, control commands, the pool, tiers, calendars. */
class RiskRulebookEngineTest {
    static final LocalDate NEXT = LocalDate.of(2025, 3, 13);

    /** Returns the settings of one account of the profile with rule keys overridden. */
    static EngineSettings with(String profile, String... keyValues) {
        EngineSettings base = settings(profile, new BrokerParams(0, 0));
        AccountConfig a = base.accounts().get(0);
        RuleParams r = a.rules();
        for (int i = 0; i < keyValues.length; i += 2) {
            r = RuleKeys.set(r, keyValues[i], keyValues[i + 1]);
        }
        AccountConfig changed = new AccountConfig(a.id(), a.profile(), a.mode(), a.cash(), a.tier(),
                a.universe(), r);
        return new EngineSettings(List.of(changed), base.tiers(), base.broker(), base.indicators(),
                base.signals(), base.sectors());
    }

    static AccountInput control(String id, String command, Map<String, String> args, long ts) {
        return AccountInput.of(ACCOUNT, new ControlCommand(id, ACCOUNT, command, args, "ops", ts,
                "sig"));
    }

    static AccountInput calendar(LocalDate date, String kind, String ticker, long ts) {
        return AccountInput.of(ACCOUNT, new CalendarEvent(date.toString(), kind, ticker, null, ts));
    }

    static <T> List<T> of(List<AccountOutput> out, Class<T> type) {
        List<T> list = new ArrayList<>();
        for (AccountOutput o : out) {
            for (Object v : new Object[] {o.decision(), o.order(), o.fill(), o.position(),
                    o.breaker(), o.tierChange(), o.reserve(), o.audit(), o.notification(),
                    o.stopLevel(), o.snapshot()}) {
                if (type.isInstance(v)) {
                    list.add(type.cast(v));
                }
            }
        }
        return list;
    }

    static Decision decision(List<AccountOutput> out, String recId) {
        return decisions(out).stream().filter(d -> d.recommendationId().equals(recId)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + recId));
    }

    /**
     * Day 1: a 40-share SPY position at 100 falls to 94 at 10:00 — 240 lost, 0.24 % of the
     * account, beyond a 0.2 % daily limit while the position itself is down only 6 %.
     */
    static List<AccountInput> dailyLossDay() {
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("09:50:00"), 100, 100, 100, 100, null));
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at("09:50:30")));
        in.add(bar("SPY", at("09:51:00"), 100, 100.5, 99.8, 100, null));
        in.add(bar("SPY", at("10:00:00"), 96, 96, 93.9, 94, null));
        in.add(bar("QQQ", at("10:30:00"), 50, 50, 50, 50, null));
        in.add(rec("r2", "QQQ", "buy", 0.9, 50.0, at("10:30:30")));
        in.add(bar("SPY", at("15:01:00"), 94, 94, 94, 94, null)); // fills the 15:00 force exit
        in.add(bar("QQQ", at(NEXT, "09:50:00"), 50, 50, 50, 50, null));
        in.add(rec("r3", "QQQ", "buy", 0.9, 50.0, at(NEXT, "09:50:30")));
        return in;
    }

    @Test
    @DisplayName("R-CB-1, R-CB-4: the daily-loss breaker trips at a known bar, skips the rest of the"
            + " day with R-CB-1 and ends at the next trading day")
    void dailyLossBreaker() throws Exception {
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY, "daily-loss-pct", "0.002"),
                dailyLossDay());

        assertThat(decision(out, "r1").decision()).isEqualTo(Decision.ACT);
        assertThat(decision(out, "r1").quantity()).isEqualTo(40); // R-SIZE-8: 1 % risk / 25 stop
        List<BreakerEvent> breakers = of(out, BreakerEvent.class);
        assertThat(breakers).extracting(BreakerEvent::type, BreakerEvent::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BreakerEvent.DAILY_LOSS, BreakerEvent.TRIPPED),
                        org.assertj.core.groups.Tuple.tuple(BreakerEvent.DAILY_LOSS, BreakerEvent.RESOLVED));
        BreakerEvent trip = breakers.get(0);
        assertThat(trip.trippedTs()).isEqualTo(at("10:00:00"));
        assertThat(trip.threshold()).isEqualTo(0.002);
        assertThat(trip.actual()).isCloseTo(0.0024, org.assertj.core.data.Offset.offset(1e-9));
        long nextDayStart = MarketTime.epochMillis(NEXT, LocalTime.MIDNIGHT);
        assertThat(trip.cooldownExpires()).isEqualTo(nextDayStart);
        assertThat(breakers.get(1).id()).isEqualTo(trip.id());
        assertThat(breakers.get(1).resolvedTs()).isEqualTo(nextDayStart);

        Decision skipped = decision(out, "r2");
        assertThat(skipped.decision()).isEqualTo(Decision.SKIP);
        assertThat(skipped.reason()).isEqualTo("R-CB-1");
        assertThat(skipped.trace()).contains("\"breakers\":[{\"type\":\"daily_loss\"");
        assertThat(decision(out, "r3").decision()).isEqualTo(Decision.ACT);
        assertThat(of(out, Notification.class)).extracting(Notification::kind)
                .contains("breaker_tripped", "breaker_resolved");
        // the gate's detail while it passes: each day's own start value (the text is kept while
        // the value stays the same)
        assertThat(decision(out, "r1").trace()).contains("{\"rule\":\"R-CB-1\",\"result\":"
                + "\"pass\",\"detail\":\"day start value 100000.00, limit 0.20%\"}");
        assertThat(decision(out, "r3").trace()).contains("{\"rule\":\"R-CB-1\",\"result\":"
                + "\"pass\",\"detail\":\"day start value 99760.00, limit 0.20%\"}");
    }

    @Test
    @DisplayName("R-RISK-1: a losing day downgrades the tier one step at the close, with its metrics")
    void tierControllerAtClose() throws Exception {
        List<AccountOutput> out = run(with(AccountConfig.INTRADAY, "daily-loss-pct", "0.002"),
                dailyLossDay());
        List<TierChange> changes = of(out, TierChange.class);
        assertThat(changes).hasSize(1);
        TierChange c = changes.get(0);
        assertThat(c.reason()).isEqualTo("R-RISK-1:downgrade");
        assertThat(c.fromTier()).isEqualTo("moderate");
        assertThat(c.toTier()).isEqualTo("conservative");
        assertThat(c.winRate()).isEqualTo(0.0);
        assertThat(c.ts()).isEqualTo(at("16:00:00") + 1);
        assertThat(decision(out, "r3").tier()).isEqualTo("conservative");
    }

    @Test
    @DisplayName("R-CB-1: the breaker survives a RocksDB restore in the middle of the halted day")
    void dailyLossAcrossRestore() throws Exception {
        EngineSettings s = with(AccountConfig.INTRADAY, "daily-loss-pct", "0.002");
        List<AccountInput> in = dailyLossDay();
        assertThat(restoredMidway(s, in, 4)).isEqualTo(EngineFixtures.streaming(s, in));
    }

    @Test
    @DisplayName("R-CB-5: pause and resume by control commands, every command audited")
    void pauseResumeAndSet() throws Exception {
        EngineSettings s = with(AccountConfig.INTRADAY);
        List<AccountInput> in = new ArrayList<>();
        in.add(control("c1", "pause", Map.of(), at("09:45:00")));
        in.add(bar("SPY", at("09:50:00"), 100, 100, 100, 100, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at("09:50:30")));
        in.add(control("c2", "resume", Map.of(), at("10:00:00")));
        in.add(rec("r2", "SPY", "buy", 0.9, 100.0, at("10:05:30")));
        in.add(bar("SPY", at("10:06:00"), 100, 100, 99.9, 100, 0.5)); // fills r2
        in.add(control("c3", "resume", Map.of(), at("10:10:00")));
        in.add(control("c4", "set", Map.of("key", "max-open-positions", "value", "1"),
                at("10:15:00")));
        in.add(bar("QQQ", at("10:20:00"), 50, 50, 50, 50, 0.5));
        in.add(rec("r3", "QQQ", "buy", 0.9, 50.0, at("10:20:30")));
        in.add(control("c5", "set", Map.of("key", "no-such-key", "value", "1"), at("10:25:00")));
        in.add(control("c6", "set-tier", Map.of("tier", "aggressive"), at("10:30:00")));
        in.add(control("c7", "set-tier", Map.of("tier", "reckless"), at("10:31:00")));
        List<AccountOutput> out = run(s, in);

        assertThat(decision(out, "r1").reason()).isEqualTo("R-CB-5");
        assertThat(decision(out, "r2").decision()).isEqualTo(Decision.ACT);
        assertThat(decision(out, "r3").reason()).isEqualTo("R-POS-1");
        List<ConfigAudit> audits = of(out, ConfigAudit.class);
        assertThat(audits).extracting(ConfigAudit::commandId, ConfigAudit::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c1", ConfigAudit.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("c2", ConfigAudit.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("c3", ConfigAudit.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("c4", ConfigAudit.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("c5", ConfigAudit.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("c6", ConfigAudit.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("c7", ConfigAudit.REJECTED));
        ConfigAudit set = audits.get(3);
        assertThat(set.key()).isEqualTo("max-open-positions");
        assertThat(set.previousValue()).isEqualTo("10");
        assertThat(set.newValue()).isEqualTo("1");
        assertThat(set.issuedBy()).isEqualTo("ops");
        assertThat(audits.get(4).reason()).contains("no-such-key");
        assertThat(audits.get(2).reason()).isEqualTo("not paused");
        List<BreakerEvent> manual = of(out, BreakerEvent.class);
        assertThat(manual).extracting(BreakerEvent::type, BreakerEvent::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BreakerEvent.MANUAL, BreakerEvent.TRIPPED),
                org.assertj.core.groups.Tuple.tuple(BreakerEvent.MANUAL, BreakerEvent.RESOLVED));
        assertThat(manual.get(1).resolvedTs()).isEqualTo(at("10:00:00"));
        assertThat(of(out, TierChange.class)).extracting(TierChange::reason, TierChange::toTier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("control", "aggressive"));
    }

    @Test
    @DisplayName("R-CB-5: set changes only the keys of control.settable; another is rejected, "
            + "audited and has no effect")
    void setOutsideTheAllowListIsRejectedAndAudited() throws Exception {
        EngineSettings base = with(AccountConfig.INTRADAY);
        EngineSettings s = new EngineSettings(base.accounts(), base.tiers(), base.broker(),
                base.indicators(), base.signals(), base.sectors(), List.of("daily-loss-pct"));
        List<AccountInput> in = new ArrayList<>();
        in.add(control("c1", "set", Map.of("key", "max-open-positions", "value", "0"),
                at("09:45:00")));
        in.add(control("c2", "set", Map.of("key", "daily-loss-pct", "value", "0.05"),
                at("09:46:00")));
        in.add(bar("SPY", at("09:50:00"), 100, 100, 100, 100, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at("09:50:30")));
        List<AccountOutput> out = run(s, in);

        List<ConfigAudit> audits = of(out, ConfigAudit.class);
        assertThat(audits).extracting(ConfigAudit::commandId, ConfigAudit::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c1", ConfigAudit.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("c2", ConfigAudit.ACCEPTED));
        assertThat(audits.get(0).key()).isEqualTo("max-open-positions");
        assertThat(audits.get(0).newValue()).isEqualTo("0");
        assertThat(audits.get(0).issuedBy()).isEqualTo("ops");
        assertThat(audits.get(0).reason()).contains("not settable live", "control.settable");
        // max-open-positions 0 would have denied the entry: the rejected set had no effect
        assertThat(decision(out, "r1").reason()).isNotEqualTo("R-POS-1");
    }

    @Test
    @DisplayName("R-POOL-1, R-POOL-4: a profitable close feeds the reserve; a drawdown beyond the"
            + " limit releases it and sets the tier conservative")
    void siphonThenEmergencyRelease() throws Exception {
        EngineSettings s = with(AccountConfig.SWING, "emergency-drawdown-pct", "0.001");
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100, 100, 100, 100, 1.0)); // stop 98, target 104
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at("10:00:30")));
        in.add(bar("SPY", at("10:01:00"), 100, 100.2, 99.9, 100.1, 1.0));
        in.add(bar("SPY", at("10:02:00"), 100.1, 104.5, 100.1, 104.2, 1.0)); // target crossed
        in.add(bar("SPY", at("10:03:00"), 104.2, 104.3, 104.1, 104.2, 1.0)); // exit fills
        in.add(bar("QQQ", at("10:10:00"), 50, 50, 50, 50, 2.0)); // stop 46
        in.add(rec("r2", "QQQ", "buy", 0.9, 50.0, at("10:10:30")));
        in.add(bar("QQQ", at("10:11:00"), 50, 50.1, 49.9, 50, 2.0));
        in.add(bar("QQQ", at("10:20:00"), 49.5, 49.5, 48.5, 48.6, 2.0));
        List<AccountOutput> out = run(s, in);

        List<ReserveEntry> ledger = of(out, ReserveEntry.class);
        assertThat(ledger).extracting(ReserveEntry::kind)
                .containsExactly(ReserveEntry.SIPHON, ReserveEntry.RELEASE);
        ReserveEntry siphon = ledger.get(0);
        assertThat(siphon.amount()).isEqualByComparingTo(
                siphon.profit().multiply(new BigDecimal("0.2")));
        assertThat(siphon.balanceAfter()).isEqualByComparingTo(siphon.amount());
        ReserveEntry release = ledger.get(1);
        assertThat(release.ts()).isEqualTo(at("10:20:00"));
        assertThat(release.amount()).isEqualByComparingTo(siphon.amount().negate());
        assertThat(release.balanceAfter()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(of(out, TierChange.class)).extracting(TierChange::reason, TierChange::toTier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("R-POOL-4", "conservative"));
        assertThat(of(out, Notification.class)).extracting(Notification::kind)
                .contains("emergency_release");
        // the second entry was sized on the active pool: portfolio value minus the reserve
        assertThat(decision(out, "r2").trace()).contains("\"reserve\":" + siphon.balanceAfter());
    }

    @Test
    @DisplayName("R-CAL-1, R-CAL-2: an FOMC afternoon blocks entries from 12:00; earnings the next"
            + " trading day reject")
    void eventDayAndEarnings() throws Exception {
        EngineSettings s = with(AccountConfig.INTRADAY);
        long dayStart = MarketTime.epochMillis(DAY, LocalTime.MIDNIGHT);
        List<AccountInput> in = new ArrayList<>();
        in.add(calendar(DAY, "fomc", null, dayStart));
        in.add(calendar(NEXT, "earnings", "QQQ", dayStart));
        in.add(bar("QQQ", at("11:00:00"), 50, 50, 50, 50, 0.5));
        in.add(rec("r2", "QQQ", "buy", 0.9, 50.0, at("11:00:30")));
        in.add(bar("SPY", at("11:59:00"), 100, 100, 100, 100, 0.5));
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at("11:59:00")));
        in.add(rec("r3", "QQQ", "buy", 0.9, 50.0, at("12:00:00")));
        List<AccountOutput> out = run(s, in);

        assertThat(decision(out, "r1").decision()).isEqualTo(Decision.ACT);
        assertThat(decision(out, "r2").reason()).isEqualTo("R-CAL-2");
        assertThat(decision(out, "r3").reason()).isEqualTo("R-CAL-1");
        assertThat(decision(out, "r3").trace()).contains("fomc");
    }

    @Test
    @DisplayName("R-CB-2: a position down more than 8 % is closed and its ticker cools down 24 h")
    void positionLossCooldown() throws Exception {
        EngineSettings s = with(AccountConfig.SWING);
        List<AccountInput> in = new ArrayList<>();
        in.add(bar("SPY", at("10:00:00"), 100, 100, 100, 100, 10.0)); // stop 80: far away
        in.add(rec("r1", "SPY", "buy", 0.9, 100.0, at("10:00:30")));
        in.add(bar("SPY", at("10:01:00"), 100, 100, 99.9, 100, 10.0));
        in.add(bar("SPY", at("10:30:00"), 93, 93, 91.8, 91.9, 10.0)); // down 8.1 %
        in.add(bar("SPY", at("10:31:00"), 92, 92, 92, 92, 10.0)); // the exit fills
        in.add(rec("r2", "SPY", "buy", 0.9, 92.0, at("11:00:00")));
        in.add(bar("SPY", at(NEXT, "10:29:00"), 92, 92, 92, 92, 10.0));
        in.add(rec("r3", "SPY", "buy", 0.9, 92.0, at(NEXT, "10:29:59")));
        in.add(rec("r4", "SPY", "buy", 0.9, 92.0, at(NEXT, "10:30:00")));
        List<AccountOutput> out = run(s, in);

        assertThat(orders(out)).anySatisfy(o -> assertThat(o.reason()).isEqualTo("R-CB-2"));
        assertThat(decision(out, "r2").reason()).isEqualTo("R-CB-2");
        assertThat(decision(out, "r3").reason()).isEqualTo("R-CB-2");
        assertThat(decision(out, "r4").decision()).isEqualTo(Decision.ACT);
        BreakerEvent trip = of(out, BreakerEvent.class).get(0);
        assertThat(trip.type()).isEqualTo(BreakerEvent.POSITION_LOSS);
        assertThat(trip.ticker()).isEqualTo("SPY");
        assertThat(trip.cooldownExpires()).isEqualTo(at(NEXT, "10:30:00"));
    }
}
