package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.VixQuote;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's tie groups keep their promise to the BATCH buffer: an account's ticks of two
 * tickers are in {@link Account#TIE_ORDER} by their tickers alone, whatever their times and
 * prices, never equal; and only ticks have a group.
 */
class TieGroupProperties {
    private final AccountEngine engine =
            new AccountEngine(EngineFixtures.settings("intraday"), true);

    @Property(tries = 2_000)
    void ticksOfTwoTickersAreInTheOrderOfTheirTickers(@ForAll("tickers") String x,
            @ForAll("tickers") String y, @ForAll("ticks") Bar a, @ForAll("ticks") Bar b) {
        AccountInput ax = tick(x, a);
        AccountInput by = tick(y, b);
        assertThat(engine.tieGroup(ax)).isEqualTo(x);
        assertThat(engine.tieGroup(by)).isEqualTo(y);
        if (!x.equals(y)) {
            int c = Account.TIE_ORDER.compare(ax, by);
            assertThat(Integer.signum(c)).as(x + " " + y).isEqualTo(Integer.signum(x.compareTo(y)))
                    .isNotZero();
        }
    }

    @Property(tries = 200)
    void onlyTicksHaveAGroup(@ForAll("ticks") Bar a) {
        assertThat(engine.tieGroup(AccountInput.of("A1", new VixQuote(a.ts(),
                a.close())))).isNull();
    }

    private static AccountInput tick(String ticker, Bar b) {
        return AccountInput.of("A1", MarketTick.withAtr(new Bar(ticker, b.ts(), b.open(),
                b.high(), b.low(), b.close(), b.volume()), null));
    }

    @Provide
    Arbitrary<String> tickers() {
        return Arbitraries.strings().withChars("ABCXYZ.0").ofMinLength(1).ofMaxLength(4);
    }

    @Provide
    Arbitrary<Bar> ticks() {
        return Combinators.combine(Arbitraries.longs().between(0, 3),
                Arbitraries.doubles().between(1, 3).ofScale(1)).as((m, p) ->
                new Bar("T", 1_294_065_060_000L + m * 60_000, p, p, p, p, 100));
    }
}
