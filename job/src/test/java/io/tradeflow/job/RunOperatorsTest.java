package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.event.MarketTick;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.market.BarRun;

import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** BATCH's runs: how bars and ticks are grouped, stamped and flushed. */
class RunOperatorsTest {
    static final long MIN = 60_000L;
    static final long DAY = 24 * 3_600_000L;
    static final long T0 = 1_749_562_200_000L; // 2025-06-10 09:30 in New York

    @Test
    @DisplayName("bar runs: one ticker and one market day each, in time order, stamped with the "
            + "earliest bar; the open runs leave when the input ends")
    void barRunsByTickerAndDay() throws Exception {
        List<Bar> in = List.of(bar("A", T0 + MIN), bar("B", T0), bar("A", T0),
                bar("A", T0 + DAY), bar("B", T0 + MIN), bar("A", T0 + DAY + MIN));

        List<StreamRecord<BarRun>> out = run(new BarRuns(), in);

        assertThat(out).extracting(StreamRecord::getValue).containsExactlyInAnyOrder(
                new BarRun(List.of(bar("A", T0), bar("A", T0 + MIN))),
                new BarRun(List.of(bar("A", T0 + DAY), bar("A", T0 + DAY + MIN))),
                new BarRun(List.of(bar("B", T0), bar("B", T0 + MIN))));
        assertThat(out).allMatch(r -> r.getTimestamp() == r.getValue().ts());
        // A's first day leaves when its next day begins, before anything else
        assertThat(out.get(0).getValue().bars()).containsExactly(bar("A", T0), bar("A", T0 + MIN));
    }

    @Test
    @DisplayName("bar runs: a day cut by another day's bar makes two runs of that day")
    void barRunsOfADayCut() throws Exception {
        List<StreamRecord<BarRun>> out = run(new BarRuns(), List.of(bar("A", T0),
                bar("A", T0 + DAY), bar("A", T0 + MIN)));

        assertThat(out).extracting(StreamRecord::getValue).containsExactly(
                BarRun.of(bar("A", T0)), BarRun.of(bar("A", T0 + DAY)),
                BarRun.of(bar("A", T0 + MIN)));
    }

    @Test
    @DisplayName("bar runs: at most " + BarRuns.MAX_RUN + " bars each")
    void barRunsAreBounded() throws Exception {
        List<Bar> in = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            in.add(bar("A", T0 + i * 10_000L)); // 10-second bars, one session
        }

        List<StreamRecord<BarRun>> out = run(new BarRuns(), in);

        assertThat(out).extracting(r -> r.getValue().bars().size()).containsExactly(512, 88);
        assertThat(out).extracting(StreamRecord::getTimestamp)
                .containsExactly(T0, T0 + 512 * 10_000L);
    }

    @Test
    @DisplayName("tick runs: per account, one ticker's ticks of one day, with the ATR only; "
            + "ticks of tickers no account trades are dropped")
    void tickRunsPerAccount() throws Exception {
        var settings = ConfigLoader.defaultBacktest(List.of("A", "B")).engine();
        Indicators rich = new Indicators(true, 1.25, 55.0, 235.1, 234.9, 0.2, 0.1, 0.1, 235.4,
                100_000.0, 1.2, 236.0, 235.0, 235.5, 237.0, 234.0, 234.8, 235.2);
        List<MarketTick> in = List.of(new MarketTick(bar("A", T0), rich),
                new MarketTick(bar("A", T0 + MIN), rich), new MarketTick(bar("A", T0 + DAY), rich),
                new MarketTick(bar("C", T0), rich), new MarketTick(bar("B", T0), rich));

        List<StreamRecord<AccountInput>> out = run(new TickRuns(settings), in);

        assertThat(out).extracting(StreamRecord::getValue).containsExactly(
                AccountInput.of("default", List.of(MarketTick.withAtr(bar("A", T0), 1.25),
                        MarketTick.withAtr(bar("A", T0 + MIN), 1.25))),
                AccountInput.of("default", List.of(MarketTick.withAtr(bar("A", T0 + DAY), 1.25))),
                AccountInput.of("default", List.of(MarketTick.withAtr(bar("B", T0), 1.25))));
        assertThat(out).allMatch(r -> r.getTimestamp() == r.getValue().ts());
        assertThat(out.get(0).getValue().parts()).extracting(AccountInput::kind)
                .containsOnly(AccountInput.TICK);
    }

    private static <I, O> List<StreamRecord<O>> run(OneInputStreamOperator<I, O> op, List<I> in)
            throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            for (I e : in) {
                h.processElement(new StreamRecord<>(e, 0));
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            List<StreamRecord<O>> out = new ArrayList<>();
            for (Object o : h.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    @SuppressWarnings("unchecked")
                    StreamRecord<O> typed = (StreamRecord<O>) r;
                    out.add(typed);
                }
            }
            return out;
        }
    }

    private static Bar bar(String ticker, long ts) {
        return new Bar(ticker, ts, 100, 101, 99, 100.5, 1_000);
    }
}
