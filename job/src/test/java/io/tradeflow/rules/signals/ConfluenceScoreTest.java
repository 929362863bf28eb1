package io.tradeflow.rules.signals;

import static io.tradeflow.rules.signals.SignalFixtures.D1;
import static io.tradeflow.rules.signals.SignalFixtures.at;
import static io.tradeflow.rules.signals.SignalFixtures.bar;
import static io.tradeflow.rules.signals.SignalFixtures.ind;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Signal;
import io.tradeflow.rules.signals.ConfluenceScore.Component;
import io.tradeflow.rules.signals.ConfluenceScore.Result;
import io.tradeflow.rules.signals.SignalFixtures.Ind;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples of R-SIG-2: each component, its thresholds, the maximum score and the firing rule. */
@DisplayName("R-SIG-2 confluence score")
class ConfluenceScoreTest {
    private static final long TS = at(D1, 10, 30);
    /** Opens at 100, closes at 101: a bullish body. */
    private static final Bar UP = bar(TS, 100, 101);
    private static final Bar DOWN = bar(TS, 101, 100);

    /** Every CALL component true: close above VWAP, 9 over 21, RSI 60, MACD up, volume 2×. */
    static Ind allCall() {
        return ind().vwap(100.5).ema(100.8, 100.6).rsi(60.0).macdHist(0.1).relVol(2.0);
    }

    static Ind allPut() {
        return ind().vwap(100.5).ema(100.6, 100.8).rsi(40.0).macdHist(-0.1).relVol(2.0);
    }

    @Test
    @DisplayName("R-SIG-2 a 6/6 CALL fires without pivots")
    void sixOfSixCallFiresWithoutPivots() {
        Result r = ConfluenceScore.score(UP, allCall().build());

        assertThat(r.callScore()).isEqualTo(6);
        assertThat(r.putScore()).isEqualTo(1); // relative volume counts for both sides
        assertThat(r.maxScore()).isEqualTo(6);
        assertThat(r.fired()).isEqualTo(Side.CALL);
        assertThat(r.components()).extracting(Component::name).containsExactly(
                "vwap", "ema", "rsi", "macd", "rel_vol", "candle", "pivot");
        assertThat(r.components()).filteredOn(Component::call).hasSize(6);
        assertThat(r.components().get(6).known()).isFalse();
    }

    @Test
    @DisplayName("R-SIG-2 a 7/7 PUT fires with pivots")
    void sevenOfSevenPutFiresWithPivots() {
        Result r = ConfluenceScore.score(DOWN, allPut().pivot(100.2).build());

        assertThat(r.putScore()).isEqualTo(7);
        assertThat(r.callScore()).isEqualTo(1);
        assertThat(r.maxScore()).isEqualTo(7);
        assertThat(r.fired()).isEqualTo(Side.PUT);
        Signal s = r.signal(DOWN, allPut().pivot(100.2).build());
        assertThat(s).isEqualTo(new Signal("SPY", TS, "confluence", "sell", 7.0, 7.0, 2.0, 100.0));
    }

    @Test
    @DisplayName("R-SIG-2 the pivot point counts only when the pivot is known, and raises the max")
    void pivotRaisesTheMaximum() {
        assertThat(ConfluenceScore.score(UP, allCall().pivot(100.9).build()))
                .extracting(Result::callScore, Result::maxScore, Result::fired)
                .containsExactly(7, 7, Side.CALL);
        assertThat(ConfluenceScore.score(UP, allCall().pivot(101.5).build()))
                .extracting(Result::callScore, Result::putScore, Result::maxScore)
                .containsExactly(6, 2, 7);
    }

    @ParameterizedTest(name = "{0} = {1} ⇒ call {2}, put {3}")
    @DisplayName("R-SIG-2 each component scores at its threshold")
    @CsvSource({
        // component, value, call points, put points (the bar closes at 101 over an open of 100)
        "rsi,       50,       0, 0",
        "rsi,       50.0001,  1, 0",
        "rsi,       70,       1, 0",
        "rsi,       70.0001,  0, 0",
        "rsi,       49.9999,  0, 1",
        "rsi,       30,       0, 1",
        "rsi,       29.9999,  0, 0",
        "rsi,       100,      0, 0",
        "rsi,       0,        0, 0",
        "rel_vol,   1.5,      1, 1",
        "rel_vol,   1.4999,   0, 0",
        "rel_vol,   9,        1, 1",
        "vwap,      101,      0, 0",
        "vwap,      100.99,   1, 0",
        "vwap,      101.01,   0, 1",
        "ema,       0,        0, 0",
        "ema,       0.001,    1, 0",
        "ema,       -0.001,   0, 1",
        "macd,      0,        0, 0",
        "macd,      0.0001,   1, 0",
        "macd,      -0.0001,  0, 1",
        "pivot,     101,      0, 0",
        "pivot,     100.99,   1, 0",
        "pivot,     101.01,   0, 1",
    })
    void eachComponentScoresAtItsThreshold(String component, double value, int call, int put) {
        // the candle is neutral (a doji at 101) so only the component under test scores
        Bar doji = bar(TS, 101, 101);
        Ind in = ind();
        switch (component) {
            case "rsi" -> in.rsi(value);
            case "rel_vol" -> in.relVol(value);
            case "vwap" -> in.vwap(value);
            case "ema" -> in.ema(100 + value, 100.0);
            case "macd" -> in.macdHist(value);
            case "pivot" -> in.pivot(value);
            default -> throw new IllegalArgumentException(component);
        }
        Result r = ConfluenceScore.score(doji, in.build());

        assertThat(r.callScore()).isEqualTo(call);
        assertThat(r.putScore()).isEqualTo(put);
    }

