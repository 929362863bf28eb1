package io.tradeflow.job;

import io.tradeflow.event.Bar;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.VixQuote;
import io.tradeflow.market.BarRun;
import io.tradeflow.io.Ingested;
import io.tradeflow.job.edges.EdgeTypes;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one source's parsed records by kind, chained to the source: bars to the main output, VIX
 * quotes to {@link #VIX} (for the VIX breaker) and, with every other input, to {@link #INPUTS}
 * (for routing to accounts), parse failures to {@link #DEAD_LETTERS}.
 *
 * <p>Why at each source: a filter after the union of all sources has several inputs, so it cannot
 * be chained to them; four such filters made every record cross the network four times (in BATCH
 * each time spilled, compressed and read back). Split here, a record is serialized once, for the
 * stage that needs it.
 */
final class SplitByKind extends ProcessFunction<Ingested, Bar> {
    static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("parse-errors", TypeInformation.of(DeadLetter.class));
    static final OutputTag<VixQuote> VIX =
            new OutputTag<>("vix", TypeInformation.of(VixQuote.class));
    static final OutputTag<Ingested> INPUTS =
            new OutputTag<>("inputs", TypeInformation.of(Ingested.class));

    /**
     * The split streams of every source, each kind unioned over the sources; the bars as runs
     * ({@link BarRuns} in BATCH, one bar each in STREAMING).
     */
    record Split(DataStream<BarRun> bars, DataStream<DeadLetter> deadLetters,
            DataStream<VixQuote> vix, DataStream<Ingested> inputs) {}

    /** Splits each source where it is read (same parallelism, so chained) and unions the kinds. */
    static Split of(List<DataStream<Ingested>> sources, boolean batch) {
        List<SingleOutputStreamOperator<Bar>> split = new ArrayList<>();
        List<DataStream<BarRun>> runs = new ArrayList<>();
        for (DataStream<Ingested> s : sources) {
            String uid = s.getTransformation().getUid();
            String id = uid != null ? uid : String.valueOf(s.getId());
            SingleOutputStreamOperator<Bar> bars = s.process(new SplitByKind())
                    .returns(EdgeTypes.BAR).setParallelism(s.getParallelism())
                    .name("split " + s.getTransformation().getName()).uid("split-" + id);
            split.add(bars);
            // chained to the source's reader: the runs are what crosses to the ticker stage
            runs.add((batch
                    ? bars.transform("bar-runs", EdgeTypes.BAR_RUN, new BarRuns())
                    : bars.map(BarRun::of).returns(EdgeTypes.BAR_RUN).name("bar-runs"))
                    .setParallelism(s.getParallelism()).uid("bar-runs-" + id));
        }
        DataStream<BarRun> bars = runs.get(0);
        DataStream<DeadLetter> dead = split.get(0).getSideOutput(DEAD_LETTERS);
        DataStream<VixQuote> vix = split.get(0).getSideOutput(VIX);
        DataStream<Ingested> inputs = split.get(0).getSideOutput(INPUTS);
        for (DataStream<BarRun> r : runs.subList(1, runs.size())) {
            bars = bars.union(r);
        }
        for (SingleOutputStreamOperator<Bar> s : split.subList(1, split.size())) {
            dead = dead.union(s.getSideOutput(DEAD_LETTERS));
            vix = vix.union(s.getSideOutput(VIX));
            inputs = inputs.union(s.getSideOutput(INPUTS));
        }
        return new Split(bars, dead, vix, inputs);
    }

    @Override
    public void processElement(Ingested e, Context ctx, Collector<Bar> out) {
        if (e.isDeadLetter()) {
            ctx.output(DEAD_LETTERS, e.deadLetter());
        } else if (Ingested.BAR.equals(e.kind())) {
            out.collect(e.bar());
        } else {
            if (Ingested.VIX.equals(e.kind())) {
                ctx.output(VIX, e.vix());
            }
            ctx.output(INPUTS, e);
        }
    }
}
