package io.tradeflow.io.config;

import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.RuleKeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the YAML tree's values for the configuration binders, collecting every problem as {@code
 * path: what is wrong} instead of stopping at the first one; holds the known keys and names.
 */
abstract class ConfigReader {
    static final Set<String> TOP_KEYS =
            keys(
                    "run-id",
                    "accounts",
                    "profiles",
                    "tiers",
                    "broker",
                    "kafka",
                    "jdbc",
                    "input",
                    "indicators",
                    "signals",
                    "checkpoint-interval",
                    "parallelism",
                    "sectors",
                    "control",
                    "notify");
    static final Set<String> ACCOUNT_KEYS =
            keys("id", "profile", "mode", "cash", "tier", "universe", "rules", "instrument");
    /**
     * The rule keys of {@link RuleKeys}: the rules' own numbers, then the risk rulebook's, then
     * the exit rules'.
     */
    static final Set<String> RULE_KEYS =
            Collections.unmodifiableSet(new LinkedHashSet<>(RuleKeys.KEYS));
    static final Set<String> TIER_KEYS =
            keys(
                    "min-confidence",
                    "max-position-pct",
                    "stop-atr-multiplier",
                    "reward-risk",
                    "max-sector-pct",
                    "max-heat-pct");
    static final Set<String> BROKER_KEYS = keys("slippage-bps", "commission-per-share", "commission-per-contract");
    static final Set<String> KAFKA_KEYS =
            keys(
                    "bootstrap-servers",
                    "topics",
                    "properties",
                    "orders-delivery",
                    "transactional-id-prefix",
                    "transaction-timeout",
                    "group-id");
    static final Set<String> JDBC_KEYS = keys("url", "user");
    static final Set<String> INPUT_KEYS =
            keys("out-of-orderness", "idleness", "max-future-skew", "watermark-interval",
                    "stall-alert-after", "from", "to", "read-chunk-bytes");

    static final List<String> PROFILES = List.of(AccountConfig.INTRADAY, AccountConfig.SWING);
    static final List<String> INSTRUMENTS = List.of(AccountConfig.SHARES, AccountConfig.OPTIONS);
    static final List<String> MODES =
            List.of(AccountConfig.LIVE, AccountConfig.PAPER, AccountConfig.BACKTEST);
    static final String CONSERVATIVE = "conservative";
    static final String MODERATE = "moderate";
    static final String AGGRESSIVE = "aggressive";

    /** Tier names from the tightest to the loosest. */
    static final List<String> TIERS = List.of(CONSERVATIVE, MODERATE, AGGRESSIVE);

