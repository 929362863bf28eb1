package io.tradeflow.io.config;

import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleTies;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.signals.SignalParams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a YAML tree onto {@link TradeflowConfig}, collecting every problem as {@code path: what is
 * wrong} instead of stopping at the first one.
 */
final class ConfigBinder extends ConfigReader {
    ConfigBinder(List<String> errors) {
        super(errors);
    }

    TradeflowConfig bind(ObjectNode root) {
        checkKeys(root, "", TOP_KEYS);
        String runId = optionalText(root.get("run-id"), "run-id");
        if (runId != null && !ID.matcher(runId).matches()) {
            error("run-id", "'" + runId + "' must match " + ID.pattern());
        }
        SectionBinder sections = new SectionBinder(errors);
        Map<String, TierParams> tiers = sections.tiers(section(root, "tiers", ""));
        Set<String> badProfiles = new HashSet<>();
        Map<String, RuleParams> profiles = profiles(section(root, "profiles", ""), badProfiles);
        List<AccountConfig> accounts = accounts(root.get("accounts"), profiles, badProfiles);
        BrokerParams broker = sections.broker(section(root, "broker", ""));
        KafkaSettings kafka = sections.kafka(section(root, "kafka", ""));
        JdbcSection jdbc = sections.jdbc(section(root, "jdbc", ""));
        InputSettings input = sections.input(section(root, "input", ""));

        long checkpointMs = TradeflowConfig.DEFAULT_CHECKPOINT_INTERVAL_MS;
        Duration checkpoint =
                positiveDuration(root.get("checkpoint-interval"), "checkpoint-interval");
        if (checkpoint != null) {
            checkpointMs = checkpoint.toMillis();
        }
        Integer parallelism = null;
        Integer p = integer(root.get("parallelism"), "parallelism");
        if (p != null) {
            if (p < 1) {
                error("parallelism", "must be at least 1, got " + p);
            } else {
                parallelism = p;
            }
        }
        if (kafka.exactlyOnce() && kafka.transactionTimeoutMs() <= checkpointMs) {
            error(
                    "kafka.transaction-timeout",
                    "with exactly-once orders it must exceed checkpoint-interval ("
                            + Duration.ofMillis(kafka.transactionTimeoutMs())
                            + " <= "
                            + Duration.ofMillis(checkpointMs)
                            + ")");
        }
        IndicatorParams indicators = sections.indicators(section(root, "indicators", ""));
        SignalParams signals = sections.signals(section(root, "signals", ""));
        EngineSettings engine = new EngineSettings(List.copyOf(accounts), tiers, broker,
                indicators, signals, sections.sectors(root.get("sectors")),
                sections.settable(section(root, "control", "")));
        NotifySection notify = new NotifyBinder(errors).notify(section(root, "notify", ""));
        return new TradeflowConfig(runId, engine, kafka, jdbc, input, checkpointMs, parallelism,
                notify);
    }

    // ---------------------------------------------------------------- accounts

