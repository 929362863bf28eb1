package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.DataGap;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Signal;
import io.tradeflow.market.BarRun;
import io.tradeflow.market.MarketAnalytics;
import io.tradeflow.market.TickerAnalytics;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.sample.MarketGenerator;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ticker stage's work without Flink ({@link TickerAnalytics} over {@link
 * TickerAnalytics.State#plain}, as the bench's plain pipeline runs it) makes exactly what the
 * job's operator ({@link MarketAnalytics} over keyed state) makes from the same bars.
 */
class TickerAnalyticsTest {
    private static final long MIN = 60_000L;

    @Test
    @DisplayName("a plain loop and the Flink operator make the same ticks, signals, rapid moves "
            + "(R-MOVE-1), duplicates and gaps (R-BT-1)")
    void plainLoopMakesWhatTheOperatorMakes() throws Exception {
        List<Bar> bars = oneTicker();
        Collected plain = new Collected();
        TickerAnalytics analytics = new TickerAnalytics(IndicatorParams.DEFAULTS,
                EngineSettings.DEFAULT_SIGNALS, TradingCalendar.nyse());
        TickerAnalytics.State state = TickerAnalytics.State.plain();
        for (Bar b : bars) {
            analytics.onBar(b, state, plain);
        }

        Collected flink = new Collected();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new TickerStageOperator<>(new MarketAnalytics(false, IndicatorParams.DEFAULTS,
                        EngineSettings.DEFAULT_SIGNALS, TradingCalendar.nyse())),
                BarRun::ticker, Types.STRING)) {
            h.open();
            for (Bar b : bars) {
                h.processElement(new StreamRecord<>(BarRun.of(b), b.ts()));
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            for (Object e : h.getOutput()) {
                if (e instanceof StreamRecord<?> r) {
                    flink.ticks.add((MarketTick) r.getValue());
                }
            }
            flink.signals.addAll(values(h.getSideOutput(MarketAnalytics.SIGNALS)));
            flink.moves.addAll(values(h.getSideOutput(MarketAnalytics.RAPID_MOVE_BARS)));
            flink.duplicates.addAll(values(h.getSideOutput(MarketAnalytics.DUPLICATES)));
            flink.gaps.addAll(values(h.getSideOutput(MarketAnalytics.DATA_GAPS)));
        }

        // the market is one that exercises every output, so that no comparison is of nothing
        assertThat(plain.ticks).hasSize(bars.size() - 1);
        assertThat(plain.signals).isNotEmpty();
        assertThat(plain.moves).isNotEmpty();
        assertThat(plain.duplicates).hasSize(1);
        assertThat(plain.gaps).extracting(DataGap::kind).contains(DataGap.BARS);
        assertThat(plain.ticks).isEqualTo(flink.ticks);
        assertThat(plain.signals).isEqualTo(flink.signals);
        assertThat(plain.moves).isEqualTo(flink.moves);
        assertThat(plain.duplicates).isEqualTo(flink.duplicates);
        assertThat(plain.gaps).isEqualTo(flink.gaps);
    }

    /**
     * Three days of one generated ticker, with a bar sent twice, five minutes missing and a 6 %
     * jump within a quarter of an hour (a rapid move, R-MOVE-1).
     */
    private static List<Bar> oneTicker() {
        List<Bar> generated = MarketGenerator.generate(new MarketGenerator.Spec(11, List.of("SPY"),
                List.of(500.0), MarketGenerator.tradingDays(LocalDate.of(2025, 6, 9), 3, Set.of()),
                0, 0, List.of(), "test-key-of-at-least-32-bytes-long".getBytes(
                        StandardCharsets.UTF_8))).bars();
        List<Bar> bars = new ArrayList<>();
        long hole = generated.get(100).ts();
        for (Bar b : generated) {
            if (b.ts() > hole && b.ts() <= hole + 5 * MIN) {
                continue;
            }
            if (b.ts() >= generated.get(300).ts() && b.ts() < generated.get(306).ts()) {
                double k = 1.06;
                b = new Bar(b.ticker(), b.ts(), b.open() * k, b.high() * k, b.low() * k,
                        b.close() * k, b.volume());
            }
            bars.add(b);
            if (b.ts() == generated.get(200).ts()) {
                bars.add(new Bar(b.ticker(), b.ts(), b.open(), b.high(), b.low(), b.close(),
                        b.volume() + 1)); // the same minute again: a duplicate
            }
        }
        return bars;
    }

    private static <T> List<T> values(Iterable<StreamRecord<T>> records) {
        List<T> list = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> list.add(r.getValue()));
        }
        return list;
    }

    /** What a run made, in order. */
    private static final class Collected implements TickerAnalytics.Out {
        final List<MarketTick> ticks = new ArrayList<>();
        final List<Signal> signals = new ArrayList<>();
        final List<Bar> moves = new ArrayList<>();
        final List<Bar> duplicates = new ArrayList<>();
        final List<DataGap> gaps = new ArrayList<>();

        @Override
        public void tick(MarketTick tick) {
            ticks.add(tick);
        }

        @Override
        public void duplicate(Bar bar) {
            duplicates.add(bar);
        }

        @Override
        public void signal(Signal signal) {
            signals.add(signal);
        }

        @Override
        public void rapidMove(Bar start, Bar end) {
            moves.add(start);
            moves.add(end);
        }

        @Override
        public void gap(DataGap gap) {
            gaps.add(gap);
        }
    }

}
