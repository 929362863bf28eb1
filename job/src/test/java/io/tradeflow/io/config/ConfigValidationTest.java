package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tradeflow.rules.RuleKeys;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Rejects invalid configurations with every problem listed at once. */
class ConfigValidationTest {

    /** One valid account: the smallest complete configuration. */
    static final String ACCOUNT =
            """
            accounts:
              - id: A1
                profile: intraday
                mode: paper
                cash: 100000
                universe: [SPY]
            """;

    private static List<String> errors(String yaml, String... sets) {
        ConfigException e =
                catchThrowableOfType(
                        ConfigException.class, () -> ConfigLoader.parse(yaml, List.of(sets)));
        assertThat(e).as("expected a ConfigException").isNotNull();
        // one line per error after the header line
        assertThat(e.getMessage().lines().skip(1).toList()).isEqualTo(e.errors());
        return e.errors();
    }

    @Test
    void controlSettableListsRuleKeysOnly() throws Exception {
        assertThat(ConfigLoader.parse(ACCOUNT + "control: { settable: [daily-loss-pct] }\n",
                List.of()).engine().settable()).containsExactly("daily-loss-pct");
        assertThat(ConfigLoader.parse(ACCOUNT, List.of()).engine().isSettable("max-open-positions"))
                .isTrue();
        assertThat(errors(ACCOUNT + "control: { settable: [daily-loss-pct, nope, "
                + "checkpoint-interval], other: 1 }\n"))
                .anyMatch(e -> e.contains("control.settable") && e.contains("'nope'"))
                .anyMatch(e -> e.contains("control.settable")
                        && e.contains("checkpoint-interval"))
                .anyMatch(e -> e.contains("control.other"));
    }

    @Test
    void listsFiveDifferentErrorsInOneException() {
        String yaml =
                """
                accounts:
                  - id: A1
                    profile: intraday
                    mode: paper
                    cash: 0
                    universe: [SPY]
                  - id: A2
                    profile: swingy
                    mode: paper
                    cash: 1000
                    universe: [spy]
                    rules: { stop-los: 0.1 }
                kafka: { orders-delivery: twice }
                """;
        ConfigException e =
                catchThrowableOfType(
                        ConfigException.class, () -> ConfigLoader.parse(yaml, List.of()));
        assertThat(e.errors())
                .containsExactly(
                        "accounts[0].cash: must be greater than 0, got 0",
                        "accounts[1].profile: unknown profile 'swingy' (expected intraday or"
                                + " swing)",
                        "accounts[1].universe[0]: ticker 'spy' must match [A-Z0-9.^-]+ (upper"
                                + " case)",
                        "accounts[1].rules.stop-los: unknown key (valid keys: entry-start,"
                                + " entry-end, force-exit, base-pct, absolute-position-cap,"
                                + " stop-loss-percent, entry-timeout, dedupe-window,"
                                + " allowed-live-signal-types, backtest-allows-all-signals,"
                                + " vix-halt-level, vix-stale-after, "
                                + String.join(", ", RuleKeys.RISK_KEYS) + ", "
                                + String.join(", ", RuleKeys.EXIT_KEYS) + ", "
                                + String.join(", ", RuleKeys.OPTION_KEYS) + ")",
                        "kafka.orders-delivery: unknown orders delivery 'twice' (expected"
                                + " at-least-once or exactly-once)");
        assertThat(e.getMessage())
                .startsWith("invalid configuration <text> (5 errors):\n")
                .contains("\naccounts[1].profile: unknown profile 'swingy'");
    }

    @Test
    void listsTierOrderingViolations() {
        List<String> errors =
                errors(
                        ACCOUNT
                                + """
                                  tiers:
                                    aggressive: { min-confidence: 0.7 }
                                    conservative: { max-heat-pct: 0.2, stop-atr-multiplier: 3 }
                                  """);
        assertThat(errors)
                .containsExactly(
                        "tiers.conservative.max-heat-pct: R-TIER-1: conservative (0.2) is looser"
                                + " than moderate (0.1); max-heat-pct must be conservative <="
                                + " moderate <= aggressive",
                        "tiers.aggressive.min-confidence: R-TIER-1: moderate (0.65) is looser than"
                                + " aggressive (0.7); min-confidence must be conservative >="
                                + " moderate >= aggressive");
    }

