package io.tradeflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/** The README's table of rule keys is the registry's: every key, its rule and its defaults. */
class RuleKeysReadmeTest {

    @Test
    void readmeTableEqualsTheRegistry() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String begin = "<!-- rule-keys -->\n";
        int from = readme.indexOf(begin);
        int to = readme.indexOf("<!-- /rule-keys -->");
        assertThat(from).as("README marks the table").isNotNegative();
        assertThat(readme.substring(from + begin.length(), to))
                .isEqualTo(RuleKeys.markdownTable());
        // an independent spot check of the registry's rows against the rulebook's numbers
        assertThat(RuleKeys.markdownTable())
                .contains("| `stop-out-count` | R-CB-3 | count | 3 | 3 |")
                .contains("| `entry-timeout-bars` | R-ORD-1 | count | 0 | 1 |")
                .contains("| `force-exit` | R-WIN-2 | time or none | 15:00 | none |")
                .doesNotContain("atr-period");
    }
}
