package io.tradeflow.job;

import io.tradeflow.cep.RapidMovePattern;
import io.tradeflow.cep.VixBreakerPattern;
import io.tradeflow.cep.VolatilityClusterPattern;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketEvent;
import io.tradeflow.event.RapidMove;
import io.tradeflow.event.VixQuote;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/**
 * Runs the standalone CEP operators — {@code VixBreaker} over VIX quotes, {@code RapidMove} per
 * ticker over bars, {@code VolatilityCluster} over rapid moves — and turns their outputs into
 * engine inputs for the accounts they concern.
 *
 * <p>Times: a VIX halt is known at its crossing quote. A rapid move is passed on at its
 * <em>confirmation</em> time, {@code ts + window}: the pattern reports a move only once every
 * earlier-starting partial match has ended, which takes up to the window, so its output cannot
 * carry the move's own time without arriving behind the watermark. The confirmation time makes
 * its place in the engine's order the same in BATCH and STREAMING.
 */
final class MarketEvents {
    private MarketEvents() {}

    static DataStream<AccountInput> build(DataStream<Bar> bars, DataStream<VixQuote> vix,
            EngineSettings settings) {
        long window = RapidMovePattern.DEFAULT_WINDOW.toMillis();
        DataStream<AccountInput> halts = VixBreakerPattern.detect(vix.keyBy(q -> VixBreakerPattern.KEY))
                .process(new ToAccounts(settings, 0)).name("route-vix-halts").uid("route-vix-halts");
        DataStream<RapidMove> confirmed = RapidMovePattern.detect(bars.keyBy(Bar::ticker))
                .process(new Confirm(window)).name("rapid-move-confirmed")
                .uid("rapid-move-confirmed");
        DataStream<AccountInput> moves = confirmed.process(new MovesToAccounts(settings, window))
                .name("route-rapid-moves").uid("route-rapid-moves");
        DataStream<AccountInput> clusters = VolatilityClusterPattern
                .detect(confirmed.keyBy(m -> VolatilityClusterPattern.KEY))
                .process(new ToAccounts(settings, window)).name("route-volatility-clusters")
                .uid("route-volatility-clusters");
        return halts.union(moves, clusters);
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

    /** Sends a rapid move to the accounts trading its ticker, at its confirmation time. */
    static final class MovesToAccounts extends ProcessFunction<RapidMove, AccountInput> {
        private final EngineSettings settings;
        private final long window;
        private transient Map<String, List<String>> byTicker;

        MovesToAccounts(EngineSettings settings, long window) {
            this.settings = settings;
            this.window = window;
        }

        @Override
        public void open(OpenContext ctx) {
            byTicker = AccountRouter.index(settings);
        }

        @Override
        public void processElement(RapidMove m, Context ctx, Collector<AccountInput> out) {
            long at = m.ts() + window;
            Timestamps.stamp(out, at);
            for (String a : byTicker.getOrDefault(m.ticker(), List.of())) {
                out.collect(AccountInput.of(a, m, at));
            }
        }
    }

    /** Sends a market-wide event to every account at {@code event ts + delay}. */
    static final class ToAccounts extends ProcessFunction<MarketEvent, AccountInput> {
        private final EngineSettings settings;
        private final long delay;

        ToAccounts(EngineSettings settings, long delay) {
            this.settings = settings;
            this.delay = delay;
        }

        @Override
        public void processElement(MarketEvent e, Context ctx, Collector<AccountInput> out) {
            long at = e.ts() + delay;
            Timestamps.stamp(out, at);
            for (AccountConfig a : settings.accounts()) {
                out.collect(AccountInput.of(a.id(), e, at));
            }
        }
    }
}
