package io.tradeflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** {@link Indicators#isAtrOnly} is the allocation-free form of comparing with atrOnly. */
class IndicatorsProperties {

    @Property
    void isAtrOnlyIsEqualityWithAtrOnly(@ForAll("indicators") Indicators in) {
        assertThat(in.isAtrOnly()).isEqualTo(Indicators.atrOnly(in.atr()).equals(in));
    }

    @Property
    void atrOnlyIsAtrOnly(@ForAll("value") Double atr) {
        assertThat(Indicators.atrOnly(atr).isAtrOnly()).isTrue();
    }

    @Provide
    Arbitrary<Double> value() {
        return valueOrNull(1);
    }

    /**
     * Indicators of which about half have no field but the ATR and the session flag: each other
     * field is null 19 times in 20, as a warming-up indicator is.
     */
    @Provide
    Arbitrary<Indicators> indicators() {
        Arbitrary<Double[]> rest = valueOrNull(19).array(Double[].class).ofSize(16);
        return Combinators.combine(Arbitraries.of(true, false), value(), rest)
                .as((session, atr, r) -> new Indicators(session, atr, r[0], r[1], r[2], r[3],
                        r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
                        r[15]));
    }

    /** null {@code nulls} times in {@code nulls + 2}, else a number or (once) NaN. */
    private static Arbitrary<Double> valueOrNull(int nulls) {
        return Arbitraries.frequencyOf(
                Tuple.of(nulls, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.doubles().between(-1e6, 1e6).map(d -> d)),
                Tuple.of(1, Arbitraries.just(Double.NaN)));
    }
}
