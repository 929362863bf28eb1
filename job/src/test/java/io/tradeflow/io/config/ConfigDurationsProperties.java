package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;

/** Every duration's ISO-8601 form and its millisecond shorthand parse back to it. */
class ConfigDurationsProperties {

    @Property
    void isoFormOfAnyDurationParsesBack(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long ms) {
        Duration d = Duration.ofMillis(ms);
        assertThat(ConfigDurations.parse(d.toString())).isEqualTo(d);
        assertThat(ConfigDurations.parse(ms + "ms")).isEqualTo(d);
    }
}