    @Test
    void tierOrderingIgnoresStopMultiplierAndRewardRisk() {
        var c =
                ConfigLoader.parse(
                        ACCOUNT
                                + "tiers: { conservative: { stop-atr-multiplier: 9, reward-risk:"
                                + " 0.5 } }",
                        List.of());
        assertThat(c.engine().tier("conservative").stopAtrMultiplier()).isEqualTo(9);
    }

    @Test
    void rejectsAPasswordUnderJdbc() {
        assertThat(errors(ACCOUNT + "jdbc: { url: 'jdbc:postgresql://h/db', password: hunter2 }"))
                .singleElement()
                .asString()
                .startsWith("jdbc.password: ")
                .contains("TRADEFLOW_JDBC_PASSWORD")
                .doesNotContain("hunter2");
        assertThat(errors(ACCOUNT, "jdbc.url=jdbc:postgresql://h/db?password=x"))
                .singleElement()
                .asString()
                .startsWith("jdbc.url: must not carry a password");
    }

    @Test
    void rejectsSecretsAndOwnKeysInKafkaProperties() {
        assertThat(
                        errors(
                                ACCOUNT,
                                "kafka.properties.sasl.jaas.config=x",
                                "kafka.properties.ssl.key.password=x",
                                "kafka.properties.security.protocol=SASL_SSL",
                                "kafka.properties.bootstrap.servers=h:1"))
                .containsExactly(
                        "kafka.properties.sasl.jaas.config: security settings are never read"
                                + " from the configuration file; set"
                                + " TRADEFLOW_KAFKA_SASL_JAAS_CONFIG or put it in the file named"
                                + " by TRADEFLOW_KAFKA_PROPERTIES_FILE",
                        "kafka.properties.ssl.key.password: security settings are never read"
                                + " from the configuration file; set"
                                + " TRADEFLOW_KAFKA_SSL_KEY_PASSWORD or put it in the file named"
                                + " by TRADEFLOW_KAFKA_PROPERTIES_FILE",
                        "kafka.properties.security.protocol: security settings are never read"
                                + " from the configuration file; set"
                                + " TRADEFLOW_KAFKA_SECURITY_PROTOCOL or put it in the file named"
                                + " by TRADEFLOW_KAFKA_PROPERTIES_FILE",
                        "kafka.properties.bootstrap.servers: set kafka.bootstrap-servers instead");
    }

    @Test
    void reportsAWildcardThatMatchesNothing() {
        assertThat(errors("", "accounts.*.cash=1"))
                .containsExactly(
                        "--set accounts.*.cash: the wildcard matches nothing",
                        "accounts: at least one account is required");
    }

    @Test
    void requiresAtLeastOneAccount() {
        assertThat(errors("")).containsExactly("accounts: at least one account is required");
        assertThat(errors("accounts: []"))
                .containsExactly("accounts: at least one account is required");
    }

    @Test
    void checksAccountFields() {
        String yaml =
                """
                accounts:
                  - id: "bad id"
                    profile: intraday
                    mode: real
                    cash: abc
                    tier: reckless
                    universe: []
                  - id: A1
                  - id: A1
                    profile: swing
                    mode: live
                    cash: 1
                    universe: [SPY, SPY, " "]
                """;
        assertThat(errors(yaml))
                .containsExactly(
                        "accounts[0].id: 'bad id' must match [A-Za-z0-9_.-]+",
                        "accounts[0].mode: unknown mode 'real' (expected live, paper or backtest)",
                        "accounts[0].cash: expected a number, got 'abc'",
                        "accounts[0].tier: unknown tier 'reckless' (expected conservative, moderate"
                                + " or aggressive)",
                        "accounts[0].universe: at least one ticker is required",
                        "accounts[1].profile: is required",
                        "accounts[1].mode: is required",
                        "accounts[1].cash: is required",
                        "accounts[1].universe: is required",
                        "accounts[2].id: duplicate account id 'A1' (also accounts[1])",
                        "accounts[2].universe[1]: duplicate ticker 'SPY'",
                        "accounts[2].universe[2]: ticker must not be blank");
    }

