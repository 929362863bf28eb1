package io.tradeflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.testing.Readme;

import org.junit.jupiter.api.Test;

/** The README's table of rule keys is the registry's: every key, its rule and its defaults. */
class RuleKeysReadmeTest {

    @Test
    void readmeTableEqualsTheRegistry() throws Exception {
        assertThat(Readme.section("rule-keys")).isEqualTo(RuleKeys.markdownTable());
        // an independent spot check of the registry's rows against the rulebook's numbers
        assertThat(RuleKeys.markdownTable())
                .contains("| `stop-out-count` | R-CB-3 | stop-outs within the window that pause"
                        + " entries | count | 3 | 3 |")
                .contains("| `entry-timeout-bars` | R-ORD-1 | an entry not filled by this many bars"
                        + " is cancelled; 0 = use entry-timeout | count | 0 | 1 |")
                .contains("| `force-exit` | R-WIN-2 | every position closes at this time; none holds"
                        + " overnight | time or none | 15:00 | none |")
                .doesNotContain("atr-period");
    }
}
