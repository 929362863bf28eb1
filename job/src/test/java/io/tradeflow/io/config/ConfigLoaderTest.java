package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads configurations: profile defaults (R-WIN-1, R-WIN-2, R-STOP-2), R-TIER-1, overrides. */
class ConfigLoaderTest {

    private static final String MINIMAL =
            """
            accounts:
              - id: A1
                profile: intraday
                mode: paper
                cash: 100000
                universe: [SPY, QQQ]
              - id: S1
                profile: swing
                mode: backtest
                cash: 50000.50
                universe: [AAPL]
            """;

    private static TradeflowConfig parse(String yaml, String... sets) {
        return ConfigLoader.parse(yaml, List.of(sets));
    }

    @Test
    void resolvesIntradayDefaultsFromRules() {
        RuleParams r = parse(MINIMAL).engine().account("A1").rules();
        // R-WIN-1 intraday 09:45-14:15, R-WIN-2 force exit 15:00, R-STOP-2 25 %
        assertThat(r.entryStart()).isEqualTo(LocalTime.of(9, 45));
        assertThat(r.entryEnd()).isEqualTo(LocalTime.of(14, 15));
        assertThat(r.forceExit()).isEqualTo(LocalTime.of(15, 0));
        assertThat(r.stopLossPercent()).isEqualTo(0.25);
        assertThat(r.basePct()).isEqualTo(0.04); // R-SIZE-2
        assertThat(r.absolutePositionCap()).isEqualTo(25_000); // R-SIZE-8
        assertThat(r.entryTimeout()).isEqualTo(Duration.ofSeconds(60)); // R-ORD-1
        assertThat(r.dedupeWindow()).isEqualTo(Duration.ofHours(24)); // R-SIG-5
        assertThat(r.allowedLiveSignalTypes())
                .containsExactlyInAnyOrder("orb", "orb_direction", "confluence"); // R-SIG-1
        assertThat(r).isEqualTo(RuleParams.INTRADAY);
    }

    @Test
    void resolvesSwingDefaultsFromRules() {
        AccountConfig s = parse(MINIMAL).engine().account("S1");
        RuleParams r = s.rules();
        // R-WIN-1 swing 09:45-15:45, no force exit, R-STOP-2 8 %
        assertThat(r.entryStart()).isEqualTo(LocalTime.of(9, 45));
        assertThat(r.entryEnd()).isEqualTo(LocalTime.of(15, 45));
        assertThat(r.forceExit()).isNull();
        assertThat(r.stopLossPercent()).isEqualTo(0.08);
        assertThat(r).isEqualTo(RuleParams.SWING);
        assertThat(s.cash()).isEqualByComparingTo(new BigDecimal("50000.50"));
        assertThat(s.tier()).isEqualTo("moderate");
        assertThat(s.simulated()).isTrue();
    }

    @Test
    void tierTableIsExactlyRTier1() {
        var tiers = parse(MINIMAL).engine().tiers();
        assertThat(tiers).containsOnlyKeys("conservative", "moderate", "aggressive");
        assertThat(tiers.get("conservative"))
                .isEqualTo(new TierParams("conservative", 0.75, 0.05, 1.5, 2.0, 0.20, 0.06));
        assertThat(tiers.get("moderate"))
                .isEqualTo(new TierParams("moderate", 0.65, 0.08, 2.0, 2.0, 0.25, 0.10));
        assertThat(tiers.get("aggressive"))
                .isEqualTo(new TierParams("aggressive", 0.55, 0.12, 2.5, 1.5, 0.35, 0.15));
    }

    @Test
    void defaultsEverythingOutsideTheAccounts() {
        TradeflowConfig c = parse(MINIMAL);
        assertThat(c.runId()).isNull();
        assertThat(c.engine().broker()).isEqualTo(BrokerParams.DEFAULT);
        assertThat(c.kafka()).isEqualTo(KafkaSettings.defaults());
        assertThat(c.kafka().topics())
                .containsExactlyEntriesOf(KafkaSettings.defaultTopics())
                .containsEntry("dead-letters", "dead-letters")
                .containsEntry("option-quotes", "option-quotes")
                .hasSize(12);
        assertThat(c.kafka().ordersDelivery()).isEqualTo("at-least-once");
        assertThat(c.kafka().transactionalIdPrefix()).isEqualTo("tradeflow-orders");
        assertThat(c.kafka().transactionTimeoutMs()).isEqualTo(300_000);
        assertThat(c.kafka().groupId()).isEqualTo("tradeflow");
        assertThat(c.jdbc()).isEqualTo(new JdbcSection(null, "tradeflow"));
        assertThat(c.input()).isEqualTo(InputSettings.DEFAULT);
        assertThat(c.input().outOfOrderness()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.input().idleness()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.input().maxFutureSkew()).isEqualTo(Duration.ofDays(7));
        assertThat(c.input().watermarkInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.checkpointIntervalMs()).isEqualTo(10_000);
        // unset: a cluster's own default applies; local runs use 2
        assertThat(c.parallelism()).isNull();
        assertThat(c.parallelismOrDefault()).isEqualTo(2);
    }

