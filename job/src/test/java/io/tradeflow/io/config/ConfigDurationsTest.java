package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Parses ISO-8601 and shorthand durations. */
class ConfigDurationsTest {

    @Test
    void parsesShorthand() {
        assertThat(ConfigDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigDurations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConfigDurations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigDurations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(ConfigDurations.parse("4d")).isEqualTo(Duration.ofDays(4));
        assertThat(ConfigDurations.parse(" 10S ")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void parsesIso() {
        assertThat(ConfigDurations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConfigDurations.parse("PT0.1S")).isEqualTo(Duration.ofMillis(100));
        assertThat(ConfigDurations.parse("P4D")).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void rejectsOthersWithAHelpfulMessage() {
        assertThatThrownBy(() -> ConfigDurations.parse("10 minutes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10 minutes' is not a duration")
                .hasMessageContaining("PT10S");
        assertThatThrownBy(() -> ConfigDurations.parse("1.5s"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