    @Test
    void checksRuleValues() {
        String yaml =
                ACCOUNT
                        + """
                              rules:
                                base-pct: 4
                                stop-loss-percent: 0
                                atr-period: 0
                                entry-timeout: -5s
                                dedupe-window: 10
                                absolute-position-cap: -1
                                entry-start: "25:00"
                          profiles:
                            bogus: {}
                          """;
        assertThat(errors(yaml))
                .containsExactly(
                        "profiles.bogus: unknown profile 'bogus' (expected intraday or swing)",
                        "accounts[0].rules.atr-period: no longer a rule key: the ATR period is"
                                + " the job's indicators.atr.period (one ticker stage computes"
                                + " ATR for every account)",
                        "accounts[0].rules.entry-start: expected a time HH:mm (America/New_York),"
                                + " got '25:00'",
                        "accounts[0].rules.base-pct: must be a fraction in (0, 1] (0.2 = 20 %),"
                                + " got 4.0",
                        "accounts[0].rules.absolute-position-cap: must be greater than 0, got -1.0",
                        "accounts[0].rules.stop-loss-percent: must be a fraction in (0, 1] (0.2 ="
                                + " 20 %), got 0.0",
                        "accounts[0].rules.entry-timeout: '-5s' is not a duration (expected"
                                + " ISO-8601 such as PT10S or P4D, or 500ms, 60s, 5m, 24h, 4d)",
                        "accounts[0].rules.dedupe-window: expected a duration with a unit (PT10S,"
                                + " 10s, 5m, 24h), got the bare number 10");
    }

    @Test
    void checksTheEntryWindowAndForceExit() {
        assertThat(
                        errors(
                                ACCOUNT,
                                "accounts.0.rules.entry-start=14:30",
                                "accounts.0.rules.force-exit=14:00"))
                .containsExactly(
                        "accounts[0].rules.entry-start: entry-start 14:30 must be before entry-end"
                                + " 14:15 (R-WIN-1)",
                        "accounts[0].rules.force-exit: force-exit 14:00 must be after entry-end"
                                + " 14:15 (R-WIN-2)");
        assertThat(errors(ACCOUNT, "profiles.swing.entry-end=09:00"))
                .containsExactly(
                        "profiles.swing.entry-start: entry-start 09:45 must be before entry-end"
                                + " 09:00 (R-WIN-1)");
    }

    @Test
    void checksTierValues() {
        assertThat(
                        errors(
                                ACCOUNT,
                                "tiers.moderate.min-confidence=1.5",
                                "tiers.moderate.reward-risk=0",
                                "tiers.moderate.name=x",
                                "tiers.extreme.min-confidence=0.1"))
                .containsExactly(
                        "tiers.moderate.name: unknown key (valid keys: min-confidence,"
                                + " max-position-pct, stop-atr-multiplier, reward-risk,"
                                + " max-sector-pct, max-heat-pct)",
                        "tiers.moderate.min-confidence: must be a confidence in [0, 1], got 1.5",
                        "tiers.moderate.reward-risk: must be greater than 0, got 0.0",
                        "tiers.extreme: unknown tier 'extreme' (expected conservative, moderate or"
                                + " aggressive)");
    }

    @Test
    void checksKafkaAndJobSettings() {
        assertThat(
                        errors(
                                ACCOUNT,
                                "kafka.transaction-timeout=16m",
                                "kafka.topics.trades=x",
                                "kafka.topics.orders=bars",
                                "kafka.group-id=",
                                "input.idleness=0s",
                                "checkpoint-interval=PT0S",
                                "parallelism=0",
                                "colour=blue"))
                .containsExactly(
                        "colour: unknown key (valid keys: run-id, accounts, profiles, tiers,"
                                + " broker, kafka, jdbc, input, indicators, signals, checkpoint-interval, parallelism, sectors, control,"
                                + " notify)",
                        "kafka.topics.trades: unknown key (valid keys: bars, quotes, option-quotes,"
                                + " vix, recommendations, calendar, control, fills,"
                                + " broker-positions, orders, notifications, dead-letters)",
                        "kafka.topics.orders: topic 'bars' is already used for bars",
                        "kafka.transaction-timeout: must be at most 15 minutes (PT15M), got PT16M",
                        "kafka.group-id: must not be blank",
                        "input.idleness: must be greater than 0, got 0s",
                        "checkpoint-interval: must be greater than 0, got PT0S",
                        "parallelism: must be at least 1, got 0");
    }

