package io.tradeflow.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Edge cases of the three CEP patterns, each run in STREAMING and in BATCH. */
class CepPatternsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final ZoneId NY = ZoneId.of("America/New_York");
    static final long MIN = 60_000L;
    static final long T0 = Instant.parse("2025-06-02T14:00:00Z").toEpochMilli();

    static Bar bar(String ticker, long ts, double close) {
        return new Bar(ticker, ts, close, close, close, close, 1_000);
    }

    static long ny(String localDateTime, String offset) {
        return ZonedDateTime.parse(localDateTime + offset + "[America/New_York]").toInstant()
                .toEpochMilli();
    }

    static List<RapidMove> rapidMoves(RuntimeExecutionMode mode, List<Bar> bars) throws Exception {
        return CepRuns.run(mode, bars, Bar.class, (b, r) -> b.ts(), Bar::ticker,
                RapidMovePattern::detect, 7);
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void rapidMoveEdgesMatchTheOracle(RuntimeExecutionMode mode) throws Exception {
        List<Bar> bars = new ArrayList<>();
        // exactly 5 % up and down match; 4.99 % does not
        bars.add(bar("EXACTUP", T0, 100));
        bars.add(bar("EXACTUP", T0 + MIN, 105));
        bars.add(bar("EXACTDN", T0, 20));
        bars.add(bar("EXACTDN", T0 + MIN, 19));
        bars.add(bar("BELOW", T0, 100));
        bars.add(bar("BELOW", T0 + MIN, 104.99));
        // window end exclusive: exactly 15:00 apart never pairs, 14:00 apart does
        bars.add(bar("EDGE", T0, 100));
        bars.add(bar("EDGE", T0 + 15 * MIN, 110));
        bars.add(bar("INSIDE", T0, 100));
        bars.add(bar("INSIDE", T0 + 14 * MIN, 110));
        // a sustained rise is one move; the reversal after it is a second one
        double[] closes = {100, 106, 107, 108, 102};
        for (int k = 0; k < closes.length; k++) {
            bars.add(bar("SUSTAIN", T0 + k * MIN, closes[k]));
        }
        // DST spring forward: 01:55 EST and 03:05 EDT are 10 real minutes apart (70 on the wall)
        long springA = ny("2025-03-09T01:55", "-05:00");
        long springB = ny("2025-03-09T03:05", "-04:00");
        bars.add(bar("DSTSPRING", springA, 100));
        bars.add(bar("DSTSPRING", springB, 106));
        // 01:50 EST → 03:10 EDT is 20 real minutes: no match
        bars.add(bar("DSTSPRING20", ny("2025-03-09T01:50", "-05:00"), 100));
        bars.add(bar("DSTSPRING20", ny("2025-03-09T03:10", "-04:00"), 106));
        // DST fall back: 01:55 EDT then 01:05 EST is 10 real minutes later (wall clock goes back)
        long fallA = ny("2025-11-02T01:55", "-04:00");
        long fallB = ny("2025-11-02T01:05", "-05:00");
        bars.add(bar("DSTFALL", fallA, 100));
        bars.add(bar("DSTFALL", fallB, 94));
        // half day (2025-11-28 closes 13:00): a move inside it matches as on any day; the close
        // and the next session's first bar (Monday 09:31) never pair
        long halfClose = ny("2025-11-28T13:00", "-05:00");
        bars.add(bar("HALFDAY", halfClose - 10 * MIN, 100));
        bars.add(bar("HALFDAY", halfClose, 95));
        bars.add(bar("HALFDAY", ny("2025-12-01T09:31", "-05:00"), 110));

        List<RapidMove> actual = rapidMoves(mode, bars);

        assertThat(actual).containsExactlyInAnyOrderElementsOf(
                Oracles.rapidMoves(bars, 0.05, Duration.ofMinutes(15)));
        assertThat(actual).extracting(RapidMove::ticker).containsExactlyInAnyOrder(
                "EXACTUP", "EXACTDN", "INSIDE", "SUSTAIN", "SUSTAIN", "DSTSPRING", "DSTFALL",
                "HALFDAY");
        assertThat(actual).filteredOn(m -> m.ticker().equals("EXACTUP")).singleElement()
                .isEqualTo(new RapidMove("EXACTUP", T0, 100, T0 + MIN, 105,
                        PriceMoves.changePct(100, 105), "up"));
        assertThat(actual).filteredOn(m -> m.ticker().equals("SUSTAIN"))
                .extracting(RapidMove::startPrice, RapidMove::price, RapidMove::direction)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(100.0, 106.0, "up"),
                        org.assertj.core.groups.Tuple.tuple(108.0, 102.0, "down"));
        assertThat(springB - springA).isEqualTo(10 * MIN);
        assertThat(fallB - fallA).isEqualTo(10 * MIN);
        assertThat(actual).filteredOn(m -> m.ticker().equals("DSTFALL")).singleElement()
                .extracting(RapidMove::startTs, RapidMove::ts).containsExactly(fallA, fallB);
        assertThat(actual).filteredOn(m -> m.ticker().equals("HALFDAY")).singleElement()
                .extracting(RapidMove::ts, RapidMove::direction)
                .containsExactly(halfClose, "down");
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void vixOpensAtTwentyEightAndClearsOnce(RuntimeExecutionMode mode) throws Exception {
        double[] values = {27.99, 27.5, 28.0, 28.5, 28.0, 27.5, 27.0, 30.0, 20.0};
        List<VixQuote> quotes = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            quotes.add(new VixQuote(T0 + k * MIN, values[k]));
        }
        List<MarketEvent> actual = CepRuns.run(mode, quotes, VixQuote.class, (q, r) -> q.ts(),
                q -> VixBreakerPattern.KEY, VixBreakerPattern::detect, 3);

        assertThat(actual.stream().map(Oracles::withoutDetail).toList())
                .containsExactlyInAnyOrderElementsOf(Oracles.vixHalts(quotes, 28));
        assertThat(actual)
                .extracting(MarketEvent::kind, MarketEvent::state, MarketEvent::ts,
                        MarketEvent::value, MarketEvent::untilTs)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("vix", "open", T0 + 2 * MIN, 28.0,
                                Long.MAX_VALUE),
                        org.assertj.core.groups.Tuple.tuple("vix", "closed", T0 + 5 * MIN, 27.5,
                                T0 + 5 * MIN),
                        org.assertj.core.groups.Tuple.tuple("vix", "open", T0 + 7 * MIN, 30.0,
                                Long.MAX_VALUE),
                        org.assertj.core.groups.Tuple.tuple("vix", "closed", T0 + 8 * MIN, 20.0,
                                T0 + 8 * MIN));
        // the detail an operator reads: the crossing quote, the threshold, the previous quote
        assertThat(actual).extracting(MarketEvent::detail).contains(
                "VIX 28.0 >= 28.0 (previous 27.5 at " + (T0 + MIN) + ")",
                "VIX 20.0 < 28.0 (previous 30.0 at " + (T0 + 7 * MIN) + ")");
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void threeMovesWithinThirtyMinutesOpenOneClusterForAnHour(RuntimeExecutionMode mode)
            throws Exception {
        long t1 = T0 + 3 * 60 * MIN;
        long t2 = T0 + 6 * 60 * MIN;
        List<RapidMove> moves = List.of(
                // 3 moves 29 minutes apart: one cluster at the third
                move("A", T0), move("B", T0 + 10 * MIN), move("A", T0 + 29 * MIN),
                // first and third exactly 30 minutes apart: none
                move("C", t1), move("D", t1 + 10 * MIN), move("E", t1 + 30 * MIN),
                // a burst of 5 moves: one cluster (the next needs 3 more)
                move("F", t2), move("G", t2), move("H", t2 + MIN), move("I", t2 + 2 * MIN),
                move("J", t2 + 3 * MIN));
        List<MarketEvent> actual = CepRuns.run(mode, moves, RapidMove.class, (m, r) -> m.ts(),
                m -> VolatilityClusterPattern.KEY, VolatilityClusterPattern::detect, 5);

        assertThat(actual.stream().map(Oracles::withoutDetail).toList())
                .containsExactlyInAnyOrderElementsOf(Oracles.clusters(
                moves, 3, Duration.ofMinutes(30), Duration.ofMinutes(60)));
        assertThat(actual)
                .extracting(MarketEvent::kind, MarketEvent::state, MarketEvent::severity,
                        MarketEvent::ts, MarketEvent::untilTs, MarketEvent::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("volatility_cluster", "open", "high",
                                T0 + 29 * MIN, T0 + 89 * MIN, 3.0),
                        org.assertj.core.groups.Tuple.tuple("volatility_cluster", "open", "high",
                                t2 + MIN, t2 + 61 * MIN, 3.0));
    }

    @Test
    void operatorsCarryStableUids() {
        assertThat(List.of(RapidMovePattern.UID, VixBreakerPattern.UID, VolatilityClusterPattern.UID))
                .containsExactly("cep-rapid-move", "cep-vix-breaker", "cep-volatility-cluster");
    }

    static RapidMove move(String ticker, long ts) {
        return new RapidMove(ticker, ts - 5 * MIN, 100, ts, 106, 6.0, "up");
    }
}
