package io.tradeflow.market;

import io.tradeflow.cep.RapidMovePattern;
import io.tradeflow.cep.VixBreakerPattern;
import io.tradeflow.cep.VolatilityClusterPattern;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import io.tradeflow.ordering.Timestamps;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;


/**
 * Runs the standalone CEP operators of the market: {@code VixBreaker} over VIX quotes, {@code
 * RapidMove} per ticker over bars, {@code VolatilityCluster} over rapid moves. The job routes
 * their outputs to the accounts they concern.
 *
 * <p>Times: a VIX halt is known at its crossing quote. A rapid move is passed on at its
 * <em>confirmation</em> time, {@code ts + window}: the pattern reports a move only once every
 * earlier-starting partial match has ended, which takes up to the window, so its output cannot
 * carry the move's own time without arriving behind the watermark. The confirmation time makes
 * its place in the engine's order the same in BATCH and STREAMING. A volatility cluster is known
 * at its last move's confirmation.
 */
public final class MarketEvents {
    /** The delay from a rapid move's own time to its confirmation. */
    public static final long CONFIRMATION = RapidMovePattern.DEFAULT_WINDOW.toMillis();

    private MarketEvents() {}

    /**
     * Holds the market's event streams.
     *
     * @param halts VIX halts opened and cleared, at their quote's time
     * @param moves rapid moves, stamped with their confirmation time
     * @param clusters volatility clusters over the confirmed moves
     */
    public record Streams(SingleOutputStreamOperator<MarketEvent> halts,
            DataStream<RapidMove> moves, SingleOutputStreamOperator<MarketEvent> clusters) {}

    public static Streams build(DataStream<Bar> bars, DataStream<VixQuote> vix) {
        SingleOutputStreamOperator<MarketEvent> halts =
                VixBreakerPattern.detect(vix.keyBy(q -> VixBreakerPattern.KEY));
        DataStream<RapidMove> confirmed = RapidMovePattern.detect(bars.keyBy(Bar::ticker))
                .process(new Confirm(CONFIRMATION)).name("rapid-move-confirmed")
                .uid("rapid-move-confirmed");
        SingleOutputStreamOperator<MarketEvent> clusters = VolatilityClusterPattern
                .detect(confirmed.keyBy(m -> VolatilityClusterPattern.KEY));
        return new Streams(halts, confirmed, clusters);
    }

    /** Stamps each rapid move with its confirmation time, {@code ts + window}. */
    static final class Confirm extends ProcessFunction<RapidMove, RapidMove> {
        private final long window;

        Confirm(long window) {
            this.window = window;
        }

        @Override
        public void processElement(RapidMove m, Context ctx, Collector<RapidMove> out) {
            Timestamps.stamp(out, m.ts() + window);
            out.collect(m);
        }
    }
}
