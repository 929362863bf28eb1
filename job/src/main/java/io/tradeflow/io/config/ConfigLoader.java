package io.tradeflow.io.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.signals.SignalParams;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads the Tradeflow YAML configuration, applies {@code --set key=value} overrides, validates it
 * (reporting every problem at once in one {@link ConfigException}) and builds {@link
 * TradeflowConfig}: each account's {@link RuleParams} are its profile's defaults, then the {@code
 * profiles} overrides, then the account's own {@code rules}.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML =
            new ObjectMapper(
                            YAMLFactory.builder()
                                    // a ticker such as ON or Y stays a string
                                    .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                                    .build())
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigLoader() {}

    /** Loads and validates the YAML file with the overrides applied. */
    public static TradeflowConfig load(Path yaml, List<String> sets) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    yaml.toString(), List.of(yaml + ": cannot read the file (" + e + ")"));
        }
        return parse(text, sets, yaml.toString());
    }

    /** Parses and validates YAML text with the overrides applied. */
    public static TradeflowConfig parse(String yaml, List<String> sets) {
        return parse(yaml, sets, "<text>");
    }

    /**
     * Returns the configuration of a quick backtest: one account {@code default} (intraday,
     * backtest, cash 100 000, tier moderate) trading the given tickers, everything else default.
     */
    public static TradeflowConfig defaultBacktest(Collection<String> tickers) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode account = root.putArray("accounts").addObject();
        account.put("id", "default");
        account.put("profile", AccountConfig.INTRADAY);
        account.put("mode", AccountConfig.BACKTEST);
        account.put("cash", 100_000);
        account.put("tier", ConfigBinder.MODERATE);
        ArrayNode universe = account.putArray("universe");
        tickers.forEach(universe::add);
        return bind(root, List.of(), "(default backtest)");
    }

    /**
     * Returns the effective configuration as JSON in the shape of the YAML file (so it loads back
     * to an equal configuration), with every account's rules resolved. It holds no secret: the
     * configuration never contains one.
     */
    public static String toJson(TradeflowConfig config) {
        try {
            return JSON.writeValueAsString(tree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TradeflowConfig parse(String yaml, List<String> sets, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source, List.of("(yaml): " + oneLine(e.getOriginalMessage()) + location(e)));
        }
        ObjectNode root;
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        } else if (tree instanceof ObjectNode o) {
            root = o;
        } else {
            throw new ConfigException(
                    source,
                    List.of("(root): expected a map of settings, got a single value or list"));
        }
        return bind(root, sets, source);
    }

    private static TradeflowConfig bind(ObjectNode root, List<String> sets, String source) {
        List<String> errors = new ArrayList<>();
        SetOverrides overrides = new SetOverrides(YAML, errors);
        for (String set : sets) {
            overrides.apply(root, set);
        }
        TradeflowConfig config = new ConfigBinder(errors).bind(root);
        if (!errors.isEmpty()) {
            throw new ConfigException(source, errors);
        }
        return config;
    }

    /** Drops SnakeYAML's snippet and caret lines so the error stays on one line. */
    private static String oneLine(String message) {
        return message.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals("^") && !l.startsWith("in 'reader'"))
                .collect(Collectors.joining("; "));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line "
                        + e.getLocation().getLineNr()
                        + ", column "
                        + e.getLocation().getColumnNr()
                        + ")";
    }

    // ---------------------------------------------------------------- JSON of the effective config

    private static ObjectNode tree(TradeflowConfig c) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("run-id", c.runId());
        EngineSettings engine = c.engine();
        ArrayNode accounts = root.putArray("accounts");
        for (AccountConfig a : engine.accounts()) {
            ObjectNode n = accounts.addObject();
            n.put("id", a.id());
            n.put("profile", a.profile());
            n.put("mode", a.mode());
            n.put("cash", a.cash());
            n.put("tier", a.tier());
            ArrayNode universe = n.putArray("universe");
            a.universe().forEach(universe::add);
            rules(n.putObject("rules"), a.rules());
            if (a.tradesOptions()) {
                n.put("instrument", a.instrument());
            }
        }
        ObjectNode tiers = root.putObject("tiers");
        for (Map.Entry<String, TierParams> e : engine.tiers().entrySet()) {
            TierParams t = e.getValue();
            ObjectNode n = tiers.putObject(e.getKey());
            n.put("min-confidence", t.minConfidence());
            n.put("max-position-pct", t.maxPositionPct());
            n.put("stop-atr-multiplier", t.stopAtrMultiplier());
            n.put("reward-risk", t.rewardRisk());
            n.put("max-sector-pct", t.maxSectorPct());
            n.put("max-heat-pct", t.maxHeatPct());
        }
        BrokerParams b = engine.broker();
        ObjectNode broker = root.putObject("broker");
        broker.put("slippage-bps", b.slippageBps());
        broker.put("commission-per-share", b.commissionPerShare());
        broker.put("commission-per-contract", b.commissionPerContract());

        KafkaSettings k = c.kafka();
        ObjectNode kafka = root.putObject("kafka");
        kafka.put("bootstrap-servers", k.bootstrapServers());
        ObjectNode topics = kafka.putObject("topics");
        k.topics().forEach(topics::put);
        ObjectNode properties = kafka.putObject("properties");
        k.properties().forEach(properties::put);
        kafka.put("orders-delivery", k.ordersDelivery());
        kafka.put("transactional-id-prefix", k.transactionalIdPrefix());
        kafka.put("transaction-timeout", Duration.ofMillis(k.transactionTimeoutMs()).toString());
        kafka.put("group-id", k.groupId());

        ObjectNode jdbc = root.putObject("jdbc");
        jdbc.put("url", c.jdbc().url());
        jdbc.put("user", c.jdbc().user());

        InputSettings in = c.input();
        ObjectNode input = root.putObject("input");
        input.put("out-of-orderness", in.outOfOrderness().toString());
        input.put("idleness", in.idleness().toString());
        input.put("max-future-skew", in.maxFutureSkew().toString());
        input.put("watermark-interval", in.watermarkInterval().toString());
        input.put("stall-alert-after", in.stallAlertAfter().toString());
        if (in.from() != null) {
            input.put("from", in.from().toString());
        }
        if (in.to() != null) {
            input.put("to", in.to().toString());
        }

        IndicatorParams ip = c.engine().indicators();
        ObjectNode ind = root.putObject("indicators");
        ind.putObject("atr").put("period", ip.atrPeriod());
        ind.putObject("rsi").put("period", ip.rsiPeriod());
        ind.putObject("ema").put("fast", ip.emaFast()).put("slow", ip.emaSlow());
        ind.putObject("macd").put("fast", ip.macdFast()).put("slow", ip.macdSlow())
                .put("signal", ip.macdSignal());
        ind.putObject("volume-sma").put("period", ip.volumeSmaPeriod());
        ind.put("regular-session-only", ip.regularSessionOnly());
        SignalParams sp = c.engine().signals();
        ObjectNode sig = root.putObject("signals");
        ArrayNode st = sig.putArray("types");
        sp.enabledTypes().forEach(st::add);
        sig.put("min-confluence", sp.minConfluence());
        sig.put("vwap-reversion-atr", sp.vwapReversionAtr());
        sig.putObject("confidence").put("orb", sp.orbConfidence())
                .put("orb-direction", sp.orbDirectionConfidence())
                .put("ema-cross", sp.emaCrossConfidence())
                .put("vwap-reversion", sp.vwapReversionConfidence());
        if (!engine.sectors().isEmpty()) {
            // inline, so the recorded configuration holds the very map the run used
            ObjectNode sectors = root.putObject("sectors");
            new java.util.TreeMap<>(engine.sectors()).forEach(sectors::put);
        }
        root.put("checkpoint-interval", Duration.ofMillis(c.checkpointIntervalMs()).toString());
        if (c.parallelism() != null) {
            root.put("parallelism", c.parallelism());
        }
        if (!c.notifications().equals(NotifySection.DEFAULT)) {
            notify(root.putObject("notify"), c.notifications());
        }
        return root;
    }

    private static void notify(ObjectNode n, NotifySection s) {
        NotifySection.Email e = s.email();
        if (e != null) {
            ObjectNode email = n.putObject("email");
            email.put("host", e.host());
            email.put("port", e.port());
            if (e.user() != null) {
                email.put("user", e.user());
            }
            email.put("from", e.from());
            ArrayNode to = email.putArray("to");
            e.to().forEach(to::add);
            email.put("tls", e.tls());
        }
        if (s.largeTradePnl() != null) {
            n.put("large-trade-pnl", s.largeTradePnl());
        }
        n.put("daily-summary-at", time(s.dailySummaryAt()));
        n.put("catch-up", s.catchUp().toString());
    }

    private static void rules(ObjectNode n, RuleParams r) {
        n.put("entry-start", time(r.entryStart()));
        n.put("entry-end", time(r.entryEnd()));
        n.put("force-exit", r.forceExit() == null ? "none" : time(r.forceExit()));
        n.put("base-pct", r.basePct());
        n.put("absolute-position-cap", r.absolutePositionCap());
        n.put("stop-loss-percent", r.stopLossPercent());
        n.put("entry-timeout", r.entryTimeout().toString());
        n.put("dedupe-window", r.dedupeWindow().toString());
        ArrayNode types = n.putArray("allowed-live-signal-types");
        new TreeSet<>(r.allowedLiveSignalTypes()).forEach(types::add);
        n.put("backtest-allows-all-signals", r.backtestAllowsAllSignals());
        n.put("vix-halt-level", r.vixHaltLevel());
        n.put("vix-stale-after", r.vixStaleAfter().toString());
        // the risk rulebook's and the exit rules' keys, as RuleKeys writes them
        List<String> recordKeys =
                RuleKeys.KEYS.subList(RuleKeys.RULE_KEYS.size(), RuleKeys.KEYS.size());
        for (String key : recordKeys) {
            String v = RuleKeys.get(r, key);
            switch (RuleKeys.kind(key)) {
                case FRACTION_ABOVE_ZERO, FRACTION, POSITIVE, NON_NEGATIVE, COUNT, PERIOD ->
                        n.put(key, new java.math.BigDecimal(v));
                case BOOLEAN -> n.put(key, Boolean.parseBoolean(v));
                default -> n.put(key, v);
            }
        }
    }

    private static String time(LocalTime t) {
        return t.toString();
    }
}
