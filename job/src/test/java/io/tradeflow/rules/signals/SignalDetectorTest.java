package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.D2;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static io.tradeflow.rules.signals.SignalFixtures.bar;
import static io.tradeflow.rules.signals.SignalFixtures.ind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Hand-built sessions through the detector (R-SIG-2, R-SIG-3, R-SIG-1 backtest-only types). */
@DisplayName("R-SIG-2 R-SIG-3 signal detector")
class SignalDetectorTest {

    private record Tick(Bar bar, Indicators ind) {}

    private static Tick tick(LocalDate d, int h, int m, double open, double close,
            SignalFixtures.Ind ind) {
        return new Tick(bar(at(d, h, m), open, close), ind.build());
    }

    private static List<Signal> run(SignalDetector start, List<Tick> ticks) {
        SignalDetector s = start;
        List<Signal> out = new ArrayList<>();
        for (Tick t : ticks) {
            SignalDetector.Step step = s.update(t.bar(), t.ind());
            out.addAll(step.signals());
            s = step.next();
        }
        return out;
    }

    /**
     * Two sessions. D1 (no pivots yet, gap up from 99 to 100.2, range 100–101): ORB and ORB
     * direction at 09:50, a 6/6 CALL confluence at 10:30. D2 (pivot 101.9, gap down from 102 to
     * 101.7, range 101–102): the EMAs cross down at 09:46, a 7/7 PUT confluence at 10:00.
     */
    static List<Tick> twoSessions() {
        List<Tick> t = new ArrayList<>();
        // pre-market: a 6/6 picture, but signals come only from the regular session
        t.add(tick(D1, 8, 0, 99.0, 99.5, ind().regular(false).vwap(99.2).ema(99.4, 99.3)
                .rsi(60.0).macdHist(0.1).relVol(3.0)));
        for (int m = 31; m <= 45; m++) { // the opening range forms; nothing is known yet
            t.add(tick(D1, 9, m, 100.5, m % 2 == 0 ? 100.9 : 100.1,
                    ind().gap(99.0, 100.2)));
        }
        SignalFixtures.Ind d1 = ind().range(100.0, 101.0).gap(99.0, 100.2);
        t.add(tick(D1, 9, 46, 100.5, 100.6, d1));
        t.add(tick(D1, 9, 50, 101.0, 101.3, d1.vwap(100.5).rsi(75.0).relVol(1.2)));
        t.add(tick(D1, 10, 30, 101.4, 101.8, ind().range(100.0, 101.0).gap(99.0, 100.2)
                .vwap(101.0).ema(101.6, 101.4).rsi(62.0).macdHist(0.05).relVol(2.0)));
        t.add(tick(D1, 16, 30, 101.8, 102.0, ind().regular(false).ema(101.9, 101.5)));

        SignalFixtures.Ind d2 = ind().range(101.0, 102.0).gap(102.0, 101.7).pivot(101.9);
        t.add(tick(D2, 9, 46, 101.6, 101.5, d2.ema(101.55, 101.6)));
        t.add(tick(D2, 10, 0, 101.6, 101.2, ind().range(101.0, 102.0).gap(102.0, 101.7)
                .pivot(101.9).vwap(101.5).ema(101.3, 101.45).rsi(40.0).macdHist(-0.05)
                .relVol(1.8)));
        return t;
    }

    @Test
    @DisplayName("R-SIG-3 R-SIG-2 orb, orb_direction, 6/6 and 7/7 confluence fire at known bars")
    void handBuiltSessionsFireAtKnownBars() {
        List<Signal> fired = run(SignalDetector.initial(SignalParams.DEFAULTS), twoSessions());

        assertThat(fired).containsExactly(
                new Signal("SPY", at(D1, 9, 50), "orb", "buy", null, null, null, 101.3),
                new Signal("SPY", at(D1, 9, 50), "orb_direction", "buy", null, null, null, 101.3),
                new Signal("SPY", at(D1, 10, 30), "confluence", "buy", 6.0, 6.0, 2.0, 101.8),
                new Signal("SPY", at(D2, 9, 46), "ema_cross", "sell", null, null, null, 101.5),
                new Signal("SPY", at(D2, 10, 0), "confluence", "sell", 7.0, 7.0, 1.8, 101.2));
        assertThat(fired).extracting(s -> SignalParams.DEFAULTS.confidence(s))
                .containsExactly(0.8, 0.85, 1.0, 0.7, 1.0);
    }

