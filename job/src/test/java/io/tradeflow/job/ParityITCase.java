package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.event.Decision;
import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core promise: the same inputs give the same decisions and orders (every column, the trace
 * included), the same breaker, tier, reserve, audit and notification rows, and byte-identical
 * result files, whether run in STREAMING from Kafka, in BATCH from files, or in STREAMING from
 * files shuffled within the out-of-orderness bound.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ParityITCase {
    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "parity");
    static final List<String> TABLES =
            List.of("trading_decisions", "orders", "fills", "positions", "dead_letters",
                    "circuit_breaker_events", "risk_tier_history", "reserve_pool_ledger",
                    "config_audit", "notifications", "position_stop_levels");
    static final List<String> FILES = List.of("decisions.csv", "orders.csv", "fills.csv",
            "positions.csv", "dead_letters.csv", "breakers.csv", "tier_changes.csv",
            "reserve_ledger.csv", "config_audit.csv", "notifications.csv", "stop_levels.csv");
    static ParityData data;
    static JdbcSettings pg;

    @BeforeAll
    static void setUp() {
        data = new ParityData(42);
        pg = EmbeddedPostgresExtension.freshDatabase("parity");
    }

    @Test
    @DisplayName("STREAMING from Kafka = BATCH from files = STREAMING from shuffled files")
    void threeWaysSameDecisions() throws Exception {
        TradeflowConfig cfg = data.config;
        Pipeline.Files sorted = data.write(DIR.resolve("sorted"), false, 0);
        Pipeline.Files shuffled = data.write(DIR.resolve("shuffled"), true, 7);

        TradeflowConfig kafkaCfg = data.kafkaConfig(KAFKA.bootstrapServers(), "parity");
        data.produce(KAFKA, kafkaCfg);
        Collected streamKafka = Runs.run(kafkaCfg, Runs.Inputs.kafka(kafkaCfg),
                RuntimeExecutionMode.STREAMING, TestClusters.checkpointed(kafkaCfg, "parity-a"),
                pg, "stream-kafka", "backtest", null);
        Collected batchFiles = Runs.run(cfg, Runs.Inputs.files(sorted, cfg),
                RuntimeExecutionMode.BATCH, new Configuration(), pg, "batch-files", "backtest",
                null);
        Collected streamShuffled = Runs.run(cfg, Runs.Inputs.files(shuffled, cfg),
                RuntimeExecutionMode.STREAMING, TestClusters.checkpointed(cfg, "parity-c"), pg,
                "stream-shuffled", "backtest", null);

        // the inputs exercise what they must
        List<Decision> ds = batchFiles.decisions();
        long uniqueRecs = data.generated.recommendationJsonLines().stream().distinct().count();
        assertThat(data.generated.recommendationJsonLines().size()).isGreaterThan((int) uniqueRecs);
        assertThat(uniqueRecs).isGreaterThanOrEqualTo(200);
        assertThat(ds).extracting(Decision::decision).contains(Decision.ACT, Decision.SKIP);
        assertThat(ds.stream().map(Decision::account).collect(Collectors.toSet())).hasSize(4);
        // the options account trades contracts priced by the model (issue 15, R-OPT-3/4):
        // every order of it names its contract, every fill is modelled; the others trade shares
        assertThat(ds).filteredOn(d -> d.account().equals("options-1"))
                .extracting(Decision::decision).contains(Decision.ACT);
        assertThat(ds).filteredOn(d -> d.decision().equals(Decision.ACT))
                .allMatch(d -> d.account().equals("options-1") == (d.instrument() != null));
        assertThat(batchFiles.orders()).filteredOn(o -> o.account().equals("options-1"))
                .isNotEmpty().allMatch(o -> o.instrument() != null
                        && o.instrument().startsWith(o.ticker()));
        assertThat(batchFiles.fills()).filteredOn(f -> f.account().equals("options-1"))
                .isNotEmpty().allMatch(f -> f.modelled() && f.instrument() != null);
        assertThat(batchFiles.orders()).filteredOn(o -> !o.account().equals("options-1"))
                .isNotEmpty().allMatch(o -> o.instrument() == null);
        assertThat(batchFiles.fills()).filteredOn(f -> !f.account().equals("options-1"))
                .isNotEmpty().noneMatch(io.tradeflow.event.Fill::modelled);
        assertThat(batchFiles.orders()).extracting(io.tradeflow.event.Order::reason)
                .contains("R-STOP-3:stop")
                .anyMatch(reason -> reason.startsWith("R-ORD-2:"));
        // the exit rules are at work in every mode: initial levels, trailing arms, re-evaluations
        assertThat(batchFiles.stopLevels()).extracting(io.tradeflow.event.StopLevelChange::rule)
                .contains("R-STOP-1", "R-STOP-4");
        assertThat(batchFiles.fills()).isNotEmpty();
        // the generator aims some recommendations at accounts that do not trade the ticker
        assertThat(batchFiles.deadLetters()).extracting(io.tradeflow.event.DeadLetter::reason)
                .containsOnly("unknown_ticker");
        Set<String> days = ds.stream().map(d -> io.tradeflow.rules.calendar.MarketTime
                .date(d.ts()).toString()).collect(Collectors.toSet());
        assertThat(days).doesNotContain(ParityData.HOLIDAY.toString()).hasSizeGreaterThan(1);
        // the scripted VIX spike blocks entries, the scripted plunge is a rapid move the engine saw
        assertThat(ds).extracting(Decision::reason).contains("R-VIX-1", "R-SIG-1");
        assertThat(ds).anyMatch(d -> d.trace().contains("\"last_rapid_move\":{"));
        // one decision per recommendation id and interested account: duplicates decide nothing
        assertThat(ds.stream().map(d -> d.account() + "/" + d.recommendationId()).distinct()
                .count()).isEqualTo(ds.size());

        sameInOrder("decisions, STREAMING from Kafka", streamKafka.decisions(), ds);
        sameInOrder("decisions, STREAMING from shuffled files", streamShuffled.decisions(), ds);
        sameInOrder("orders, STREAMING from Kafka", streamKafka.orders(), batchFiles.orders());
        sameInOrder("orders, STREAMING from shuffled files", streamShuffled.orders(),
                batchFiles.orders());

        sameInOrder("breakers, STREAMING from Kafka", streamKafka.breakers(),
                batchFiles.breakers());
        sameInOrder("breakers, STREAMING from shuffled files", streamShuffled.breakers(),
                batchFiles.breakers());
        sameInOrder("tier changes, STREAMING from Kafka", streamKafka.tierChanges(),
                batchFiles.tierChanges());
        sameInOrder("tier changes, STREAMING from shuffled files", streamShuffled.tierChanges(),
                batchFiles.tierChanges());
        sameInOrder("reserve ledger, STREAMING from Kafka", streamKafka.reserveLedger(),
                batchFiles.reserveLedger());
        sameInOrder("reserve ledger, STREAMING from shuffled files",
                streamShuffled.reserveLedger(), batchFiles.reserveLedger());
        sameInOrder("config audit, STREAMING from Kafka", streamKafka.configAudit(),
                batchFiles.configAudit());
        sameInOrder("config audit, STREAMING from shuffled files", streamShuffled.configAudit(),
                batchFiles.configAudit());
        sameInOrder("notifications, STREAMING from Kafka", streamKafka.notifications(),
                batchFiles.notifications());
        sameInOrder("notifications, STREAMING from shuffled files",
                streamShuffled.notifications(), batchFiles.notifications());
        // portfolio snapshots (R-MET-1): every 5 minutes and at each close, equal in all runs
        assertThat(batchFiles.snapshots()).anyMatch(PortfolioSnapshot::close)
                .anyMatch(p -> p.openPositions() > 0);
        sameInOrder("snapshots, STREAMING from Kafka", streamKafka.snapshots(),
                batchFiles.snapshots());
        sameInOrder("snapshots, STREAMING from shuffled files", streamShuffled.snapshots(),
                batchFiles.snapshots());
        // stop-level history: empty until the engine emits it, then equal in all three runs
        sameInOrder("stop levels, STREAMING from Kafka", streamKafka.stopLevels(),
                batchFiles.stopLevels());
        sameInOrder("stop levels, STREAMING from shuffled files", streamShuffled.stopLevels(),
                batchFiles.stopLevels());

        // the result files, written under one run id, are byte-identical too
        ResultFiles.write(DIR.resolve("out-kafka"), "parity", "STREAMING", streamKafka);
        ResultFiles.write(DIR.resolve("out-batch"), "parity", "BATCH", batchFiles);
        ResultFiles.write(DIR.resolve("out-shuffled"), "parity", "STREAMING", streamShuffled);
        // fills.csv carries the contract and the modelled flag of the options account's fills
        assertThat(Files.readAllLines(DIR.resolve("out-batch").resolve("fills.csv")))
                .first().asString().endsWith(",instrument,modelled");
        assertThat(Files.readAllLines(DIR.resolve("out-batch").resolve("fills.csv")))
                .filteredOn(l -> l.contains(",options-1,")).isNotEmpty()
                .allMatch(l -> l.matches(".*,[A-Z]+ +[0-9]{6}[CP][0-9]{8},true"));
        for (String file : FILES) {
            String batchFile = Files.readString(DIR.resolve("out-batch").resolve(file));
            assertThat(batchFile).as(file + " has its header").isNotEmpty();
            assertThat(Files.readString(DIR.resolve("out-kafka").resolve(file)))
                    .as(file + ": STREAMING from Kafka vs BATCH").isEqualTo(batchFile);
            assertThat(Files.readString(DIR.resolve("out-shuffled").resolve(file)))
                    .as(file + ": STREAMING from shuffled files vs BATCH").isEqualTo(batchFile);
        }

        for (String table : TABLES) {
            List<String> batchRows = EmbeddedPostgresExtension.rows(pg, table, "batch-files");
            assertThat(EmbeddedPostgresExtension.rows(pg, table, "stream-kafka"))
                    .as(table + ": STREAMING from Kafka vs BATCH").isEqualTo(batchRows);
            assertThat(EmbeddedPostgresExtension.rows(pg, table, "stream-shuffled"))
                    .as(table + ": STREAMING from shuffled files vs BATCH").isEqualTo(batchRows);
        }
        assertThat(EmbeddedPostgresExtension.rows(pg, "trading_decisions", "batch-files"))
                .hasSize(ds.size());
        System.out.printf("parity: %d decisions (%s), %d orders, %d fills, %d bars; wall ms: "
                        + "kafka %d, batch %d, shuffled %d%n", ds.size(),
                batchFiles.decisionsByReason(), batchFiles.orders().size(),
                batchFiles.fills().size(), batchFiles.barsHandled(), streamKafka.wallMillis(),
                batchFiles.wallMillis(), streamShuffled.wallMillis());
    }

    /** Asserts equality, naming the first difference (a whole-list dump is unreadable). */
    static <T> void sameInOrder(String what, List<T> actual, List<T> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("%s: element %d of %d", what, i, expected.size())
                    .isEqualTo(expected.get(i));
        }
        assertThat(actual.size()).as(what + ": size").isEqualTo(expected.size());
    }
}
