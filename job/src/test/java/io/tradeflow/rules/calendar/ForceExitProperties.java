package io.tradeflow.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.RuleParams;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

import java.time.Duration;
import java.time.LocalTime;

/** Properties of R-WIN-2 over random instants of 2020–2030, DST changes included. */
@Label("R-WIN-2 force exit properties")
class ForceExitProperties {
    private static final long FROM = 1_577_836_800_000L; // 2020-01-01T00:00Z
    private static final long TO = 1_924_992_000_000L; // 2031-01-01T00:00Z

    @Provide
    Arbitrary<Long> instants() {
        return Arbitraries.longs().between(FROM, TO).withDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 5_000)
    void theForceExitIsTheNextOccurrenceOf1500NewYorkTime(@ForAll("instants") long ts) {
        long exit = ForceExit.after(ts, RuleParams.INTRADAY);

        assertThat(MarketTime.time(exit)).isEqualTo(LocalTime.of(15, 0));
        assertThat(exit).isGreaterThan(ts);
        // at most one day of 25 hours away, and the same or the next New York date
        assertThat(exit - ts).isLessThanOrEqualTo(Duration.ofHours(25).toMillis());
        assertThat(MarketTime.date(exit)).isBetween(MarketTime.date(ts),
                MarketTime.date(ts).plusDays(1));
    }
}
