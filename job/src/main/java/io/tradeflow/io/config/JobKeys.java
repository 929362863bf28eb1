package io.tradeflow.io.config;

import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.TierParams;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Registers the configuration keys that hold one value for the whole job, beside the per-account
 * rule keys of {@link io.tradeflow.rules.RuleKeys}: the ticker stage's indicators and signals
 * (computed once per ticker for every account), the risk tiers (R-TIER-1), the simulated
 * broker's costs in backtests, the input timing and the Flink settings. Each key names its YAML
 * path, what it sets and how to read its value from a bound configuration.
 *
 * <p>They change with the configuration file and a restart from a savepoint only: the {@code set}
 * control command refuses them ({@link #refusal}). The README's table of job keys is {@link
 * #markdownTable()}; {@code JobKeysTest} binds every key through {@code --set}, both ways.
 */
public final class JobKeys {

    /** One job-scoped key: its YAML path, its rule or area, what it sets, its bound value. */
    public record Key(String path, String area, String doc, Function<TradeflowConfig, Object> get) {

        /**
         * Returns the key's value in {@code c} as text that {@code --set} reads back, {@code
         * unset} where the configuration leaves it to Flink.
         */
        public String text(TradeflowConfig c) {
            Object v = get.apply(c);
            if (v == null) {
                return "unset";
            }
            if (v instanceof Double d) {
                BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
                return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
            }
            if (v instanceof List<?> l) {
                return "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]";
            }
            return String.valueOf(v);
        }
    }

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        key("checkpoint-interval", "job", "Flink checkpoint interval",
                c -> Duration.ofMillis(c.checkpointIntervalMs()));
        key("parallelism", "job", "operator parallelism; unset = the cluster's or `flink run -p`",
                TradeflowConfig::parallelism);
        key("input.out-of-orderness", "input", "how late a record may be before it is a dead "
                + "letter", c -> c.input().outOfOrderness());
        key("input.idleness", "input", "a quiet source split stops holding back the watermark",
                c -> c.input().idleness());
        key("input.max-future-skew", "input", "a record this far ahead of the watermark is a "
                + "dead letter", c -> c.input().maxFutureSkew());
        key("input.watermark-interval", "input", "how often watermarks are emitted",
                c -> c.input().watermarkInterval());
        key("input.stall-alert-after", "live", "event time this far behind the wall clock in "
                + "market hours alerts, and past 15:00 flattens intraday positions",
                c -> c.input().stallAlertAfter());
        key("input.read-chunk-bytes", "input", "a bar file is cut into chunks of this many bytes,"
                + " read in parallel in BATCH; a file's future-time guard starts afresh at each",
                c -> c.input().readChunkBytes());
        key("broker.slippage-bps", "backtest", "simulated fill slippage in basis points",
                c -> c.engine().broker().slippageBps());
        key("broker.commission-per-share", "backtest", "simulated commission per share",
                c -> c.engine().broker().commissionPerShare());
        key("broker.commission-per-contract", "R-OPT-3",
                "simulated commission per option contract",
                c -> c.engine().broker().commissionPerContract());
        key("indicators.atr.period", "R-SIG-2", "ATR period (bars)",
                c -> c.engine().indicators().atrPeriod());
        key("indicators.rsi.period", "R-SIG-2", "RSI period (bars)",
                c -> c.engine().indicators().rsiPeriod());
        key("indicators.ema.fast", "R-SIG-2", "fast EMA period (bars)",
                c -> c.engine().indicators().emaFast());
        key("indicators.ema.slow", "R-SIG-2", "slow EMA period (bars)",
                c -> c.engine().indicators().emaSlow());
        key("indicators.macd.fast", "R-SIG-2", "MACD fast period (bars)",
                c -> c.engine().indicators().macdFast());
        key("indicators.macd.slow", "R-SIG-2", "MACD slow period (bars)",
                c -> c.engine().indicators().macdSlow());
        key("indicators.macd.signal", "R-SIG-2", "MACD signal period (bars)",
                c -> c.engine().indicators().macdSignal());
        key("indicators.volume-sma.period", "R-SIG-2", "relative volume's average (bars)",
                c -> c.engine().indicators().volumeSmaPeriod());
        key("indicators.regular-session-only", "R-SIG-2", "indicators skip pre- and after-market"
                + " bars", c -> c.engine().indicators().regularSessionOnly());
        key("signals.types", "R-SIG-2", "signal types the ticker stage generates",
                c -> c.engine().signals().enabledTypes());
        key("signals.min-confluence", "R-SIG-2", "agreeing signals a confluence needs",
                c -> c.engine().signals().minConfluence());
        key("signals.vwap-reversion-atr", "R-SIG-2", "VWAP distance in ATRs of a reversion",
                c -> c.engine().signals().vwapReversionAtr());
        key("signals.confidence.orb", "R-SIG-3", "confidence of an opening-range breakout",
                c -> c.engine().signals().orbConfidence());
        key("signals.confidence.orb-direction", "R-SIG-3", "confidence of an ORB direction signal",
                c -> c.engine().signals().orbDirectionConfidence());
        key("signals.confidence.ema-cross", "R-SIG-2", "confidence of an EMA cross",
                c -> c.engine().signals().emaCrossConfidence());
        key("signals.confidence.vwap-reversion", "R-SIG-2", "confidence of a VWAP reversion",
                c -> c.engine().signals().vwapReversionConfidence());
        for (String tier : List.of("conservative", "moderate", "aggressive")) {
            tier(tier, "min-confidence", "lowest signal confidence an entry needs",
                    TierParams::minConfidence);
            tier(tier, "max-position-pct", "largest position as a share of the portfolio",
                    TierParams::maxPositionPct);
            tier(tier, "stop-atr-multiplier", "stop distance in ATRs",
                    TierParams::stopAtrMultiplier);
            tier(tier, "reward-risk", "target distance over stop distance",
                    TierParams::rewardRisk);
            tier(tier, "max-sector-pct", "largest sector exposure as a share of the portfolio",
                    TierParams::maxSectorPct);
            tier(tier, "max-heat-pct", "largest total open risk as a share of the portfolio",
                    TierParams::maxHeatPct);
        }
    }

    private JobKeys() {}

    /** Every job-scoped key, in registry order. */
    public static List<Key> keys() {
        return List.copyOf(KEYS.values());
    }

    /** Returns whether {@code path} is a job-scoped key. */
    public static boolean isKey(String path) {
        return KEYS.containsKey(path);
    }

    /**
     * Returns why the {@code set} control command refuses {@code path}, a job-scoped key; {@code
     * null} when it is not one.
     */
    public static String refusal(String path) {
        Key k = KEYS.get(path);
        return k == null ? null : "'" + path + "' is job-scoped (" + k.area() + ": one value for "
                + "every account): set it in the configuration file and restart the job from a "
                + "savepoint";
    }

    /** Returns the README's table of job keys with their values in {@code defaults}. */
    public static String markdownTable(TradeflowConfig defaults) {
        StringBuilder b = new StringBuilder("| key | rule or area | what it sets | default |\n"
                + "|---|---|---|---|\n");
        for (Key k : KEYS.values()) {
            b.append("| `").append(k.path()).append("` | ").append(k.area()).append(" | ")
                    .append(k.doc()).append(" | ").append(k.text(defaults)).append(" |\n");
        }
        return b.toString();
    }

    private static void key(String path, String area, String doc,
            Function<TradeflowConfig, Object> get) {
        KEYS.put(path, new Key(path, area, doc, get));
    }

    private static void tier(String tier, String field, String doc,
            Function<TierParams, Object> get) {
        key("tiers." + tier + "." + field, "R-TIER-1", doc + " (" + tier + ")",
                c -> get.apply(c.engine().tier(tier)));
    }
}
