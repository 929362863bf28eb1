package io.tradeflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Bar;
import io.tradeflow.event.VixQuote;
import io.tradeflow.sample.MarketGenerator.Generated;
import io.tradeflow.sample.MarketGenerator.Spec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

class MarketGeneratorProperties {
    private static final byte[] SECRET = "s".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 25)
    void barsAreValidAndVixCrossesOnceForAnySeed(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int days) {
        Spec spec = new Spec(seed, List.of("AAA", "BBB"), List.of(3.17, 850.0),
                MarketGenerator.tradingDays(LocalDate.of(2024, 10, 31), days, Set.of()),
                5, 0.2, List.of("x"), SECRET);
        Generated g = MarketGenerator.generate(spec);

        assertThat(g.bars()).hasSize(2 * 390 * days).allSatisfy(b -> {
            assertThat(b.low()).isGreaterThan(0.0);
            assertThat(b.low()).isLessThanOrEqualTo(Math.min(b.open(), b.close()));
            assertThat(Math.max(b.open(), b.close())).isLessThanOrEqualTo(b.high());
        });
        int ups = 0;
        int downs = 0;
        List<VixQuote> vix = g.vix();
        for (int i = 1; i < vix.size(); i++) {
            boolean before = vix.get(i - 1).value() >= 28.0;
            boolean now = vix.get(i).value() >= 28.0;
            ups += !before && now ? 1 : 0;
            downs += before && !now ? 1 : 0;
        }
        assertThat(vix.get(0).value()).isLessThan(28.0);
        assertThat(ups).isOne();
        assertThat(downs).isOne();
        assertThat(g.recommendationJsonLines()).hasSize(5 * days + Math.round(5 * days * 0.2f));
        assertThat(MarketGenerator.generate(spec)).isEqualTo(g);
        assertThat(g.bars().stream().mapToLong(Bar::volume).min().orElseThrow()).isPositive();
    }
}
