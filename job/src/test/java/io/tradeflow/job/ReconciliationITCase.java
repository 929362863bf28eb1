package io.tradeflow.job;

import static io.tradeflow.job.LiveBrokerITCase.ACCOUNT;
import static io.tradeflow.job.LiveBrokerITCase.MINUTE;
import static io.tradeflow.job.LiveBrokerITCase.RUN;
import static io.tradeflow.job.LiveBrokerITCase.quantity;
import static io.tradeflow.job.LiveBrokerITCase.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.io.ControlMessages;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.sample.MarketGenerator;
import io.tradeflow.testing.EmbeddedPostgresExtension;
import io.tradeflow.testing.KafkaBrokerExtension;

import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reconciliation with the broker (R-REC-2) end to end, with a real Kafka broker, PostgreSQL and
 * the fake broker gateway of {@link LiveBrokerITCase} (its market feed and pacing, see there): the
 * gateway keeps its own book of the account from the fills it reports and publishes it as signed
 * position snapshots on {@code broker-positions}. A snapshot equal to the job's book at start and
 * after a fill is a {@code matched} row; one with a share too many (a break) is a {@code
 * mismatch} row that pauses entries with a notification; {@code reconcile accept} on the
 * control topic adopts the broker's book, audited, and ends the pause; the next snapshot matches.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ReconciliationITCase {
    /** This class's own metrics: a reporter closes with the cluster it served. */
    static final InMemoryReporter METRICS = InMemoryReporter.create();

    /** The gateway's feed talks to the broker of {@link LiveBrokerITCase}, started for us. */
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final KafkaBrokerExtension KAFKA = LiveBrokerITCase.KAFKA;

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2, METRICS);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard: each wait has its own deadline
    @DisplayName("R-REC-2: snapshots matched at start and after a fill, a break pauses entries, "
            + "reconcile accept adopts the broker's book and resumes")
    void reconcilesWithTheGateway() throws Exception {
        MarketGenerator.Generated g = LiveBrokerITCase.market();
        TradeflowConfig cfg = ConfigLoader.parse("""
                accounts:
                  - { id: live-1, profile: intraday, mode: live, cash: 100000,
                      universe: [AAPL, MSFT, SPY],
                      rules: { entry-timeout: 60m, max-trades-per-day: 0 } }
                parallelism: 1
                input: { idleness: PT5S }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: reconcile
                  topics: { bars: rc-bars, recommendations: rc-recs, vix: rc-vix,
                            calendar: rc-calendar, control: rc-control, fills: rc-fills,
                            broker-positions: rc-positions, orders: rc-orders }
                """.formatted(KAFKA.bootstrapServers()), List.of());
        KafkaSettings k = cfg.kafka();
        for (String key : TestClusters.concat(KafkaSettings.INPUT_TOPIC_KEYS,
                KafkaSettings.ORDERS)) {
            KAFKA.createTopics(1, k.topic(key));
        }
        JdbcSettings pg = EmbeddedPostgresExtension.freshDatabase("reconcile_e2e");
        Migrations.migrate(pg);
        String positionsTopic = k.topic(KafkaSettings.BROKER_POSITIONS);
        long from = g.bars().get(0).ts() + 60 * MINUTE;
        Path checkpoints = Path.of("target", "checkpoints", "rc-" + System.nanoTime());
        try (LiveBrokerITCase.Feed feed = new LiveBrokerITCase.Feed(g, k, from,
                cfg.input().outOfOrderness());
                LiveBrokerITCase.Gateway gateway = new LiveBrokerITCase.Gateway(
                        k.topic(KafkaSettings.ORDERS), feed)) {
            LiveBrokerITCase.Running job = start(cfg, pg, checkpoints, null, METRICS);
            feed.readBy(job);
            try {
                LiveBrokerITCase.await("a first completed checkpoint", job::completedCheckpoints,
                        n -> n >= 1);
                feed.warmUp();

                // at start: the broker holds nothing but the cash, as the book does
                long s0 = gateway.snapshot(positionsTopic, "s0", Map.of());
                feed.settlePast(s0);
                assertThat(rows(pg)).extracting(r -> r.get("snapshot_id") + " " + r.get("status"))
                        .containsExactly("s0 matched");

                // after a fill the broker's book and the job's agree, cash to the cent
                JsonNode o1 = feed.until("an entry with more than 15 minutes left",
                        () -> gateway.entry(o -> feed.timeLeft(o) > 15 * MINUTE));
                String ticker = o1.get("ticker").asText();
                long q1 = o1.get("quantity").asLong();
                // shares held, signed: a short entry sells
                long held = "buy".equals(o1.get("side").asText()) ? q1 : -q1;
                long more = Long.signum(held);
                gateway.fill(o1, q1);
                long s1 = gateway.snapshot(positionsTopic, "s1", Map.of());
                feed.settlePast(s1);
                assertThat(quantity(pg, o1.get("position_id").asText())).isEqualTo(q1);
                Map<String, Object> matched = rows(pg).get(1);
                assertThat(matched).containsEntry("snapshot_id", "s1")
                        .containsEntry("status", "matched");
                assertThat(matched.get("broker_positions").toString())
                        .isEqualTo("{\"" + ticker + "\": " + held + "}");
                assertThat(((java.math.BigDecimal) matched.get("cash_difference")).signum())
                        .isZero();

                // a break: the broker holds a share more than the book
                long detectStart = System.nanoTime();
                long s2 = gateway.snapshot(positionsTopic, "s2", Map.of(ticker, more));
                feed.settlePast(s2);
                long detectMs = (System.nanoTime() - detectStart) / 1_000_000;
                Map<String, Object> broken = rows(pg).get(2);
                assertThat(broken).containsEntry("snapshot_id", "s2")
                        .containsEntry("status", "mismatch");
                assertThat(broken.get("differences").toString()).isEqualTo("[{\"book\": " + held
                        + ", \"broker\": " + (held + more) + ", \"ticker\": \"" + ticker
                        + "\"}]");
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT status, reason FROM "
                        + "circuit_breaker_events WHERE run_id = '" + RUN + "' AND type = "
                        + "'manual'")).containsExactly(Map.of("status", "tripped",
                                "reason", "R-REC-2"));
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT message FROM "
                        + "notifications WHERE run_id = '" + RUN + "' AND kind = "
                        + "'reconciliation'")).singleElement().extracting(m -> m.get("message"))
                        .asString().contains("R-REC-2", "s2");

                // the operator adopts the broker's book: audited, the pause it began ends
                long accepted = feed.message(k.topic(KafkaSettings.CONTROL), ACCOUNT, 1,
                        ts -> ControlMessages.signed(Keyring.single(LiveJobITCase.SECRET), null,
                                ACCOUNT, "reconcile", Map.of("accept", "true"), ts).toString());
                gateway.adopt(Map.of(ticker, more));
                feed.settlePast(accepted);
                assertThat(rows(pg).get(3)).containsEntry("status", "accepted")
                        .containsEntry("issued_by", "default");
                assertThat(quantity(pg, o1.get("position_id").asText())).isEqualTo(q1 + 1);
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT command, status FROM "
                        + "config_audit WHERE run_id = '" + RUN + "'")).containsExactly(
                                Map.of("command", "reconcile", "status", "accepted"));
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT status FROM "
                        + "circuit_breaker_events WHERE run_id = '" + RUN + "' AND type = "
                        + "'manual'")).containsExactly(Map.of("status", "resolved"));

                // the broker's next snapshot matches the adopted book
                long s3 = gateway.snapshot(positionsTopic, "s3", Map.of());
                feed.settlePast(s3);
                assertThat(rows(pg)).extracting(r -> r.get("snapshot_id") + " " + r.get("status"))
                        .containsExactly("s0 matched", "s1 matched", "s2 mismatch",
                                "s2 accepted", "s3 matched");
                assertThat(EmbeddedPostgresExtension.query(pg, "SELECT count(*) AS n FROM "
                        + "dead_letters WHERE run_id = '" + RUN + "'").get(0).get("n"))
                        .isEqualTo(0L);
                System.out.printf("reconciliation e2e: break detected and recorded %d ms after "
                        + "the snapshot was sent (incl. two checkpoints)%n", detectMs);
            } finally {
                job.client().cancel().get();
            }
        }
    }

    private static List<Map<String, Object>> rows(JdbcSettings pg) {
        return EmbeddedPostgresExtension.query(pg, "SELECT snapshot_id, status, differences, "
                + "broker_positions, cash_difference, issued_by FROM reconciliations WHERE "
                + "run_id = '" + RUN + "' ORDER BY ts, status DESC");
    }
}
