package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.rules.RuleKeys;
import io.tradeflow.testing.Readme;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** The job-scoped keys: each is what the binder reads, the README lists them, ctl refuses them. */
class JobKeysTest {

    private static TradeflowConfig parse(String... sets) {
        return ConfigLoader.parse(ConfigValidationTest.ACCOUNT, List.of(sets));
    }

    @Test
    void everyKeyReadsItsDefaultBackAndAChangeMovesItsValueOnly() {
        TradeflowConfig defaults = parse();
        for (JobKeys.Key k : JobKeys.keys()) {
            Object value = k.get().apply(defaults);
            if (value != null) {
                assertThat(parse(k.path() + "=" + k.text(defaults))).as(k.path())
                        .isEqualTo(defaults);
            }
            String changed = changed(value);
            TradeflowConfig c = parse(k.path() + "=" + changed);
            assertThat(k.text(c)).as(k.path()).isNotEqualTo(k.text(defaults));
            for (JobKeys.Key other : JobKeys.keys()) {
                if (other != k) {
                    assertThat(other.text(c)).as(k.path() + " left " + other.path() + " alone")
                            .isEqualTo(other.text(defaults));
                }
            }
        }
    }

    /** A valid value other than {@code v}: 1 % more, one more, one second more, the opposite. */
    private static String changed(Object v) {
        if (v == null) {
            return "3";
        }
        if (v instanceof Double d) {
            return String.valueOf(d * 1.01);
        }
        if (v instanceof Integer || v instanceof Long) {
            return String.valueOf(((Number) v).longValue() + 1);
        }
        if (v instanceof Duration d) {
            return d.plusSeconds(1).toString();
        }
        if (v instanceof Boolean b) {
            return String.valueOf(!b);
        }
        if (v instanceof List<?> l) {
            return "[" + l.get(0) + "]";
        }
        throw new IllegalArgumentException("no change for " + v.getClass());
    }

    @Test
    void noKeyIsBothJobAndAccountScoped() {
        for (JobKeys.Key k : JobKeys.keys()) {
            assertThat(RuleKeys.isKey(k.path())).as(k.path()).isFalse();
        }
        assertThat(JobKeys.refusal("base-pct")).isNull();
        assertThat(JobKeys.refusal("indicators.rsi.period"))
                .isEqualTo("'indicators.rsi.period' is job-scoped (R-SIG-2: one value for every"
                        + " account): set it in the configuration file and restart the job from a"
                        + " savepoint");
    }

    @Test
    void readmeTableEqualsTheRegistry() throws Exception {
        String table = JobKeys.markdownTable(parse());
        assertThat(Readme.section("job-keys")).isEqualTo(table);
        // spot checks against the rulebook's numbers (R-TIER-1, R-SIG-2)
        assertThat(table)
                .contains("| `tiers.moderate.max-heat-pct` | R-TIER-1 | largest total open risk as"
                        + " a share of the portfolio (moderate) | 0.1 |")
                .contains("| `signals.min-confluence` | R-SIG-2 | agreeing signals a confluence"
                        + " needs | 5 |");
    }

    @Test
    void aMistypedJobKeyIsStillAConfigurationError() {
        assertThatThrownBy(() -> parse("indicators.rsi.periods=3"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("indicators.rsi.periods");
    }
}
