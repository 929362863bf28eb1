package io.tradeflow.io.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.signals.SignalParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Maps a YAML tree onto {@link TradeflowConfig}, collecting every problem as {@code path: what is
 * wrong} instead of stopping at the first one.
 */
final class ConfigBinder {
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
                    "sectors");
    static final Set<String> ACCOUNT_KEYS =
            keys("id", "profile", "mode", "cash", "tier", "universe", "rules");
    /**
     * The rule keys of {@link RuleKeys}: the rules' own numbers, then the risk rulebook's, then
     * the exit rules'.
     */
    static final Set<String> RULE_KEYS =
            Collections.unmodifiableSet(new LinkedHashSet<>(RuleKeys.KEYS));
    /** The rule keys bound through {@link RuleKeys#with}: the risk and the exit rules' keys. */
    private static final List<String> RECORD_KEYS = concat(RuleKeys.RISK_KEYS, RuleKeys.EXIT_KEYS);
    static final Set<String> TIER_KEYS =
            keys(
                    "min-confidence",
                    "max-position-pct",
                    "stop-atr-multiplier",
                    "reward-risk",
                    "max-sector-pct",
                    "max-heat-pct");
    static final Set<String> BROKER_KEYS = keys("slippage-bps", "commission-per-share");
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
            keys("out-of-orderness", "idleness", "max-future-skew", "watermark-interval");

    static final List<String> PROFILES = List.of(AccountConfig.INTRADAY, AccountConfig.SWING);
    static final List<String> MODES =
            List.of(AccountConfig.LIVE, AccountConfig.PAPER, AccountConfig.BACKTEST);
    static final String CONSERVATIVE = "conservative";
    static final String MODERATE = "moderate";
    static final String AGGRESSIVE = "aggressive";

    /** Tier names from the tightest to the loosest. */
    static final List<String> TIERS = List.of(CONSERVATIVE, MODERATE, AGGRESSIVE);

    static final List<String> DELIVERIES =
            List.of(KafkaSettings.AT_LEAST_ONCE, KafkaSettings.EXACTLY_ONCE);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9.^-]+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]");

    /** Kafka client properties whose value is a secret: they come from the environment. */
    private static final Pattern SECRET_PROPERTY =
            Pattern.compile("(?i).*(password|secret|jaas).*");

    /** Kafka client properties that have their own key in the file. */
    private static final Map<String, String> OWN_KEY =
            Map.of(
                    "bootstrap.servers", "kafka.bootstrap-servers",
                    "group.id", "kafka.group-id",
                    "transaction.timeout.ms", "kafka.transaction-timeout",
                    "transactional.id", "kafka.transactional-id-prefix");

    private final List<String> errors;

    ConfigBinder(List<String> errors) {
        this.errors = errors;
    }

    TradeflowConfig bind(ObjectNode root) {
        checkKeys(root, "", TOP_KEYS);
        String runId = optionalText(root.get("run-id"), "run-id");
        if (runId != null && !ID.matcher(runId).matches()) {
            error("run-id", "'" + runId + "' must match " + ID.pattern());
        }
        Map<String, TierParams> tiers = tiers(section(root, "tiers", ""));
        Set<String> badProfiles = new HashSet<>();
        Map<String, RuleParams> profiles = profiles(section(root, "profiles", ""), badProfiles);
        List<AccountConfig> accounts = accounts(root.get("accounts"), profiles, badProfiles);
        BrokerParams broker = broker(section(root, "broker", ""));
        KafkaSettings kafka = kafka(section(root, "kafka", ""));
        JdbcSection jdbc = jdbc(section(root, "jdbc", ""));
        InputSettings input = input(section(root, "input", ""));

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
        IndicatorParams indicators = indicators(section(root, "indicators", ""));
        SignalParams signals = signals(section(root, "signals", ""));
        EngineSettings engine = new EngineSettings(List.copyOf(accounts), tiers, broker,
                indicators, signals, sectors(root.get("sectors")));
        return new TradeflowConfig(runId, engine, kafka, jdbc, input, checkpointMs, parallelism);
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
            out.add(new AccountConfig(id, profile, mode, cash, tier, universe, rules));
        }
        return out;
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
        LocalTime entryStart = base.entryStart();
        LocalTime entryEnd = base.entryEnd();
        LocalTime forceExit = base.forceExit();
        double basePct = base.basePct();
        double cap = base.absolutePositionCap();
        double stopLoss = base.stopLossPercent();
        Duration entryTimeout = base.entryTimeout();
        Duration dedupe = base.dedupeWindow();
        Set<String> allowed = base.allowedLiveSignalTypes();
        boolean allowAll = base.backtestAllowsAllSignals();
        double vixLevel = base.vixHaltLevel();
        Duration vixStale = base.vixStaleAfter();

        if (o.has("entry-start")) {
            entryStart = or(time(o.get("entry-start"), at(path, "entry-start")), entryStart);
        }
        if (o.has("entry-end")) {
            entryEnd = or(time(o.get("entry-end"), at(path, "entry-end")), entryEnd);
        }
        if (o.has("force-exit")) {
            String text = optionalText(o.get("force-exit"), at(path, "force-exit"));
            if (text == null || text.equalsIgnoreCase("none")) {
                forceExit = null;
            } else {
                forceExit = or(time(o.get("force-exit"), at(path, "force-exit")), forceExit);
            }
        }
        basePct = or(fraction(o.get("base-pct"), at(path, "base-pct")), basePct);
        cap = or(positive(o.get("absolute-position-cap"), at(path, "absolute-position-cap")), cap);
        stopLoss =
                or(fraction(o.get("stop-loss-percent"), at(path, "stop-loss-percent")), stopLoss);
        entryTimeout =
                or(
                        positiveDuration(o.get("entry-timeout"), at(path, "entry-timeout")),
                        entryTimeout);
        dedupe = or(positiveDuration(o.get("dedupe-window"), at(path, "dedupe-window")), dedupe);
        if (o.has("allowed-live-signal-types")) {
            String p = at(path, "allowed-live-signal-types");
            List<String> types = textList(o.get("allowed-live-signal-types"), p, true);
            if (types != null) {
                for (int i = 0; i < types.size(); i++) {
                    if (types.get(i).isBlank()) {
                        error(p + "[" + i + "]", "signal type must not be blank");
                    }
                }
                allowed = Set.copyOf(types);
            }
        }
        if (o.has("backtest-allows-all-signals")) {
            JsonNode b = o.get("backtest-allows-all-signals");
            if (b.isBoolean()) {
                allowAll = b.booleanValue();
            } else {
                error(at(path, "backtest-allows-all-signals"), "expected true or false");
            }
        }
        vixLevel = or(positive(o.get("vix-halt-level"), at(path, "vix-halt-level")), vixLevel);
        vixStale = or(positiveDuration(o.get("vix-stale-after"), at(path, "vix-stale-after")),
                vixStale);
        RuleParams r =
                new RuleParams(
                        entryStart,
                        entryEnd,
                        forceExit,
                        basePct,
                        cap,
                        stopLoss,
                        entryTimeout,
                        dedupe,
                        allowed,
                        allowAll,
                        vixLevel,
                        vixStale,
                        base.risk(),
                        base.exits());
        // the risk rulebook's and the exit rules' keys: read and checked by RuleKeys, as the set
        // control command is
        for (String key : RECORD_KEYS) {
            if (!o.has(key)) {
                continue;
            }
            String p = at(path, key);
            JsonNode v = o.get(key);
            String text;
            if (v.isNull() || isBlankText(v)) {
                if (RuleKeys.kind(key) != RuleKeys.Kind.TIME_OR_NONE) {
                    error(p, "must not be blank");
                    continue;
                }
                text = "none";
            } else if (!v.isValueNode()) {
                error(p, "expected a single value, got " + describe(v));
                continue;
            } else {
                text = v.asText();
            }
            try {
                r = RuleKeys.with(r, key, text);
            } catch (RuleKeys.InvalidValue e) {
                error(p, e.problem());
            }
        }
        if (check && errors.size() == before) {
            for (String problem : RuleKeys.validate(r)) {
                int colon = problem.indexOf(": ");
                error(at(path, problem.substring(0, colon)), problem.substring(colon + 2));
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- tiers

    private record TierField(
            String key, ToDoubleFunction<TierParams> get, boolean higherIsLooser) {}

    /** Fields R-TIER-1 orders; the stop multiplier and reward:risk are not ordered. */
    private static final List<TierField> ORDERED_TIER_FIELDS =
            List.of(
                    new TierField("min-confidence", TierParams::minConfidence, false),
                    new TierField("max-position-pct", TierParams::maxPositionPct, true),
                    new TierField("max-sector-pct", TierParams::maxSectorPct, true),
                    new TierField("max-heat-pct", TierParams::maxHeatPct, true));

    private Map<String, TierParams> tiers(ObjectNode node) {
        Map<String, TierParams> out = new LinkedHashMap<>();
        out.put(CONSERVATIVE, TierParams.CONSERVATIVE);
        out.put(MODERATE, TierParams.MODERATE);
        out.put(AGGRESSIVE, TierParams.AGGRESSIVE);
        Map<String, Set<String>> touched = new HashMap<>();
        if (node != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                String path = at("tiers", name);
                if (!TIERS.contains(name)) {
                    error(path, unknown("tier", name, TIERS));
                    continue;
                }
                ObjectNode o = object(e.getValue(), path);
                if (o == null) {
                    continue;
                }
                checkKeys(o, path, TIER_KEYS);
                Set<String> keys = new HashSet<>();
                o.fieldNames().forEachRemaining(keys::add);
                touched.put(name, keys);
                TierParams t = out.get(name);
                out.put(
                        name,
                        new TierParams(
                                name,
                                or(
                                        confidence(
                                                o.get("min-confidence"),
                                                at(path, "min-confidence")),
                                        t.minConfidence()),
                                or(
                                        fraction(
                                                o.get("max-position-pct"),
                                                at(path, "max-position-pct")),
                                        t.maxPositionPct()),
                                or(
                                        positive(
                                                o.get("stop-atr-multiplier"),
                                                at(path, "stop-atr-multiplier")),
                                        t.stopAtrMultiplier()),
                                or(
                                        positive(o.get("reward-risk"), at(path, "reward-risk")),
                                        t.rewardRisk()),
                                or(
                                        fraction(
                                                o.get("max-sector-pct"),
                                                at(path, "max-sector-pct")),
                                        t.maxSectorPct()),
                                or(
                                        fraction(o.get("max-heat-pct"), at(path, "max-heat-pct")),
                                        t.maxHeatPct())));
            }
        }
        for (int i = 0; i + 1 < TIERS.size(); i++) {
            String tight = TIERS.get(i);
            String loose = TIERS.get(i + 1);
            for (TierField f : ORDERED_TIER_FIELDS) {
                double a = f.get().applyAsDouble(out.get(tight));
                double b = f.get().applyAsDouble(out.get(loose));
                if (f.higherIsLooser() ? a > b : a < b) {
                    boolean looseTouched = touched.getOrDefault(loose, Set.of()).contains(f.key());
                    boolean tightTouched = touched.getOrDefault(tight, Set.of()).contains(f.key());
                    String blame = looseTouched && !tightTouched ? loose : tight;
                    String order =
                            f.higherIsLooser()
                                    ? "conservative <= moderate <= aggressive"
                                    : "conservative >= moderate >= aggressive";
                    error(
                            at(at("tiers", blame), f.key()),
                            "R-TIER-1: "
                                    + tight
                                    + " ("
                                    + a
                                    + ") is looser than "
                                    + loose
                                    + " ("
                                    + b
                                    + "); "
                                    + f.key()
                                    + " must be "
                                    + order);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    // ---------------------------------------------------------------- broker, kafka, jdbc, input

    private BrokerParams broker(ObjectNode o) {
        BrokerParams d = BrokerParams.DEFAULT;
        if (o == null) {
            return d;
        }
        checkKeys(o, "broker", BROKER_KEYS);
        return new BrokerParams(
                or(nonNegative(o.get("slippage-bps"), "broker.slippage-bps"), d.slippageBps()),
                or(
                        nonNegative(o.get("commission-per-share"), "broker.commission-per-share"),
                        d.commissionPerShare()));
    }

    private KafkaSettings kafka(ObjectNode o) {
        KafkaSettings d = KafkaSettings.defaults();
        if (o == null) {
            return d;
        }
        checkKeys(o, "kafka", KAFKA_KEYS);
        String servers =
                or(
                        nonBlank(o.get("bootstrap-servers"), "kafka.bootstrap-servers"),
                        d.bootstrapServers());
        Map<String, String> topics = KafkaSettings.defaultTopics();
        ObjectNode t = section(o, "topics", "kafka");
        if (t != null) {
            checkKeys(t, "kafka.topics", new LinkedHashSet<>(KafkaSettings.TOPIC_KEYS));
            for (String key : KafkaSettings.TOPIC_KEYS) {
                String name = nonBlank(t.get(key), at("kafka.topics", key));
                if (name != null) {
                    topics.put(key, name);
                }
            }
            Map<String, String> byName = new HashMap<>();
            for (Map.Entry<String, String> e : topics.entrySet()) {
                String other = byName.putIfAbsent(e.getValue(), e.getKey());
                if (other != null) {
                    error(
                            at("kafka.topics", e.getKey()),
                            "topic '" + e.getValue() + "' is already used for " + other);
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        ObjectNode props = section(o, "properties", "kafka");
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String path = at("kafka.properties", key);
                if (OWN_KEY.containsKey(key)) {
                    error(path, "set " + OWN_KEY.get(key) + " instead");
                } else if (SECRET_PROPERTY.matcher(key).matches()) {
                    error(
                            path,
                            "secrets are never read from the configuration file; pass them"
                                    + " through the environment");
                } else {
                    String value = requiredText(e.getValue(), path);
                    if (value != null) {
                        properties.put(key, value);
                    }
                }
            }
        }
        String delivery = optionalText(o.get("orders-delivery"), "kafka.orders-delivery");
        if (delivery == null) {
            delivery = d.ordersDelivery();
        } else if (!DELIVERIES.contains(delivery)) {
            error("kafka.orders-delivery", unknown("orders delivery", delivery, DELIVERIES));
        }
        String prefix =
                or(
                        nonBlank(o.get("transactional-id-prefix"), "kafka.transactional-id-prefix"),
                        d.transactionalIdPrefix());
        long timeoutMs = d.transactionTimeoutMs();
        Duration timeout =
                positiveDuration(o.get("transaction-timeout"), "kafka.transaction-timeout");
        if (timeout != null) {
            if (timeout.toMillis() > KafkaSettings.MAX_TRANSACTION_TIMEOUT_MS) {
                error(
                        "kafka.transaction-timeout",
                        "must be at most 15 minutes (PT15M), got " + timeout);
            } else {
                timeoutMs = timeout.toMillis();
            }
        }
        String group = or(nonBlank(o.get("group-id"), "kafka.group-id"), d.groupId());
        return new KafkaSettings(
                servers,
                Collections.unmodifiableMap(topics),
                Collections.unmodifiableMap(properties),
                delivery,
                prefix,
                timeoutMs,
                group);
    }

    private JdbcSection jdbc(ObjectNode o) {
        if (o == null) {
            return JdbcSection.DEFAULT;
        }
        if (o.has("password")) {
            error(
                    "jdbc.password",
                    "the password is never read from the configuration file; set the"
                            + " environment variable TRADEFLOW_JDBC_PASSWORD (or"
                            + " TRADEFLOW_JDBC_PASSWORD_FILE) instead");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("password") && !JDBC_KEYS.contains(key)) {
                error(
                        at("jdbc", key),
                        "unknown key (valid keys: " + String.join(", ", JDBC_KEYS) + ")");
            }
        }
        String url = optionalText(o.get("url"), "jdbc.url");
        if (url != null) {
            if (!url.startsWith("jdbc:")) {
                error("jdbc.url", "expected a JDBC URL starting with 'jdbc:', got '" + url + "'");
            } else if (url.toLowerCase(Locale.ROOT).contains("password")) {
                error("jdbc.url", "must not carry a password; set TRADEFLOW_JDBC_PASSWORD instead");
                url = null;
            }
        }
        String user = or(nonBlank(o.get("user"), "jdbc.user"), JdbcSection.DEFAULT_USER);
        return new JdbcSection(url, user);
    }

    /** {@code indicators: {atr: {period}, rsi: {period}, ema: {fast, slow}, macd: {fast, slow,
     * signal}, volume-sma: {period}, regular-session-only}}. */
    private IndicatorParams indicators(ObjectNode o) {
        IndicatorParams d = IndicatorParams.DEFAULTS;
        if (o == null) {
            return d;
        }
        checkKeys(o, "indicators",
                keys("atr", "rsi", "ema", "macd", "volume-sma", "regular-session-only"));
        ObjectNode atr = section(o, "atr", "indicators");
        ObjectNode rsi = section(o, "rsi", "indicators");
        ObjectNode ema = section(o, "ema", "indicators");
        ObjectNode macd = section(o, "macd", "indicators");
        ObjectNode vol = section(o, "volume-sma", "indicators");
        for (Object[] s : new Object[][] {{atr, "atr", keys("period")}, {rsi, "rsi", keys("period")},
                {ema, "ema", keys("fast", "slow")}, {macd, "macd", keys("fast", "slow", "signal")},
                {vol, "volume-sma", keys("period")}}) {
            if (s[0] != null) {
                @SuppressWarnings("unchecked")
                Set<String> valid = (Set<String>) s[2];
                checkKeys((ObjectNode) s[0], "indicators." + s[1], valid);
            }
        }
        boolean regularOnly = d.regularSessionOnly();
        JsonNode r = o.get("regular-session-only");
        if (r != null) {
            if (r.isBoolean()) {
                regularOnly = r.booleanValue();
            } else {
                error("indicators.regular-session-only", "expected true or false");
            }
        }
        IndicatorParams p = new IndicatorParams(
                period(atr, "period", "indicators.atr.period", d.atrPeriod()),
                period(rsi, "period", "indicators.rsi.period", d.rsiPeriod()),
                period(ema, "fast", "indicators.ema.fast", d.emaFast()),
                period(ema, "slow", "indicators.ema.slow", d.emaSlow()),
                period(macd, "fast", "indicators.macd.fast", d.macdFast()),
                period(macd, "slow", "indicators.macd.slow", d.macdSlow()),
                period(macd, "signal", "indicators.macd.signal", d.macdSignal()),
                period(vol, "period", "indicators.volume-sma.period", d.volumeSmaPeriod()),
                regularOnly);
        p.validate().forEach(e -> error("indicators", e));
        return p;
    }

    private int period(ObjectNode o, String key, String path, int fallback) {
        if (o == null) {
            return fallback;
        }
        Integer v = integer(o.get(key), path);
        if (v == null) {
            return fallback;
        }
        if (v < 1) {
            error(path, "must be at least 1, got " + v);
            return fallback;
        }
        return v;
    }

    /** {@code signals: {types: [...], min-confluence, vwap-reversion-atr}}. */
    private SignalParams signals(ObjectNode o) {
        SignalParams p = EngineSettings.DEFAULT_SIGNALS;
        if (o == null) {
            return p;
        }
        checkKeys(o, "signals",
                keys("types", "min-confluence", "vwap-reversion-atr", "confidence"));
        if (o.has("types")) {
            List<String> types = textList(o.get("types"), "signals.types", true);
            if (types != null) {
                p = p.withEnabledTypes(List.copyOf(types));
            }
        }
        Integer min = integer(o.get("min-confluence"), "signals.min-confluence");
        if (min != null) {
            p = p.withMinConfluence(min);
        }
        Double k = positive(o.get("vwap-reversion-atr"), "signals.vwap-reversion-atr");
        if (k != null) {
            p = p.withVwapReversionAtr(k);
        }
        // confluence's confidence is its score / max score; the others are fixed per type
        ObjectNode conf = section(o, "confidence", "signals");
        if (conf != null) {
            checkKeys(conf, "signals.confidence",
                    keys("orb", "orb-direction", "ema-cross", "vwap-reversion"));
            p = new SignalParams(p.minConfluence(), p.enabledTypes(), p.vwapReversionAtr(),
                    or(fraction(conf.get("orb"), "signals.confidence.orb"), p.orbConfidence()),
                    or(fraction(conf.get("orb-direction"), "signals.confidence.orb-direction"),
                            p.orbDirectionConfidence()),
                    or(fraction(conf.get("ema-cross"), "signals.confidence.ema-cross"),
                            p.emaCrossConfidence()),
                    or(fraction(conf.get("vwap-reversion"), "signals.confidence.vwap-reversion"),
                            p.vwapReversionConfidence()));
        }
        p.validate().forEach(e -> error("signals", e));
        return p;
    }

    /**
     * {@code sectors: <path>} (a CSV file {@code ticker,<sector>,…}, read now; relative to the
     * working directory) or an inline map {@code {AAPL: Information Technology, …}}.
     */
    private Map<String, String> sectors(JsonNode node) {
        if (node == null || node.isNull() || isBlankText(node)) {
            return Map.of();
        }
        if (node instanceof ObjectNode o) {
            Map<String, String> out = new java.util.TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String sector = nonBlank(e.getValue(), at("sectors", e.getKey()));
                if (sector != null) {
                    out.put(e.getKey(), sector);
                }
            }
            return out;
        }
        String path = optionalText(node, "sectors");
        if (path == null) {
            return Map.of();
        }
        try {
            return SectorMap.read(java.nio.file.Path.of(path));
        } catch (IllegalArgumentException e) {
            e.getMessage().lines().forEach(line -> error("sectors", line));
            return Map.of();
        }
    }

    private InputSettings input(ObjectNode o) {
        InputSettings d = InputSettings.DEFAULT;
        if (o == null) {
            return d;
        }
        checkKeys(o, "input", INPUT_KEYS);
        return new InputSettings(
                or(
                        positiveDuration(o.get("out-of-orderness"), "input.out-of-orderness"),
                        d.outOfOrderness()),
                or(positiveDuration(o.get("idleness"), "input.idleness"), d.idleness()),
                or(
                        positiveDuration(o.get("max-future-skew"), "input.max-future-skew"),
                        d.maxFutureSkew()),
                or(
                        positiveDuration(o.get("watermark-interval"), "input.watermark-interval"),
                        d.watermarkInterval()));
    }

    // ---------------------------------------------------------------- value readers
    // Each returns null when the value is absent (or null) or wrong; a wrong value is an error.

    private void error(String path, String message) {
        errors.add((path.isEmpty() ? "(root)" : path) + ": " + message);
    }

    private void checkKeys(ObjectNode o, String path, Set<String> valid) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!valid.contains(key)) {
                error(at(path, key), "unknown key (valid keys: " + String.join(", ", valid) + ")");
            }
        }
    }

    /** Returns the map under {@code key}, or null when absent; anything else is an error. */
    private ObjectNode section(ObjectNode parent, String key, String path) {
        return object(parent.get(key), at(path, key));
    }

    private ObjectNode object(JsonNode node, String path) {
        if (node == null || node.isNull() || isBlankText(node)) {
            return null;
        }
        if (node instanceof ObjectNode o) {
            return o;
        }
        error(path, "expected a map, got " + describe(node));
        return null;
    }

    private String optionalText(JsonNode node, String path) {
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

    private String requiredText(JsonNode node, String path) {
        if (node == null || node.isNull() || isBlankText(node)) {
            error(path, "is required");
            return null;
        }
        return optionalText(node, path);
    }

    /** Returns the text; present but null or blank is an error. */
    private String nonBlank(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isNull() || isBlankText(node)) {
            error(path, "must not be blank");
            return null;
        }
        return optionalText(node, path);
    }

    private List<String> textList(JsonNode node, String path, boolean required) {
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

    private Double number(JsonNode node, String path) {
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

    private BigDecimal decimal(JsonNode node, String path, boolean required) {
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

    private Integer integer(JsonNode node, String path) {
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
    private Double fraction(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && (v <= 0 || v > 1)) {
            error(path, "must be a fraction in (0, 1] (0.2 = 20 %), got " + v);
            return null;
        }
        return v;
    }

    /** Returns a confidence in [0, 1]. */
    private Double confidence(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && (v < 0 || v > 1)) {
            error(path, "must be a confidence in [0, 1], got " + v);
            return null;
        }
        return v;
    }

    private Double positive(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && v <= 0) {
            error(path, "must be greater than 0, got " + v);
            return null;
        }
        return v;
    }

    private Double nonNegative(JsonNode node, String path) {
        Double v = number(node, path);
        if (v != null && v < 0) {
            error(path, "must not be negative, got " + v);
            return null;
        }
        return v;
    }

    private Duration positiveDuration(JsonNode node, String path) {
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

    private LocalTime time(JsonNode node, String path) {
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

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isBlankText(JsonNode node) {
        return node.isTextual() && node.asText().isBlank();
    }

    private static String describe(JsonNode node) {
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

    private static String unknown(String what, String value, List<String> expected) {
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

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
