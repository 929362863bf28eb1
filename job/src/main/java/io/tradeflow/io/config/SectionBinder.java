package io.tradeflow.io.config;

import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.signals.SignalParams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalDate;
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

/**
 * Binds the sections of the configuration beside the accounts: tiers, broker costs, Kafka,
 * JDBC, indicators, signals, sectors and input timing.
 */
final class SectionBinder extends ConfigReader {
    SectionBinder(List<String> errors) {
        super(errors);
    }

    record TierField(
            String key, ToDoubleFunction<TierParams> get, boolean higherIsLooser) {}

    /** Fields R-TIER-1 orders; the stop multiplier and reward:risk are not ordered. */
    private static final List<TierField> ORDERED_TIER_FIELDS =
            List.of(
                    new TierField("min-confidence", TierParams::minConfidence, false),
                    new TierField("max-position-pct", TierParams::maxPositionPct, true),
                    new TierField("max-sector-pct", TierParams::maxSectorPct, true),
                    new TierField("max-heat-pct", TierParams::maxHeatPct, true));

    Map<String, TierParams> tiers(ObjectNode node) {
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

    BrokerParams broker(ObjectNode o) {
        BrokerParams d = BrokerParams.DEFAULT;
        if (o == null) {
            return d;
        }
        checkKeys(o, "broker", BROKER_KEYS);
        return new BrokerParams(
                or(nonNegative(o.get("slippage-bps"), "broker.slippage-bps"), d.slippageBps()),
                or(
                        nonNegative(o.get("commission-per-share"), "broker.commission-per-share"),
                        d.commissionPerShare()),
                or(
                        nonNegative(o.get("commission-per-contract"),
                                "broker.commission-per-contract"),
                        d.commissionPerContract()));
    }

    KafkaSettings kafka(ObjectNode o) {
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
                } else if (KafkaSecurity.isSecurityProperty(key)
                        || SECRET_PROPERTY.matcher(key).matches()) {
                    error(
                            path,
                            "security settings are never read from the configuration file; set "
                                    + KafkaSecurity.variable(key) + " or put it in the file"
                                    + " named by " + KafkaSecurity.PROPERTIES_FILE);
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
                group,
                KafkaSecurity.NONE);
    }

    JdbcSection jdbc(ObjectNode o) {
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
    IndicatorParams indicators(ObjectNode o) {
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

    int period(ObjectNode o, String key, String path, int fallback) {
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
    /**
     * Returns the rule keys {@code ctl set} may change live ({@code control.settable}), or
     * {@code null} (every rule key) when none is configured.
     */
    List<String> settable(ObjectNode o) {
        if (o == null) {
            return null;
        }
        checkKeys(o, "control", keys("settable"));
        if (!o.has("settable")) {
            return null;
        }
        List<String> keys = textList(o.get("settable"), "control.settable", false);
        if (keys == null) {
            return null;
        }
        for (String key : keys) {
            if (JobKeys.isKey(key)) {
                error("control.settable", JobKeys.refusal(key));
            } else if (!RuleKeys.isKey(key)) {
                error("control.settable", "unknown rule key '" + key + "'");
            }
        }
        return List.copyOf(keys);
    }

    SignalParams signals(ObjectNode o) {
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
    Map<String, String> sectors(JsonNode node) {
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

    InputSettings input(ObjectNode o) {
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
                        d.watermarkInterval()),
                or(
                        positiveDuration(o.get("stall-alert-after"), "input.stall-alert-after"),
                        d.stallAlertAfter()),
                date(o.get("from"), "input.from"), range(o),
                period(o, "read-chunk-bytes", "input.read-chunk-bytes", d.readChunkBytes()));
    }

    /** Returns {@code input.to}, after checking it does not come before {@code input.from}. */
    private LocalDate range(ObjectNode o) {
        LocalDate from = date(o.get("from"), "input.from");
        LocalDate to = date(o.get("to"), "input.to");
        if (from != null && to != null && to.isBefore(from)) {
            error("input.to", "must not be before input.from (" + from + "), got " + to);
        }
        return to;
    }

    private LocalDate date(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            error(path, "must be a date YYYY-MM-DD, got " + n.asText());
            return null;
        }
    }
}
