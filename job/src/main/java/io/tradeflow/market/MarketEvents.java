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
 * RapidMove} per ticker over the bars the ticker stage screened ({@link
 * MarketAnalytics#RAPID_MOVE_BARS}), {@code VolatilityCluster} over rapid moves. The job routes
 * their outputs to the accounts they concern.
 *
 * <p>Times: a VIX halt is known at its crossing quote. A rapid move is known at its completing
 * bar: the screened stream holds only each move's start and completing bar, so the pattern emits
 * the match at that bar's time, and the move is passed on stamped with it ({@link RapidMove#ts()})
 * in both modes. A volatility cluster is passed on {@link #CLUSTER_DELAY} after its last move,
 * as before moves were known at their own time, so clusters keep their place in the engine's
 * order.
 */
public final class MarketEvents {
    /** The delay from a volatility cluster's last move to the time it reaches the accounts. */
    public static final long CLUSTER_DELAY = RapidMovePattern.DEFAULT_WINDOW.toMillis();

    private MarketEvents() {}

    /**
     * Holds the market's event streams.
     *
     * @param halts VIX halts opened and cleared, at their quote's time
     * @param moves rapid moves, stamped with their completing bar's time
     * @param clusters volatility clusters over the moves
     */
    public record Streams(SingleOutputStreamOperator<MarketEvent> halts,
            DataStream<RapidMove> moves, SingleOutputStreamOperator<MarketEvent> clusters) {}

    /**
     * Builds the market's CEP operators.
     *
     * @param screened the ticker stage's {@link MarketAnalytics#RAPID_MOVE_BARS}
     */
    public static Streams build(DataStream<Bar> screened, DataStream<VixQuote> vix) {
        SingleOutputStreamOperator<MarketEvent> halts =
                VixBreakerPattern.detect(vix.keyBy(q -> VixBreakerPattern.KEY));
        DataStream<RapidMove> moves = RapidMovePattern
                .detectScreened(screened.keyBy(Bar::ticker))
                .process(new AtOwnTime()).name("rapid-move-time").uid("rapid-move-time");
        SingleOutputStreamOperator<MarketEvent> clusters = VolatilityClusterPattern
                .detect(moves.keyBy(m -> VolatilityClusterPattern.KEY));
        return new Streams(halts, moves, clusters);
    }

    /**
     * Stamps each rapid move with its own time: in BATCH the screened bars carry the time of the
     * ticker stage's call that emitted them, which may be the next bar's.
     */
    static final class AtOwnTime extends ProcessFunction<RapidMove, RapidMove> {
        @Override
        public void processElement(RapidMove m, Context ctx, Collector<RapidMove> out) {
            Timestamps.stamp(out, m.ts());
            out.collect(m);
        }
    }
}
