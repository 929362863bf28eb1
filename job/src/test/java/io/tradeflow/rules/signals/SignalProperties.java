package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.calendar.MarketTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Properties of the signals over random bars and snapshots (R-SIG-2, R-SIG-3, R-SIG-1). */
@Label("R-SIG-2 R-SIG-3 signal properties")
class SignalProperties {

    record Tick(Bar bar, Indicators ind) {}

    /** Values around 100 with some exact thresholds and some unknowns. */
    private static Arbitrary<Double> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().between(95, 105).ofScale(2)),
                Tuple.of(1, Arbitraries.of(100.0, 30.0, 50.0, 70.0, 1.5, 0.0)))
                .injectNull(0.15);
    }

    private static Arbitrary<Indicators> indicators() {
        Arbitrary<Double> rsi = Arbitraries.oneOf(Arbitraries.doubles().between(0, 100),
                Arbitraries.of(30.0, 50.0, 70.0)).injectNull(0.1);
        Arbitrary<Double> small = Arbitraries.doubles().between(-1, 3).ofScale(2)
                .injectNull(0.15);
        return Combinators.combine(Arbitraries.of(true, true, true, false), rsi, small,
                        value().list().ofSize(13))
                .as((regular, r, s, v) -> new Indicators(regular, s == null ? null : Math.abs(s),
                        r, v.get(0), v.get(1), v.get(2), v.get(3), s, v.get(4), v.get(5), s,
                        v.get(6) == null ? null : Math.min(v.get(6), v.get(7) == null ? 1e9
                                : v.get(7)),
                        v.get(7), v.get(8), v.get(9), v.get(10), v.get(11), v.get(12)));
    }

    @Provide
    Arbitrary<Tick> ticks() {
        Arbitrary<Bar> bars = Combinators.combine(
                        Arbitraries.integers().between(0, 24 * 60 - 1), value(), value())
                .as((m, o, c) -> new Bar("SPY", at(D1, 0, 0) + m * 60_000L,
                        o == null ? 100 : o, 106, 94, c == null ? 100 : c, 1_000));
        return Combinators.combine(bars, indicators()).as(Tick::new);
    }

    /** Random two-day series in time order, one bar a minute from a random start. */
    @Provide
    Arbitrary<List<Tick>> sessions() {
        return ticks().list().ofMinSize(1).ofMaxSize(400).map(ts -> {
            List<Tick> out = new ArrayList<>();
            long t = at(D1, 9, 0);
            for (Tick x : ts) {
                t += 7 * 60_000L; // crosses into the next day after ~200 bars
                Bar b = x.bar();
                out.add(new Tick(new Bar(b.ticker(), t, b.open(), b.high(), b.low(), b.close(),
                        b.volume()), x.ind()));
            }
            return out;
        });
    }

    @Property
    void scoreNeverExceedsItsMaximumAndBothSidesNeverFire(@ForAll("ticks") Tick t,
            @ForAll @IntRange(min = 1, max = 7) int min) {
        ConfluenceScore.Result r = ConfluenceScore.score(t.bar(), t.ind(), min);

        assertThat(r.callScore()).isBetween(0, r.maxScore());
        assertThat(r.putScore()).isBetween(0, r.maxScore());
        assertThat(r.maxScore()).isEqualTo(t.ind().pivot() == null ? 6 : 7);
        assertThat(r.callScore() + r.putScore()).isLessThanOrEqualTo(r.maxScore() + 1);
        if (r.fired() == Side.CALL) {
            assertThat(r.callScore()).isGreaterThanOrEqualTo(min).isGreaterThan(r.putScore());
        } else if (r.fired() == Side.PUT) {
            assertThat(r.putScore()).isGreaterThanOrEqualTo(min).isGreaterThan(r.callScore());
        } else {
            assertThat(r.callScore() >= min && r.callScore() > r.putScore()).isFalse();
            assertThat(r.putScore() >= min && r.putScore() > r.callScore()).isFalse();
        }
    }

    /**
     * Each component is R-SIG-2's statement of it, read straight from the bar and the indicators:
     * unknown (null, NaN, infinite) scores for neither side, equalities for neither side.
     */
    @Property
    void componentsAreTheRuleStatement(@ForAll("ticks") Tick t,
            @ForAll("oddValues") Double odd, @ForAll @IntRange(min = 0, max = 8) int where) {
        Indicators i = t.ind();
        Double[] v = {i.vwap(), i.emaFast(), i.emaSlow(), i.rsi(), i.macdHist(), i.relVol(),
                i.pivot(), null, null};
        v[where] = odd; // NaN, ±infinity, ±0 or a threshold in one of them, at times none
        Indicators ind = new Indicators(i.regularSession(), i.atr(), v[3], v[1], v[2], i.macd(),
                i.macdSignal(), v[4], v[0], i.volumeSma(), v[5], i.orbHigh(), i.orbLow(), v[6],
                i.r1(), i.s1(), i.prevClose(), i.sessionOpen());
        double close = t.bar().close();

        List<ConfluenceScore.Component> want = List.of(
                side("vwap", close, ind.vwap()),
                side("ema", ind.emaFast(), ind.emaSlow()),
                ok(ind.rsi()) ? new ConfluenceScore.Component("rsi", true,
                        ind.rsi() > 50 && ind.rsi() <= 70, ind.rsi() >= 30 && ind.rsi() < 50)
                        : new ConfluenceScore.Component("rsi", false, false, false),
                side("macd", ind.macdHist(), 0.0),
                ok(ind.relVol()) ? new ConfluenceScore.Component("rel_vol", true,
                        ind.relVol() >= 1.5, ind.relVol() >= 1.5)
                        : new ConfluenceScore.Component("rel_vol", false, false, false),
                side("candle", close, t.bar().open()),
                side("pivot", close, ind.pivot()));
        assertThat(ConfluenceScore.score(t.bar(), ind, 5).components()).isEqualTo(want);
    }

    @Provide
    Arbitrary<Double> oddValues() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                0.0, -0.0, 30.0, 50.0, 70.0, 1.5, 100.0).injectNull(0.1);
    }

    private static ConfluenceScore.Component side(String name, Double x, Double ref) {
        if (!ok(x) || !ok(ref)) {
            return new ConfluenceScore.Component(name, false, false, false);
        }
        return new ConfluenceScore.Component(name, true, x > ref, x < ref);
    }

    private static boolean ok(Double x) {
        return x != null && !x.isNaN() && !x.isInfinite();
    }

    @Property(tries = 300)
    void detectorInvariantsHoldOverRandomSessions(@ForAll("sessions") List<Tick> ticks,
            @ForAll @IntRange(min = 1, max = 7) int min) {
        SignalParams p = SignalParams.DEFAULTS.withMinConfluence(min);
        SignalDetector s = SignalDetector.initial(p);
        Map<String, Integer> perSessionAndType = new HashMap<>();
        for (Tick t : ticks) {
            SignalDetector.Step step = s.update(t.bar(), t.ind());
            s = step.next();
            List<Signal> fired = step.signals();
            if (!t.ind().regularSession()) {
                assertThat(fired).isEmpty();
            }
            assertThat(fired).extracting(Signal::type)
                    .isSortedAccordingTo((a, b) -> SignalTypes.rank(a) - SignalTypes.rank(b))
                    .doesNotHaveDuplicates();
            for (Signal sig : fired) {
                Statistics.collect(sig.type());
                assertThat(p.confidence(sig)).isBetween(0.0, 1.0);
                assertThat(SignalRecommendations.of(sig, p).confidence()).isBetween(0.0, 1.0);
                assertThat(sig.action()).isIn("buy", "sell");
                assertThat(sig.ts()).isEqualTo(t.bar().ts());
                assertThat(sig.price()).isEqualTo(t.bar().close());
                if (sig.type().startsWith("orb")) {
                    String key = MarketTime.date(sig.ts()) + sig.type();
                    assertThat(perSessionAndType.merge(key, 1, Integer::sum)).isEqualTo(1);
                    assertThat(MarketTime.time(sig.ts())).isAfter(OrbState.RANGE_END);
                }
                if (sig.type().equals("confluence")) {
                    assertThat(sig.score()).isGreaterThanOrEqualTo((double) min)
                            .isLessThanOrEqualTo(sig.maxScore());
                }
            }
        }
        // the random sessions do reach every type, including both ORB types
        Statistics.coverage(c -> SignalTypes.ALL.forEach(
                type -> c.check(type).count(n -> n > 0)));
    }
}