    @Test
    void exactlyOnceNeedsATransactionTimeoutAboveTheCheckpointInterval() {
        assertThat(
                        errors(
                                ACCOUNT,
                                "kafka.orders-delivery=exactly-once",
                                "kafka.transaction-timeout=10s",
                                "checkpoint-interval=30s"))
                .containsExactly(
                        "kafka.transaction-timeout: with exactly-once orders it must exceed"
                                + " checkpoint-interval (PT10S <= PT30S)");
    }

    @Test
    void reportsYamlSyntaxErrorsAndWrongShapes() {
        assertThat(errors("accounts: [\n"))
                .containsExactly(
                        "(yaml): while parsing a flow node; expected the node content, but found"
                                + " '<stream end>' (line 1, column 12)");
        assertThat(errors(ACCOUNT + "parallelism: 1\nparallelism: 2\n"))
                .singleElement()
                .asString()
                .startsWith("(yaml): Duplicate field 'parallelism'");
        assertThat(errors("- a\n- b\n"))
                .containsExactly("(root): expected a map of settings, got a single value or list");
        assertThat(errors("accounts: {id: A1}\nkafka: [x]\nrun-id: 'a b'"))
                .containsExactly(
                        "run-id: 'a b' must match [A-Za-z0-9_.-]+",
                        "accounts: expected a list of accounts, got a map",
                        "kafka: expected a map, got a list");
    }

    @Test
    void listsEveryBadRiskValueWithItsPath() {
        assertThat(errors(ACCOUNT + """
                    rules:
                      max-open-positions: -1
                      max-trades-per-day: 2.5
                      daily-loss-pct: 1.5
                      position-cooldown: 0s
                      stop-out-window: 30
                      event-day-cutoff: "25:00"
                      confluence-sizing: maybe
                      correlation-days: 0
                      min-active-pool: -100
                      stop-out-count: [3]
                      upgrade-win-rate:
                profiles:
                  swing: { declining-share: 2, position-cooldown: soon }
                """))
                .containsExactly(
                        "profiles.swing.position-cooldown: 'soon' is not a duration (expected"
                                + " ISO-8601 such as PT10S or P4D, or 500ms, 60s, 5m, 24h, 4d)",
                        "profiles.swing.declining-share: must be a fraction in [0, 1] (0.2 = 20"
                                + " %), got 2.0",
                        "accounts[0].rules.max-open-positions: must not be negative (0 turns the"
                                + " rule off), got -1",
                        "accounts[0].rules.max-trades-per-day: expected a whole number, got 2.5",
                        "accounts[0].rules.daily-loss-pct: must be a fraction in [0, 1] (0.2 = 20"
                                + " %), got 1.5",
                        "accounts[0].rules.position-cooldown: must be greater than 0, got 0s",
                        "accounts[0].rules.stop-out-count: expected a single value, got a list",
                        "accounts[0].rules.stop-out-window: expected a duration with a unit"
                                + " (PT10S, 10s, 5m, 24h), got the bare number 30",
                        "accounts[0].rules.min-active-pool: must not be negative, got -100.0",
                        "accounts[0].rules.correlation-days: must be at least 1, got 0",
                        "accounts[0].rules.event-day-cutoff: expected a time HH:mm"
                                + " (America/New_York), got '25:00'",
                        "accounts[0].rules.confluence-sizing: expected true or false, got"
                                + " 'maybe'",
                        "accounts[0].rules.upgrade-win-rate: must not be blank");
    }

    @Test
    void correlationReduceMustStayBelowReject() {
        assertThat(errors(ACCOUNT, "accounts.0.rules.correlation-reduce=0.9"))
                .containsExactly("accounts[0].rules.correlation-reduce: correlation-reduce 0.9"
                        + " must be below correlation-reject 0.8 (R-SIZE-3)");
        assertThat(errors(ACCOUNT, "profiles.intraday.correlation-reject=0.4",
                        "profiles.intraday.earnings-reject-days=5"))
                .containsExactly(
                        "profiles.intraday.correlation-reduce: correlation-reduce 0.5 must be"
                                + " below correlation-reject 0.4 (R-SIZE-3)",
                        "profiles.intraday.earnings-reject-days: earnings-reject-days 5 must not"
                                + " exceed earnings-reduce-days 3 (R-CAL-2)");
    }
}