    private List<AccountConfig> accounts(
            JsonNode node, Map<String, RuleParams> profiles, Set<String> badProfiles) {
        List<AccountConfig> out = new ArrayList<>();
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            error("accounts", "at least one account is required");
            return out;
        }
        if (!(node instanceof ArrayNode list)) {
            error("accounts", "expected a list of accounts, got " + describe(node));
            return out;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "accounts[" + i + "]";
            JsonNode item = list.get(i);
            if (!(item instanceof ObjectNode a)) {
                error(path, "expected an account (a map), got " + describe(item));
                continue;
            }
            checkKeys(a, path, ACCOUNT_KEYS);
            String id = requiredText(a.get("id"), at(path, "id"));
            if (id != null) {
                if (!ID.matcher(id).matches()) {
                    error(at(path, "id"), "'" + id + "' must match " + ID.pattern());
                } else if (ids.containsKey(id)) {
                    error(
                            at(path, "id"),
                            "duplicate account id '"
                                    + id
                                    + "' (also accounts["
                                    + ids.get(id)
                                    + "])");
                } else {
                    ids.put(id, i);
                }
            }
            String profile = requiredText(a.get("profile"), at(path, "profile"));
            if (profile != null && !PROFILES.contains(profile)) {
                error(at(path, "profile"), unknown("profile", profile, PROFILES));
                profile = null;
            }
            String mode = requiredText(a.get("mode"), at(path, "mode"));
            if (mode != null && !MODES.contains(mode)) {
                error(at(path, "mode"), unknown("mode", mode, MODES));
            }
            BigDecimal cash = decimal(a.get("cash"), at(path, "cash"), true);
            if (cash != null && cash.signum() <= 0) {
                error(at(path, "cash"), "must be greater than 0, got " + cash.toPlainString());
            }
            String tier = optionalText(a.get("tier"), at(path, "tier"));
            if (tier == null) {
                tier = MODERATE;
            } else if (!TIERS.contains(tier)) {
                error(at(path, "tier"), unknown("tier", tier, TIERS));
            }
            List<String> universe = universe(a.get("universe"), at(path, "universe"));
            RuleParams base = profiles.get(profile == null ? AccountConfig.INTRADAY : profile);
            boolean check = profile != null && !badProfiles.contains(profile);
            RuleParams rules = rules(base, a.get("rules"), at(path, "rules"), check);
            out.add(new AccountConfig(id, profile, mode, cash, tier, universe, rules,
                    instrument(a, path, profile)));
        }
        return out;
    }

    /** Reads {@code instrument}: shares (default) or options, the latter intraday only (R-OPT-1). */
    private String instrument(ObjectNode a, String path, String profile) {
        String instrument = optionalText(a.get("instrument"), at(path, "instrument"));
        if (instrument == null) {
            return AccountConfig.SHARES;
        }
        if (!INSTRUMENTS.contains(instrument)) {
            error(at(path, "instrument"), unknown("instrument", instrument, INSTRUMENTS));
        } else if (AccountConfig.OPTIONS.equals(instrument) && profile != null
                && !AccountConfig.INTRADAY.equals(profile)) {
            error(at(path, "instrument"), "options are traded by intraday accounts only (R-OPT-1),"
                    + " not by a " + profile + " account");
        }
        return instrument;
    }

    private List<String> universe(JsonNode node, String path) {
        List<String> tickers = textList(node, path, true);
        if (tickers == null) {
            return List.of();
        }
        if (tickers.isEmpty()) {
            error(path, "at least one ticker is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tickers.size(); i++) {
            String t = tickers.get(i);
            if (t.isBlank()) {
                error(path + "[" + i + "]", "ticker must not be blank");
            } else if (!TICKER.matcher(t).matches()) {
                error(
                        path + "[" + i + "]",
                        "ticker '" + t + "' must match " + TICKER.pattern() + " (upper case)");
            } else if (!seen.add(t)) {
                error(path + "[" + i + "]", "duplicate ticker '" + t + "'");
            }
        }
        return List.copyOf(tickers);
    }

    // ---------------------------------------------------------------- rules and profiles

    private Map<String, RuleParams> profiles(ObjectNode node, Set<String> badProfiles) {
        Map<String, RuleParams> out = new LinkedHashMap<>();
        for (String p : PROFILES) {
            out.put(p, RuleParams.defaultsOf(p));
        }
        if (node == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = at("profiles", e.getKey());
            if (!PROFILES.contains(e.getKey())) {
                error(path, unknown("profile", e.getKey(), PROFILES));
                continue;
            }
            int before = errors.size();
            out.put(e.getKey(), rules(out.get(e.getKey()), e.getValue(), path, true));
            if (errors.size() > before) {
                badProfiles.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Returns {@code base} with the overrides in {@code node} applied; checks the entry window when
     * {@code check} and every override is valid.
     */
    private RuleParams rules(RuleParams base, JsonNode node, String path, boolean check) {
        ObjectNode o = object(node, path);
        if (o == null) {
            return base;
        }
        if (o.has("atr-period")) {
            error(at(path, "atr-period"), "no longer a rule key: the ATR period is the job's "
                    + "indicators.atr.period (one ticker stage computes ATR for every account)");
            o = o.deepCopy();
            o.remove("atr-period");
        }
        checkKeys(o, path, RULE_KEYS);
        int before = errors.size();
        RuleParams r = base;
        // every key is read and checked by RuleKeys, as the set control command and --set are
        for (String key : RuleKeys.KEYS) {
            if (!o.has(key)) {
                continue;
            }
            String p = at(path, key);
            String text = ruleText(o.get(key), p, RuleKeys.kind(key));
            if (text == null) {
                continue;
            }
            try {
                r = RuleKeys.with(r, key, text);
            } catch (RuleKeys.InvalidValue e) {
                error(p, e.problem());
            }
        }
        if (check && errors.size() == before) {
            for (String problem : RuleTies.validate(r)) {
                int colon = problem.indexOf(": ");
                error(at(path, problem.substring(0, colon)), problem.substring(colon + 2));
            }
        }
        return r;
    }

    /**
     * Returns a rule key's YAML value as the text {@link RuleKeys} reads: a scalar as written, a
     * list of names comma-joined, blank as {@code none} where the rule can be off; {@code null}
     * after recording an error.
     */
    private String ruleText(JsonNode v, String path, RuleKeys.Kind kind) {
        if (v.isNull() || isBlankText(v)) {
            if (kind == RuleKeys.Kind.TIME_OR_NONE) {
                return "none";
            }
            error(path, "must not be blank");
            return null;
        }
        if (kind == RuleKeys.Kind.NAMES && v.isArray()) {
            List<String> names = textList(v, path, true);
            return names == null ? null : String.join(",", names);
        }
        if (!v.isValueNode()) {
            error(path, "expected a single value, got " + describe(v));
            return null;
        }
        return v.asText();
    }

    // ---------------------------------------------------------------- tiers
}
