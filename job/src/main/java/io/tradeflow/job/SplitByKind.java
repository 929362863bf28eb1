package io.tradeflow.job;

import io.tradeflow.event.Bar;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.VixQuote;
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

    /** The split streams of every source, each kind unioned over the sources. */
    record Split(DataStream<Bar> bars, DataStream<DeadLetter> deadLetters, DataStream<VixQuote> vix,
            DataStream<Ingested> inputs) {}

    /** Splits each source where it is read (same parallelism, so chained) and unions the kinds. */
    static Split of(List<DataStream<Ingested>> sources) {
        List<SingleOutputStreamOperator<Bar>> split = new ArrayList<>();
        for (DataStream<Ingested> s : sources) {
            String uid = s.getTransformation().getUid();
            split.add(s.process(new SplitByKind()).returns(EdgeTypes.BAR)
                    .setParallelism(s.getParallelism())
                    .name("split " + s.getTransformation().getName())
                    .uid("split-" + (uid != null ? uid : s.getId())));
        }
        DataStream<Bar> bars = split.get(0);
        DataStream<DeadLetter> dead = split.get(0).getSideOutput(DEAD_LETTERS);
        DataStream<VixQuote> vix = split.get(0).getSideOutput(VIX);
        DataStream<Ingested> inputs = split.get(0).getSideOutput(INPUTS);
        for (SingleOutputStreamOperator<Bar> s : split.subList(1, split.size())) {
            bars = bars.union(s);
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
