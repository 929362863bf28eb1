package io.tradeflow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** The rule keys of the configuration and the set control command (R-CB-5), both ways. */
class RuleKeysTest {

    static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    @Test
    void everyRiskParamEveryExitParamAndEveryScalarRuleHasAKey() {
        assertThat(RuleKeys.RISK_KEYS).containsExactlyElementsOf(
                Arrays.stream(RiskParams.class.getRecordComponents())
                        .map(RecordComponent::getName).map(RuleKeysTest::kebab).toList());
        assertThat(RuleKeys.EXIT_KEYS).containsExactlyElementsOf(
                Arrays.stream(ExitParams.class.getRecordComponents())
                        .map(RecordComponent::getName).map(RuleKeysTest::kebab).toList());
        assertThat(RuleKeys.RULE_KEYS).containsExactlyElementsOf(
                Arrays.stream(RuleParams.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .filter(n -> !n.equals("risk") && !n.equals("exits")
                                && !n.equals("options"))
                        .map(RuleKeysTest::kebab).toList());
        assertThat(RuleKeys.OPTION_KEYS).containsExactlyElementsOf(
                Arrays.stream(OptionParams.class.getRecordComponents())
                        .map(RecordComponent::getName).map(n -> "option-" + kebab(n)).toList());
        assertThat(RuleKeys.KEYS).hasSize(RuleKeys.RULE_KEYS.size() + RuleKeys.RISK_KEYS.size()
                        + RuleKeys.EXIT_KEYS.size() + RuleKeys.OPTION_KEYS.size())
                .contains("base-pct", "absolute-position-cap", "stop-loss-percent", "entry-start",
                        "entry-end", "vix-halt-level", "max-open-positions", "daily-loss-pct",
                        "position-cooldown", "event-day-cutoff", "confluence-sizing",
                        "atr-change-pct", "heat-tighten-at", "tranches", "micro-enabled",
                        "rebalance");
    }

    @Test
    void getsTheExitDefaultsAsText() {
        RuleParams p = RuleParams.SWING;
        assertThat(RuleKeys.get(p, "reevaluate-every")).isEqualTo("PT5M");
        assertThat(RuleKeys.get(p, "atr-change-pct")).isEqualTo("0.1");
        assertThat(RuleKeys.get(p, "earnings-stop-factor")).isEqualTo("0.7");
        assertThat(RuleKeys.get(p, "high-severity-stop-factor")).isEqualTo("0.5");
        assertThat(RuleKeys.get(p, "heat-tighten-at")).isEqualTo("0.8");
        assertThat(RuleKeys.get(p, "stale-price-after")).isEqualTo("PT15M");
        assertThat(RuleKeys.get(p, "trailing-arm-pct")).isEqualTo("0.5");
        assertThat(RuleKeys.get(p, "rapid-move-pct")).isEqualTo("0.05");
        assertThat(RuleKeys.get(p, "gradual-entry-threshold")).isEqualTo("30");
        assertThat(RuleKeys.get(p, "gradual-entry-pool-pct")).isEqualTo("0.05");
        assertThat(RuleKeys.get(p, "tranches")).isEqualTo("3");
        assertThat(RuleKeys.get(p, "tranche-interval")).isEqualTo("PT5M");
        assertThat(RuleKeys.get(p, "micro-enabled")).isEqualTo("false");
        assertThat(RuleKeys.get(p, "micro-pool-pct")).isEqualTo("0.03");
        assertThat(RuleKeys.get(p, "micro-max-per-day")).isEqualTo("10");
        assertThat(RuleKeys.get(p, "micro-stop-atr")).isEqualTo("1");
        assertThat(RuleKeys.get(p, "micro-reward-risk")).isEqualTo("1.5");
        assertThat(RuleKeys.get(p, "micro-max-hold")).isEqualTo("PT2H");
        assertThat(RuleKeys.get(p, "rebalance")).isEqualTo("true");
        assertThat(RuleParams.INTRADAY.exits()).isEqualTo(ExitParams.DEFAULTS);
    }

    @Test
    void setsOneExitValueAndLeavesTheRestAlone() {
        RuleParams p = RuleParams.SWING;
        RuleParams q = RuleKeys.set(p, "micro-enabled", "true");
        assertThat(q.exits().microEnabled()).isTrue();
        assertThat(q.withExits(p.exits())).isEqualTo(p);
        assertThat(q.risk()).isEqualTo(p.risk());
        assertThat(q.exits()).usingRecursiveComparison().ignoringFields("microEnabled")
                .isEqualTo(p.exits());

        assertThat(RuleKeys.set(p, "tranches", "1").exits().tranches()).isEqualTo(1);
        assertThat(RuleKeys.set(p, "micro-max-hold", "90m").exits().microMaxHold())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(RuleKeys.set(p, "gradual-entry-threshold", "500").exits()
                .gradualEntryThreshold()).isEqualTo(500.0);
        assertThat(RuleKeys.set(p, "heat-tighten-at", "0.9").exits().heatTightenAt())
                .isEqualTo(0.9);
        assertThat(RuleKeys.set(p, "rebalance", "false").exits().rebalance()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tranches|0|tranches: must be at least 1, got 0",
        "micro-max-per-day|0|micro-max-per-day: must be at least 1, got 0",
        "heat-tighten-at|0|heat-tighten-at: must be a fraction in (0, 1] (0.2 = 20 %), got 0.0",
        "high-severity-stop-factor|1.5|high-severity-stop-factor: must be a fraction in (0, 1] (0.2 = 20 %), got 1.5",
        "atr-change-pct|-0.1|atr-change-pct: must be a fraction in [0, 1] (0.2 = 20 %), got -0.1",
        "gradual-entry-threshold|-1|gradual-entry-threshold: must not be negative, got -1.0",
        "micro-stop-atr|0|micro-stop-atr: must be greater than 0, got 0.0",
        "stale-price-after|15|stale-price-after: expected a duration with a unit (PT10S, 10s, 5m, 24h), got the bare number 15",
        "micro-enabled|on|micro-enabled: expected true or false, got 'on'",
    })
    void refusesABadExitValueNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.SWING, key, value))
                .isInstanceOf(RuleKeys.InvalidValue.class)
                .hasMessage(message);
    }

    @Test
    void everyKeyReadsBackWhatItWrites() {
        for (RuleParams p : new RuleParams[] {RuleParams.INTRADAY, RuleParams.SWING}) {
            for (String key : RuleKeys.KEYS) {
                assertThat(RuleKeys.set(p, key, RuleKeys.get(p, key))).as(key).isEqualTo(p);
            }
        }
    }

    /** Each key's setter writes its own field, no other (the registry's rows are hand-written). */
    @Test
    void everyKeyWritesItsOwnFieldAndNoOther() {
        RuleParams p = RuleParams.INTRADAY;
        for (String key : RuleKeys.KEYS) {
            String before = RuleKeys.get(p, key);
            String value = switch (RuleKeys.kind(key)) {
                case FRACTION_ABOVE_ZERO, FRACTION, POSITIVE, NON_NEGATIVE ->
                        before.equals("0.37") ? "0.41" : "0.37";
                case COUNT, PERIOD -> before.equals("7") ? "8" : "7";
                case DURATION -> before.equals("PT7M") ? "PT8M" : "PT7M";
                case TIME, TIME_OR_NONE -> before.equals("10:07") ? "10:08" : "10:07";
                case BOOLEAN -> String.valueOf(!Boolean.parseBoolean(before));
                case NAMES -> "alpha,beta";
                // a listed choice other than the default
                case CHOICE -> Map.of("option-expiry", "weekly", "option-limit", "mid").get(key);
            };
            RuleParams q = RuleKeys.with(p, key, value);
            assertThat(RuleKeys.get(q, key)).as(key).isEqualTo(value);
            for (String other : RuleKeys.KEYS) {
                if (!other.equals(key)) {
                    assertThat(RuleKeys.get(q, other)).as(key + " left " + other + " alone")
                            .isEqualTo(RuleKeys.get(p, other));
                }
            }
        }
    }

    @Test
    void getsTheDefaultsAsText() {
        RuleParams p = RuleParams.INTRADAY;
        assertThat(RuleKeys.get(p, "max-open-positions")).isEqualTo("10");
        assertThat(RuleKeys.get(p, "daily-loss-pct")).isEqualTo("0.03");
        assertThat(RuleKeys.get(p, "position-cooldown")).isEqualTo("PT24H");
        assertThat(RuleKeys.get(p, "event-day-cutoff")).isEqualTo("12:00");
        assertThat(RuleKeys.get(RuleParams.SWING, "event-day-cutoff")).isEqualTo("none");
        assertThat(RuleKeys.get(p, "confluence-sizing")).isEqualTo("true");
        assertThat(RuleKeys.get(p, "absolute-position-cap")).isEqualTo("25000");
        assertThat(RuleKeys.get(p, "min-active-pool")).isEqualTo("100");
        assertThat(RuleKeys.get(p, "entry-end")).isEqualTo("14:15");
        assertThat(RuleKeys.get(p, "force-exit")).isEqualTo("15:00");
        assertThat(RuleKeys.get(p, "allowed-live-signal-types"))
                .isEqualTo("confluence,orb,orb_direction");
    }

    @Test
    void setsOneValueAndLeavesTheRestAlone() {
        RuleParams p = RuleParams.INTRADAY;
        RuleParams q = RuleKeys.set(p, "max-open-positions", "5");
        assertThat(q.risk().maxOpenPositions()).isEqualTo(5);
        assertThat(q.withRisk(p.risk())).isEqualTo(p);
        assertThat(q.risk()).usingRecursiveComparison().ignoringFields("maxOpenPositions")
                .isEqualTo(p.risk());

        assertThat(RuleKeys.set(p, "position-cooldown", "12h").risk().positionCooldown())
                .isEqualTo(Duration.ofHours(12));
        assertThat(RuleKeys.set(p, "stop-out-window", "PT45M").risk().stopOutWindow())
                .isEqualTo(Duration.ofMinutes(45));
        assertThat(RuleKeys.set(p, "event-day-cutoff", "none").risk().eventDayCutoff()).isNull();
        assertThat(RuleKeys.set(p, "event-day-cutoff", "13:30").risk().eventDayCutoff())
                .isEqualTo(LocalTime.of(13, 30));
        assertThat(RuleKeys.set(p, "confluence-sizing", "false").risk().confluenceSizing())
                .isFalse();
        assertThat(RuleKeys.set(p, "daily-loss-pct", " 0.05 ").risk().dailyLossPct())
                .isEqualTo(0.05);
        assertThat(RuleKeys.set(p, "max-trades-per-day", "0").risk().maxTradesPerDay()).isZero();
        assertThat(RuleKeys.set(p, "base-pct", "0.05").basePct()).isEqualTo(0.05);
        assertThat(RuleKeys.set(p, "vix-halt-level", "30").vixHaltLevel()).isEqualTo(30.0);
        assertThat(RuleKeys.set(p, "entry-start", "10:00").entryStart())
                .isEqualTo(LocalTime.of(10, 0));
        assertThat(RuleKeys.set(p, "force-exit", "none").forceExit()).isNull();
        assertThat(RuleKeys.set(p, "allowed-live-signal-types", "orb, confluence")
                .allowedLiveSignalTypes()).isEqualTo(Set.of("orb", "confluence"));
        assertThat(p.risk().maxOpenPositions()).as("the base is not changed").isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "max-open-positions|-1|max-open-positions: must not be negative (0 turns the rule off), got -1",
        "max-open-positions|2.5|max-open-positions: expected a whole number, got 2.5",
        "max-open-positions|ten|max-open-positions: expected a whole number, got 'ten'",
        "daily-loss-pct|1.5|daily-loss-pct: must be a fraction in [0, 1] (0.2 = 20 %), got 1.5",
        "daily-loss-pct|-0.1|daily-loss-pct: must be a fraction in [0, 1] (0.2 = 20 %), got -0.1",
        "daily-loss-pct|NaN|daily-loss-pct: expected a finite number, got NaN",
        "position-cooldown|0s|position-cooldown: must be greater than 0, got 0s",
        "position-cooldown|24|position-cooldown: expected a duration with a unit (PT10S, 10s, 5m, 24h), got the bare number 24",
        "position-cooldown|soon|position-cooldown: 'soon' is not a duration (expected ISO-8601 such as PT10S or P4D, or 500ms, 60s, 5m, 24h, 4d)",
        "event-day-cutoff|noon|event-day-cutoff: expected a time HH:mm (America/New_York), got 'noon'",
        "confluence-sizing|yes|confluence-sizing: expected true or false, got 'yes'",
        "correlation-days|0|correlation-days: must be at least 1, got 0",
        "diversification-bonus|0|diversification-bonus: must be greater than 0, got 0.0",
        "min-active-pool|-5|min-active-pool: must not be negative, got -5.0",
        "base-pct|0|base-pct: must be a fraction in (0, 1] (0.2 = 20 %), got 0.0",
    })
    void refusesABadValueNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, key, value))
                .isInstanceOf(RuleKeys.InvalidValue.class)
                .hasMessage(message);
    }

    @Test
    void refusesAnUnknownKeyListingTheValidOnes() {
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "max-positions", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown rule key 'max-positions' (valid keys: entry-start,")
                .hasMessageContaining("max-open-positions");
        assertThatThrownBy(() -> RuleKeys.get(RuleParams.INTRADAY, "risk"))
                .hasMessageStartingWith("unknown rule key 'risk'");
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, null, "3"))
                .hasMessageStartingWith("unknown rule key 'null'");
    }

    @Test
    void setRefusesAValueThatBreaksATieBetweenKeys() {
        // R-SIZE-3: reduce strictly below reject
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "correlation-reduce", "0.8"))
                .hasMessage("correlation-reduce: correlation-reduce 0.8 must be below "
                        + "correlation-reject 0.8 (R-SIZE-3)");
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "entry-end", "09:00"))
                .hasMessage("entry-start: entry-start 09:45 must be before entry-end 09:00 "
                        + "(R-WIN-1)");
        assertThatThrownBy(() -> RuleKeys.set(RuleParams.INTRADAY, "earnings-reject-days", "4"))
                .hasMessageContaining("(R-CAL-2)");
        // with() checks one value only, so several keys can be set before validate()
        RuleParams p = RuleKeys.with(RuleParams.INTRADAY, "correlation-reduce", "0.85");
        assertThat(RuleTies.validate(p)).hasSize(1);
        p = RuleKeys.with(p, "correlation-reject", "0.9");
        assertThat(RuleTies.validate(p)).isEmpty();
        assertThat(RuleTies.validate(RuleParams.INTRADAY)).isEmpty();
        assertThat(RuleTies.validate(RuleParams.SWING)).isEmpty();
    }

    @Test
    @DisplayName("R-MOVE-1: an account may react to larger rapid moves than the job's pattern"
            + " reports, never to smaller ones")
    void rapidMovePctIsBoundedByTheJobsPattern() {
        RuleParams p = RuleParams.INTRADAY;
        assertThat(RuleKeys.set(p, "rapid-move-pct", "0.08").exits().rapidMovePct())
                .isEqualTo(0.08);
        assertThatThrownBy(() -> RuleKeys.set(p, "rapid-move-pct", "0.03"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rapid-move-pct 0.03 is below 0.05, the job's rapid-move"
                        + " pattern threshold (R-MOVE-1)");
    }
}