    @Test
    @DisplayName("R-SIG-2 R-SIG-3 a whole session where nothing fires")
    void quietSessionFiresNothing() {
        SignalDetector s = SignalDetector.initial(SignalParams.DEFAULTS);
        List<Signal> fired = new ArrayList<>();
        int maxScore = 0;
        for (int i = 0; i < 24 * 60; i++) {
            long ts = at(D1, 0, 0) + i * 60_000L;
            LocalTime time = MarketTime.time(ts);
            boolean regular = time.isAfter(LocalTime.of(9, 30))
                    && !time.isAfter(LocalTime.of(16, 0));
            double close = 100.5 + 0.4 * Math.sin(i / 7.0);
            double open = 100.5 + 0.4 * Math.sin((i - 1) / 7.0);
            SignalFixtures.Ind in = ind().regular(regular).atr(0.5)
                    .ema(100.6, 100.5)           // never crosses: CALL point
                    .rsi(55.0)                   // CALL point
                    .macdHist(-0.02)             // PUT point
                    .relVol(1.0)                 // no point
                    .gap(100.0, 100.5);
            if (regular) {
                in.vwap(close + 0.01); // PUT point; never 2 ATR away
                if (time.isAfter(LocalTime.of(9, 44))) {
                    in.range(99.5, 101.5); // closes stay inside
                }
            }
            SignalDetector.Step step = s.update(bar(ts, open, close), in.build());
            fired.addAll(step.signals());
            if (step.confluence() != null) {
                maxScore = Math.max(maxScore, step.confluence().score());
            }
            s = step.next();
        }

        assertThat(fired).isEmpty();
        assertThat(maxScore).isEqualTo(3);
    }

    /** A bar at which all five types fire (sell), right after the EMAs stood fast above slow. */
    private static Tick allFive() {
        return tick(D1, 10, 0, 104.0, 103.0, ind().range(103.5, 104.5).gap(105.0, 104.8)
                .vwap(100.0).atr(1.0).ema(102.0, 102.5).rsi(40.0).macdHist(-0.1).relVol(2.0));
    }

    private static SignalDetector afterEmaAbove(SignalParams p) {
        return new SignalDetector(p, OrbState.initial(), new EmaCross(1), VwapReversion.initial(), null);
    }

    @Test
    @DisplayName("R-SIG-2 R-SIG-3 signals at one bar come out in a fixed order by type")
    void signalsOfOneBarAreOrderedByType() {
        Tick t = allFive();
        SignalDetector.Step step = afterEmaAbove(SignalParams.DEFAULTS).update(t.bar(), t.ind());

        assertThat(step.signals()).extracting(Signal::type, Signal::action).containsExactly(
                tuple("orb", "sell"), tuple("orb_direction", "sell"), tuple("confluence", "sell"),
                tuple("ema_cross", "sell"), tuple("vwap_reversion", "sell"));
        assertThat(step.signals().get(2).score()).isEqualTo(5.0);
        assertThat(step.confluence().callScore()).isEqualTo(2);
    }

    @Test
    @DisplayName("R-SIG-2 R-SIG-3 only enabled types are emitted; the others still keep state")
    void onlyEnabledTypesAreEmitted() {
        Tick t = allFive();
        SignalParams p = SignalParams.DEFAULTS.withEnabledTypes(List.of("orb", "confluence"));
        SignalDetector.Step step = afterEmaAbove(p).update(t.bar(), t.ind());

        assertThat(step.signals()).extracting(Signal::type).containsExactly("orb", "confluence");
        assertThat(step.next().emaCross().lastSign()).isEqualTo(-1);
        assertThat(step.next().orb().directionFired()).isTrue();
        assertThat(step.next().vwapReversion().aboveSpent()).isTrue();
    }

    @Test
    @DisplayName("R-SIG-2 nothing fires outside the regular session")
    void nothingFiresOutsideTheRegularSession() {
        Tick t = allFive();
        Indicators pre = new Indicators(false, t.ind().atr(), t.ind().rsi(), t.ind().emaFast(),
                t.ind().emaSlow(), t.ind().macd(), t.ind().macdSignal(), t.ind().macdHist(),
                t.ind().vwap(), t.ind().volumeSma(), t.ind().relVol(), t.ind().orbHigh(),
                t.ind().orbLow(), t.ind().pivot(), t.ind().r1(), t.ind().s1(), t.ind().prevClose(),
                t.ind().sessionOpen());
        SignalDetector.Step step = afterEmaAbove(SignalParams.DEFAULTS).update(t.bar(), pre);

        assertThat(step.signals()).isEmpty();
        assertThat(step.confluence()).isNull();
        assertThat(step.next().orb()).isEqualTo(OrbState.initial());
    }

    @Test
    @DisplayName("R-SIG-2 minConfluence comes from the params; withParams keeps the state")
    void paramsApply() {
        Tick t = allFive();
        SignalDetector strict = afterEmaAbove(SignalParams.DEFAULTS.withMinConfluence(6));
        SignalDetector.Step step = strict.update(t.bar(), t.ind());

        assertThat(step.signals()).extracting(Signal::type).doesNotContain("confluence");
        SignalDetector loose = step.next().withParams(SignalParams.DEFAULTS);
        assertThat(loose.orb()).isEqualTo(step.next().orb());
        assertThat(loose.params()).isEqualTo(SignalParams.DEFAULTS);
    }

    @Test
    @DisplayName("R-SIG-3 the detector state is a Flink POJO")
    void stateIsAFlinkPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SignalDetector.class);
    }
}