    @Test
    void appliesProfileThenAccountOverrides() {
        String yaml =
                """
                accounts:
                  - id: A1
                    profile: swing
                    mode: paper
                    cash: 1000
                    universe: [SPY]
                    rules:
                      stop-loss-percent: 0.2
                      entry-end: "14:00"
                      force-exit: "15:30"
                  - id: A2
                    profile: swing
                    mode: paper
                    cash: 1000
                    universe: [SPY]
                  - id: A3
                    profile: intraday
                    mode: paper
                    cash: 1000
                    universe: [SPY]
                    rules: { force-exit: none, allowed-live-signal-types: [orb] }
                profiles:
                  swing: { base-pct: 0.05, stop-loss-percent: 0.1 }
                """;
        TradeflowConfig c = parse(yaml);
        RuleParams a1 = c.engine().account("A1").rules();
        assertThat(a1.stopLossPercent()).isEqualTo(0.2); // account beats profile
        assertThat(a1.basePct()).isEqualTo(0.05); // profile beats default
        assertThat(a1.entryEnd()).isEqualTo(LocalTime.of(14, 0));
        assertThat(a1.forceExit()).isEqualTo(LocalTime.of(15, 30));
        assertThat(a1.entryStart()).isEqualTo(LocalTime.of(9, 45)); // default
        RuleParams a2 = c.engine().account("A2").rules();
        assertThat(a2.stopLossPercent()).isEqualTo(0.1);
        assertThat(a2.basePct()).isEqualTo(0.05);
        assertThat(a2.entryEnd()).isEqualTo(LocalTime.of(15, 45));
        RuleParams a3 = c.engine().account("A3").rules();
        assertThat(a3.forceExit()).isNull();
        assertThat(a3.allowedLiveSignalTypes()).containsExactly("orb");
        assertThat(a3.basePct()).isEqualTo(0.04); // swing profile override does not leak
    }

    @Test
    void partialTierOverrideKeepsTheRest() {
        TradeflowConfig c = parse(MINIMAL + "tiers:\n  aggressive: { min-confidence: 0.6 }\n");
        assertThat(c.engine().tier("aggressive"))
                .isEqualTo(new TierParams("aggressive", 0.6, 0.12, 2.5, 1.5, 0.35, 0.15));
        assertThat(c.engine().tier("moderate")).isEqualTo(TierParams.MODERATE);
    }

    @Test
    void appliesSetOverridesByPathIndexAndWildcard() {
        TradeflowConfig c =
                parse(
                        MINIMAL,
                        "accounts.0.cash=50000",
                        "tiers.moderate.min-confidence=0.7",
                        "kafka.bootstrap-servers=host:9092",
                        "broker.slippage-bps=2",
                        "accounts.*.profile=swing",
                        "accounts.1.universe=[MSFT, NVDA]",
                        "accounts.0.rules.entry-timeout=5m",
                        "kafka.topics.bars=market-bars",
                        "kafka.properties.linger.ms=5",
                        "run-id=run-7",
                        "parallelism=4");
        AccountConfig a1 = c.engine().account("A1");
        assertThat(a1.cash()).isEqualByComparingTo("50000");
        assertThat(a1.profile()).isEqualTo("swing");
        assertThat(a1.rules().entryEnd()).isEqualTo(LocalTime.of(15, 45));
        assertThat(a1.rules().entryTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.engine().account("S1").profile()).isEqualTo("swing");
        assertThat(c.engine().account("S1").universe()).containsExactly("MSFT", "NVDA");
        assertThat(c.engine().tier("moderate").minConfidence()).isEqualTo(0.7);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("host:9092");
        assertThat(c.kafka().topic(KafkaSettings.BARS)).isEqualTo("market-bars");
        assertThat(c.kafka().properties()).containsExactly(Map.entry("linger.ms", "5"));
        assertThat(c.engine().broker().slippageBps()).isEqualTo(2.0);
        assertThat(c.runId()).isEqualTo("run-7");
        assertThat(c.parallelism()).isEqualTo(4);
    }