    @ParameterizedTest(name = "{0} = {1} ⇒ fires {2}")
    @DisplayName("R-SIG-2 a threshold value flips the signal at minConfluence")
    @CsvSource({
        // four CALL points (vwap, ema, macd, candle) plus the component under test
        "rsi,     70,      true",
        "rsi,     70.01,   false",
        "rsi,     50,      false",
        "rsi,     50.01,   true",
        "rel_vol, 1.5,     true",
        "rel_vol, 1.49,    false",
    })
    void thresholdFlipsTheSignal(String component, double value, boolean fires) {
        Ind in = ind().vwap(100.5).ema(100.8, 100.6).macdHist(0.1);
        if (component.equals("rsi")) {
            in.rsi(value);
        } else {
            in.relVol(value);
        }
        Result r = ConfluenceScore.score(UP, in.build());

        assertThat(r.callScore()).isEqualTo(fires ? 5 : 4);
        assertThat(r.fired()).isEqualTo(fires ? Side.CALL : null);
    }

    @Test
    @DisplayName("R-SIG-2 the candle body scores for its direction only; a doji for neither")
    void candleBody() {
        assertThat(ConfluenceScore.score(UP, ind().build()))
                .extracting(Result::callScore, Result::putScore).containsExactly(1, 0);
        assertThat(ConfluenceScore.score(DOWN, ind().build()))
                .extracting(Result::callScore, Result::putScore).containsExactly(0, 1);
        assertThat(ConfluenceScore.score(bar(TS, 100, 100), ind().build()))
                .extracting(Result::callScore, Result::putScore).containsExactly(0, 0);
    }

    @Test
    @DisplayName("R-SIG-2 missing indicators score 0 and keep the max at 6")
    void missingIndicatorsScoreZero() {
        Result r = ConfluenceScore.score(UP, ind().build());

        assertThat(r.callScore()).isEqualTo(1); // the candle needs no indicator
        assertThat(r.maxScore()).isEqualTo(6);
        assertThat(r.fired()).isNull();
        assertThat(r.components()).filteredOn(Component::known).extracting(Component::name)
                .containsExactly("candle");
        // one EMA of the two known is still unknown
        assertThat(ConfluenceScore.score(UP, ind().ema(101.0, null).build()).callScore())
                .isEqualTo(1);
        // not-a-number counts as unknown, also for the pivot's maximum
        assertThat(ConfluenceScore.score(UP, ind().rsi(Double.NaN).pivot(Double.NaN).build()))
                .extracting(Result::callScore, Result::maxScore).containsExactly(1, 6);
    }

    @Test
    @DisplayName("R-SIG-2 a 5/6 fires at the default minimum, a 4/6 only with minConfluence 4")
    void minConfluenceIsConfigurable() {
        Ind five = allCall().rsi(75.0);
        Ind four = allCall().rsi(75.0).macdHist(0.0);

        assertThat(ConfluenceScore.score(UP, five.build()).fired()).isEqualTo(Side.CALL);
        assertThat(ConfluenceScore.score(UP, four.build()).fired()).isNull();
        assertThat(ConfluenceScore.score(UP, four.build(), 4).fired()).isEqualTo(Side.CALL);
        assertThat(ConfluenceScore.score(UP, five.build(), 6).fired()).isNull();
    }

    @Test
    @DisplayName("R-SIG-2 a side must beat the other: a tie never fires")
    void tieDoesNotFire() {
        // CALL: vwap, candle; PUT: ema, macd
        Result r = ConfluenceScore.score(UP, ind().vwap(100.0).ema(1.0, 2.0).macdHist(-1.0)
                .build(), 2);

        assertThat(r.callScore()).isEqualTo(2);
        assertThat(r.putScore()).isEqualTo(2);
        assertThat(r.fired()).isNull();
        assertThat(r.signal(UP, ind().build())).isNull();
    }

    @Test
    void namesItsRule() {
        assertThat(ConfluenceScore.RULE).isEqualTo("R-SIG-2");
    }
}
