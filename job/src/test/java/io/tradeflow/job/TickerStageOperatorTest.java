package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.market.BarRun;
import io.tradeflow.market.MarketAnalytics;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticker stage holds bars back until the watermark passes them; while it does, it must not
 * let the account engine's watermark pass them by reporting itself idle (see {@link
 * TickerStageOperator}).
 */
class TickerStageOperatorTest {
    static final long MIN = 60_000L;
    static final long T0 = 1_749_562_200_000L; // 2025-06-10T13:30:00Z, 09:30 in New York

    @Test
    @DisplayName("idle inputs: the stage stays active and sends the held-back ticks first when "
            + "an input resumes")
    void staysActiveWhileIdle() throws Exception {
        List<Object> out = run(new TickerStageOperator<>(market()));

        assertThat(out).noneMatch(e -> e instanceof WatermarkStatus);
        // the held-back bar leaves before the watermark that passes it: nothing downstream sees
        // it behind its watermark
        assertThat(out).containsExactly(bar(T0), new Watermark(T0 + MIN / 2), bar(T0 + MIN),
                bar(T0 + 2 * MIN), new Watermark(T0 + 90 * MIN));
    }

    @Test
    @DisplayName("Flink's own operator reports the stage idle (what the engine then leaves out "
            + "of its watermark)")
    void flinksOperatorGoesIdle() throws Exception {
        List<Object> out = run(new KeyedProcessOperator<>(market()));

        assertThat(out).contains(WatermarkStatus.IDLE);
    }

    /**
     * Three bars, a watermark between the first two, every input idle, then one resumes; returns
     * what the stage emits, each tick as its bar.
     */
    private static List<Object> run(OneInputStreamOperator<BarRun, MarketTick> op)
            throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(op, BarRun::ticker,
                Types.STRING)) {
            h.open();
            for (long ts : new long[] {T0, T0 + MIN, T0 + 2 * MIN}) {
                h.processElement(new StreamRecord<>(BarRun.of(bar(ts)), ts));
            }
            h.processWatermark(new Watermark(T0 + MIN / 2));
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            h.processWatermarkStatus(WatermarkStatus.ACTIVE);
            h.processWatermark(new Watermark(T0 + 90 * MIN));
            List<Object> out = new ArrayList<>();
            for (Object e : h.getOutput()) {
                out.add(e instanceof StreamRecord<?> r ? ((MarketTick) r.getValue()).bar() : e);
            }
            return out;
        }
    }

    private static MarketAnalytics market() {
        return new MarketAnalytics(false, IndicatorParams.DEFAULTS, EngineSettings.DEFAULT_SIGNALS,
                TradingCalendar.nyse());
    }

    private static Bar bar(long ts) {
        return new Bar("SPY", ts, 540, 541, 539, 540.5, 1_000);
    }

    @Test
    @DisplayName("R-BT-1: holes in a ticker's bars are reported: missing minutes within a day, "
            + "missing trading days")
    void reportsDataGaps() throws Exception {
        long day2 = T0 + 24 * 3_600_000L; // 2025-06-11
        long day4 = T0 + 3 * 24 * 3_600_000L; // 2025-06-13: the 12th has no bar
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new TickerStageOperator<>(market()), BarRun::ticker, Types.STRING)) {
            h.open();
            for (long ts : new long[] {T0 + MIN, T0 + 2 * MIN, T0 + 6 * MIN, T0 + 7 * MIN,
                    day2 + MIN, day4 + MIN, day4 + 2 * MIN}) {
                h.processElement(new StreamRecord<>(BarRun.of(bar(ts)), ts));
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.getSideOutput(MarketAnalytics.DATA_GAPS)).extracting(
                    r -> r.getValue().kind(), r -> r.getValue().fromTs(), r -> r.getValue().toTs(),
                    r -> r.getValue().missing()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("bars", T0 + 2 * MIN, T0 + 6 * MIN, 3L),
                    org.assertj.core.groups.Tuple.tuple("sessions", day2 + MIN, day4 + MIN, 1L));
        }
    }
}
