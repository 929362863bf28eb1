package io.tradeflow.job.edges;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact edge forms read back exactly what was written: every double to its bits (NaN and
 * -0.0 included), any times and volumes, tickers shared by the run or not, texts with characters
 * beyond Latin-1 and null; and a run of one ticker writes the ticker once.
 */
class CompactProperties {

    @Property(tries = 500)
    void barsReadBackToTheirBits(@ForAll("runs") List<Bar> bars) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        Compact.bars(bars, b -> b, out);
        List<Bar> back = new ArrayList<>();
        Compact.bars(new DataInputDeserializer(out.getCopyOfBuffer()), bars.size(), back);
        assertThat(back).isEqualTo(bars);
    }

    @Property(tries = 300)
    void textsReadBack(@ForAll("texts") String s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        Compact.text(s, out);
        Compact.text("after", out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(Compact.text(in)).isEqualTo(s);
        assertThat(Compact.text(in)).isEqualTo("after");
    }

    @Property(tries = 200)
    void aRunWritesItsTickerOnce(@ForAll("minutes") List<Bar> day) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        Compact.bars(day, b -> b, out);
        // a flag and the ticker once, then time, four prices and volume: 48 bytes a bar
        assertThat(out.length()).isEqualTo(1 + 1 + 3 + day.size() * 48);
    }

    @Provide
    Arbitrary<List<Bar>> runs() {
        Arbitrary<String> ticker = Arbitraries.of("SPY", "QQQ", "BRK.B", "Ä€");
        Arbitrary<Double> price = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 10_000_000).map(i -> i / 1e4),
                Arbitraries.doubles(),
                Arbitraries.of(-0.0, Double.NaN, Double.POSITIVE_INFINITY, -1e300, 1e-9,
                        Long.MAX_VALUE / 1e4, 0.1 + 0.2));
        Arbitrary<Long> ts = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.longs().between(1_294_000_000_000L, 1_295_000_000_000L));
        Arbitrary<Bar> bar = Combinators.combine(ticker, ts, price, price, price, price,
                Arbitraries.longs()).as(Bar::new);
        return Arbitraries.oneOf(bar.list().ofMinSize(1).ofMaxSize(8),
                bar.map(b -> withTicker(b, "SPY")).list().ofMinSize(1).ofMaxSize(8));
    }

    @Provide
    Arbitrary<List<Bar>> minutes() {
        return Arbitraries.integers().between(1_000_000, 5_000_000).list().ofSize(390)
                .map(walk -> {
                    List<Bar> day = new ArrayList<>();
                    long t = 1_294_065_000_000L;
                    int p = walk.get(0);
                    for (int step : walk) {
                        int next = p + step % 500 - 250;
                        day.add(new Bar("T42", t, p / 1e4, (Math.max(p, next) + 40) / 1e4,
                                (Math.min(p, next) - 40) / 1e4, next / 1e4, step % 100_000));
                        p = next;
                        t += 60_000;
                    }
                    return day;
                });
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(40).injectNull(0.1);
    }

    private static Bar withTicker(Bar b, String ticker) {
        return new Bar(ticker, b.ts(), b.open(), b.high(), b.low(), b.close(), b.volume());
    }
}