    @Test
    void setCanAppendAnAccountAndBuildTheWholeConfig() {
        TradeflowConfig c =
                parse(
                        "",
                        "accounts.0.id=X",
                        "accounts.0.profile=intraday",
                        "accounts.0.mode=backtest",
                        "accounts.0.cash=1e5",
                        "accounts.0.universe=[SPY]",
                        "accounts.0.rules.force-exit=");
        assertThat(c.engine().accounts()).hasSize(1);
        assertThat(c.engine().account("X").cash()).isEqualByComparingTo("100000");
        assertThat(c.engine().account("X").rules().forceExit()).isNull();
    }

    @Test
    void readChunkMustHoldAByte() {
        assertThat(parse(MINIMAL, "input.read-chunk-bytes=65536").input().readChunkBytes())
                .isEqualTo(65536);
        assertThat(parse(MINIMAL).input().readChunkBytes())
                .isEqualTo(InputSettings.DEFAULT_READ_CHUNK_BYTES);
        assertThatThrownBy(() -> parse(MINIMAL, "input.read-chunk-bytes=0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("input.read-chunk-bytes: must be at least 1, got 0");
    }

    @Test
    void badSetPathsAreCollectedWithTheRest() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        MINIMAL,
                                        "accounts.5.cash=1",
                                        "accounts.0.universe.x=1",
                                        "nonsense",
                                        "accounts.0.cash=-1"))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigException) e).errors())
                                        .hasSize(4)
                                        .anyMatch(
                                                s -> s.startsWith("--set accounts.5.cash: index 5"))
                                        .anyMatch(s -> s.startsWith("--set accounts.0.universe.x:"))
                                        .anyMatch(
                                                s ->
                                                        s.startsWith(
                                                                "--set nonsense: expected"
                                                                        + " key=value"))
                                        .anyMatch(
                                                s ->
                                                        s.startsWith(
                                                                "accounts[0].cash: must be"
                                                                        + " greater")));
    }

    @Test
    void acceptsIsoAndShorthandDurations() {
        String yaml =
                MINIMAL
                        + """
                          input: { out-of-orderness: PT0.1S, idleness: 2s, max-future-skew: 4d,
                                   watermark-interval: 200ms }
                          checkpoint-interval: 1m
                          kafka: { transaction-timeout: PT15M }
                          profiles:
                            intraday: { entry-timeout: 60s, dedupe-window: 24h }
                            swing: { entry-timeout: PT2M, dedupe-window: P1D }
                          """;
        TradeflowConfig c = parse(yaml);
        assertThat(c.input())
                .isEqualTo(
                        new InputSettings(
                                Duration.ofMillis(100),
                                Duration.ofSeconds(2),
                                Duration.ofDays(4),
                                Duration.ofMillis(200)));
        assertThat(c.checkpointIntervalMs()).isEqualTo(60_000);
        assertThat(c.kafka().transactionTimeoutMs()).isEqualTo(900_000);
        assertThat(c.engine().account("A1").rules().entryTimeout())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(c.engine().account("A1").rules().dedupeWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.engine().account("S1").rules().entryTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(c.engine().account("S1").rules().dedupeWindow()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void keepsTickersThatLookLikeYamlBooleans() {
        TradeflowConfig c = parse(MINIMAL, "accounts.0.universe=[ON, Y, NO]");
        assertThat(c.engine().account("A1").universe()).containsExactly("ON", "Y", "NO");
    }

    @Test
    void defaultBacktestHasOneModerateIntradayAccount() {
        TradeflowConfig c = ConfigLoader.defaultBacktest(List.of("SPY", "QQQ"));
        assertThat(c.engine().accounts())
                .containsExactly(
                        new AccountConfig(
                                "default",
                                "intraday",
                                "backtest",
                                new BigDecimal("100000"),
                                "moderate",
                                List.of("SPY", "QQQ"),
                                RuleParams.INTRADAY));
        assertThat(c.engine().tiers()).hasSize(3);
        assertThat(c.runId()).isNull();
        assertThat(c.kafka()).isEqualTo(KafkaSettings.defaults());
    }

    @Test
    void defaultBacktestRejectsBadTickers() {
        assertThatThrownBy(() -> ConfigLoader.defaultBacktest(List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("accounts[0].universe: at least one ticker is required");
        assertThatThrownBy(() -> ConfigLoader.defaultBacktest(List.of("spy")))
                .hasMessageContaining("accounts[0].universe[0]: ticker 'spy'");
    }

    @Test
    void exampleFileLoads() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/config/example.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TradeflowConfig c = parse(yaml);
        assertThat(c.runId()).isEqualTo("example-1");
        assertThat(c.engine().accounts())
                .extracting(AccountConfig::profile, AccountConfig::mode, AccountConfig::tier)
                .containsExactly(
                        tuple("intraday", "paper", "moderate"),
                        tuple("swing", "paper", "conservative"),
                        tuple("intraday", "backtest", "aggressive"));
        assertThat(c.engine().account("day-paper").rules().entryEnd())
                .isEqualTo(LocalTime.of(14, 0));
        assertThat(c.engine().account("swing-paper").rules().basePct()).isEqualTo(0.05);
        assertThat(c.engine().account("day-aggressive-bt").rules().stopLossPercent())
                .isEqualTo(0.2);
        assertThat(c.engine().tier("aggressive").minConfidence()).isEqualTo(0.6);
        assertThat(c.kafka().topic(KafkaSettings.BARS)).isEqualTo("market-bars");
        assertThat(c.jdbc().url()).isEqualTo("jdbc:postgresql://localhost:5432/tradeflow");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, MINIMAL);
        assertThat(
                        ConfigLoader.load(file, List.of("accounts.0.tier=aggressive"))
                                .engine()
                                .account("A1")
                                .tier())
                .isEqualTo("aggressive");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the file");
    }

    @Test
    void jsonLoadsBackToTheSameConfig() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/config/example.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TradeflowConfig c = parse(yaml, "kafka.properties.linger.ms=5");
        String json = ConfigLoader.toJson(c);
        assertThat(json).contains("\"entry-end\":\"14:00\"").doesNotContainIgnoringCase("password");
        assertThat(parse(json)).isEqualTo(c);
        TradeflowConfig d = ConfigLoader.defaultBacktest(Set.of("SPY"));
        assertThat(parse(ConfigLoader.toJson(d))).isEqualTo(d);
    }

    @Test
    void configIsJavaSerializable() throws Exception {
        TradeflowConfig c = parse(MINIMAL, "kafka.properties.linger.ms=5");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        // read back: the job graph ships it to every task, which must see the same values
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TradeflowConfig back = (TradeflowConfig) in.readObject();
            assertThat(back).isEqualTo(c).isNotSameAs(c);
            assertThat(back.kafka().properties()).containsEntry("linger.ms", "5");
        }
    }

    @org.junit.jupiter.api.Test
    void readsIndicatorAndSignalSettings() {
        TradeflowConfig c = ConfigLoader.parse("""
                accounts:
                  - { id: a, profile: intraday, mode: paper, cash: 1000, universe: [SPY] }
                indicators: { ema: { fast: 12 }, atr: { period: 10 } }
                signals:
                  types: [orb, ema_cross]
                  min-confluence: 6
                  confidence: { orb: 0.9 }
                """, java.util.List.of("indicators.rsi.period=7"));
        org.assertj.core.api.Assertions.assertThat(c.engine().indicators().emaFast()).isEqualTo(12);
        org.assertj.core.api.Assertions.assertThat(c.engine().indicators().atrPeriod()).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThat(c.engine().indicators().rsiPeriod()).isEqualTo(7);
        org.assertj.core.api.Assertions.assertThat(c.engine().signals().enabledTypes())
                .containsExactly("orb", "ema_cross");
        org.assertj.core.api.Assertions.assertThat(c.engine().signals().minConfluence()).isEqualTo(6);
        org.assertj.core.api.Assertions.assertThat(c.engine().signals().orbConfidence()).isEqualTo(0.9);
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.parse(ConfigLoader.toJson(c),
                java.util.List.of()).engine()).isEqualTo(c.engine());
    }

    @Test
    void bindsRiskKeysFromProfilesThenAccounts() {
        TradeflowConfig c = parse("""
                accounts:
                  - id: A1
                    profile: intraday
                    mode: paper
                    cash: 100000
                    universe: [SPY]
                    rules:
                      max-open-positions: 5
                      daily-loss-pct: 0.02
                      position-cooldown: 12h
                      event-day-cutoff: none
                      confluence-sizing: false
                      correlation-reduce: 0.85
                      correlation-reject: 0.9
                  - id: S1
                    profile: swing
                    mode: backtest
                    cash: 50000
                    universe: [AAPL]
                    rules: { event-day-cutoff: "13:00" }
                profiles:
                  intraday: { max-trades-per-day: 4, stop-out-pause: PT90M }
                  swing: { reserve-siphon-pct: 0.25, win-rate-window: 60d }
                """, "accounts.0.rules.min-active-pool=250");
        io.tradeflow.rules.RiskParams a = c.engine().account("A1").rules().risk();
        assertThat(a.maxOpenPositions()).isEqualTo(5);
        assertThat(a.maxTradesPerDay()).isEqualTo(4);
        assertThat(a.dailyLossPct()).isEqualTo(0.02);
        assertThat(a.positionCooldown()).isEqualTo(Duration.ofHours(12));
        assertThat(a.stopOutPause()).isEqualTo(Duration.ofMinutes(90));
        assertThat(a.eventDayCutoff()).isNull();
        assertThat(a.confluenceSizing()).isFalse();
        assertThat(a.correlationReduce()).isEqualTo(0.85);
        assertThat(a.correlationReject()).isEqualTo(0.9);
        assertThat(a.minActivePool()).isEqualTo(250.0);
        assertThat(a.stopOutCount()).isEqualTo(io.tradeflow.rules.RiskParams.INTRADAY.stopOutCount());
        io.tradeflow.rules.RiskParams s = c.engine().account("S1").rules().risk();
        assertThat(s.reserveSiphonPct()).isEqualTo(0.25);
        assertThat(s.winRateWindow()).isEqualTo(Duration.ofDays(60));
        assertThat(s.eventDayCutoff()).isEqualTo(LocalTime.of(13, 0));
        assertThat(s.maxTradesPerDay()).isZero();
        assertThat(parse(ConfigLoader.toJson(c))).isEqualTo(c);
        assertThat(ConfigLoader.toJson(c)).contains("\"max-open-positions\":5",
                "\"position-cooldown\":\"PT12H\"", "\"event-day-cutoff\":\"none\"",
                "\"confluence-sizing\":false");
    }

    @Test
    void exampleConfigSetsRiskKeys() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/config/example.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TradeflowConfig c = parse(yaml);
        assertThat(c.engine().account("day-paper").rules().risk().maxOpenPositions())
                .isEqualTo(6);
        assertThat(c.engine().account("day-paper").rules().risk().dailyLossPct())
                .isEqualTo(0.02);
    }

    @Test
    void loadsTheSectorMapFromAFileOrInline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sectors.csv"), """
                ticker,gics_sector_pre2018,source_version
                AAPL,Information Technology,datasets@1 (2018-04-02)
                XOM,Energy,datasets@1

                "BRK.B","Financials",x
                """);
        TradeflowConfig c = parse(MINIMAL + "sectors: " + file + "\n");
        assertThat(c.engine().sectors()).isEqualTo(Map.of("AAPL", "Information Technology",
                "XOM", "Energy", "BRK.B", "Financials"));
        assertThat(c.engine().sector("XOM")).isEqualTo("Energy");
        assertThat(c.engine().sector("SPY")).isNull();
        // the recorded configuration carries the map itself, and loads back equal
        String json = ConfigLoader.toJson(c);
        assertThat(json).contains("\"sectors\":{\"AAPL\":\"Information Technology\"");
        assertThat(parse(json)).isEqualTo(c);
        assertThat(parse(MINIMAL + "sectors: { SPY: ETF }\n").engine().sectors())
                .isEqualTo(Map.of("SPY", "ETF"));
        assertThat(parse(MINIMAL).engine().sectors()).isEmpty();
        assertThat(c.withSectors(Map.of("QQQ", "ETF")).engine().sectors())
                .isEqualTo(Map.of("QQQ", "ETF"));
    }

    @Test
    void listsEverySectorFileProblem(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), """
                ticker,sector
                AAPL
                ,Energy
                XOM,Energy
                XOM,Utilities
                """);
        assertThatThrownBy(() -> parse(MINIMAL + "sectors: " + bad + "\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors()).containsExactly(
                        "sectors: " + bad + ":2: expected ticker,sector, got 'AAPL'",
                        "sectors: " + bad + ":3: ticker and sector must not be blank",
                        "sectors: " + bad + ":5: XOM is in two sectors: 'Energy' and"
                                + " 'Utilities'"));
        Path noHeader = Files.writeString(dir.resolve("nh.csv"), "AAPL,Tech\n");
        assertThatThrownBy(() -> parse(MINIMAL + "sectors: " + noHeader + "\n"))
                .hasMessageContaining("sectors: " + noHeader + ":1: expected a header "
                        + "ticker,<sector>");
        assertThatThrownBy(() -> parse(MINIMAL + "sectors: " + dir.resolve("none.csv") + "\n"))
                .hasMessageContaining("cannot read the sector file");
    }
}