    static final List<String> DELIVERIES =
            List.of(KafkaSettings.AT_LEAST_ONCE, KafkaSettings.EXACTLY_ONCE);

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
    static final Pattern TICKER = Pattern.compile("[A-Z0-9.^-]+");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]");

    /** Kafka client properties whose value is a secret: they come from the environment. */
    static final Pattern SECRET_PROPERTY =
            Pattern.compile("(?i).*(password|secret|jaas).*");

    /** Kafka client properties that have their own key in the file. */
    static final Map<String, String> OWN_KEY =
            Map.of(
                    "bootstrap.servers", "kafka.bootstrap-servers",
                    "group.id", "kafka.group-id",
                    "transaction.timeout.ms", "kafka.transaction-timeout",
                    "transactional.id", "kafka.transactional-id-prefix");

    final List<String> errors;

    ConfigReader(List<String> errors) {
        this.errors = errors;
    }

    void error(String path, String message) {
        errors.add((path.isEmpty() ? "(root)" : path) + ": " + message);
    }

    void checkKeys(ObjectNode o, String path, Set<String> valid) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!valid.contains(key)) {
                error(at(path, key), "unknown key (valid keys: " + String.join(", ", valid) + ")");
            }
        }
    }

    /** Returns the map under {@code key}, or null when absent; anything else is an error. */
    ObjectNode section(ObjectNode parent, String key, String path) {
        return object(parent.get(key), at(path, key));
    }

    ObjectNode object(JsonNode node, String path) {
        if (node == null || node.isNull() || isBlankText(node)) {
            return null;
        }
        if (node instanceof ObjectNode o) {
            return o;
        }
        error(path, "expected a map, got " + describe(node));
        return null;
    }

    String optionalText(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            error(path, "expected a single value, got " + describe(node));
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    String requiredText(JsonNode node, String path) {
        if (node == null || node.isNull() || isBlankText(node)) {
            error(path, "is required");
            return null;
        }
        return optionalText(node, path);
    }

    /** Returns the text; present but null or blank is an error. */
    String nonBlank(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isNull() || isBlankText(node)) {
            error(path, "must not be blank");
            return null;
        }
        return optionalText(node, path);
    }

    List<String> textList(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!(node instanceof ArrayNode arr)) {
            error(path, "expected a list such as [A, B], got " + describe(node));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode item = arr.get(i);
            if (item.isNull() || !item.isValueNode()) {
                error(path + "[" + i + "]", "expected a single value, got " + describe(item));
            } else {
                out.add(item.asText().strip());
            }
        }
        return out;
    }

    Double number(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        double v;
        if (node.isNumber()) {
            v = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                v = Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                error(path, "expected a number, got '" + node.asText() + "'");
                return null;
            }
        } else {
            error(path, "expected a number, got " + describe(node));
            return null;
        }
        if (!Double.isFinite(v)) {
            error(path, "expected a finite number, got " + v);
            return null;
        }
        return v;
    }

    BigDecimal decimal(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                error(path, "expected a number, got '" + node.asText() + "'");
                return null;
            }
        }
        error(path, "expected a number, got " + describe(node));
        return null;
    }

    Integer integer(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        BigDecimal d = decimal(node, path, true);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            error(path, "expected a whole number, got " + d.toPlainString());
            return null;
        }
    }

    /** Returns a fraction in (0, 1]. */
    Double fraction(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && (v <= 0 || v > 1)) {
            error(path, "must be a fraction in (0, 1] (0.2 = 20 %), got " + v);
            return null;
        }
        return v;
    }

    /** Returns a confidence in [0, 1]. */
    Double confidence(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && (v < 0 || v > 1)) {
            error(path, "must be a confidence in [0, 1], got " + v);
            return null;
        }
        return v;
    }

    Double positive(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && v <= 0) {
            error(path, "must be greater than 0, got " + v);
            return null;
        }
        return v;
    }

    Double nonNegative(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && v < 0) {
            error(path, "must not be negative, got " + v);
            return null;
        }
        return v;
    }

    Duration positiveDuration(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            error(
                    path,
                    "expected a duration with a unit (PT10S, 10s, 5m, 24h), got the bare number "
                            + node.asText());
            return null;
        }
        String text = requiredText(node, path);
        if (text == null) {
            return null;
        }
        Duration d;
        try {
            d = ConfigDurations.parse(text);
        } catch (IllegalArgumentException e) {
            error(path, e.getMessage());
            return null;
        }
        if (d.isNegative() || d.isZero()) {
            error(path, "must be greater than 0, got " + text);
            return null;
        }
        return d;
    }

    LocalTime time(JsonNode node, String path) {
        String text = requiredText(node, path);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text, TIME);
        } catch (DateTimeParseException e) {
            error(path, "expected a time HH:mm (America/New_York), got '" + text + "'");
            return null;
        }
    }

    // ---------------------------------------------------------------- helpers

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static boolean isBlankText(JsonNode node) {
        return node.isTextual() && node.asText().isBlank();
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return "'" + node.asText() + "'";
    }

    static String unknown(String what, String value, List<String> expected) {
        String list =
                expected.size() == 1
                        ? expected.get(0)
                        : String.join(", ", expected.subList(0, expected.size() - 1))
                                + " or "
                                + expected.get(expected.size() - 1);
        return "unknown " + what + " '" + value + "' (expected " + list + ")";
    }

    static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }


    static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
