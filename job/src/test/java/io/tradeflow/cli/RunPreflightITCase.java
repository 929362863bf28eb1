package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.io.KafkaInputs;
import io.tradeflow.testing.KafkaBrokerExtension;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The live command's look at the broker before it starts: a source on a missing topic would fail
 * the job at start and at every restart, so the command names the missing topics instead.
 */
class RunPreflightITCase {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    @DisplayName("the topics the broker lacks, in the order asked")
    void missingTopicsAreNamed() throws Exception {
        KAFKA.createTopics(1, "there-a", "there-b");
        assertThat(KafkaInputs.missingTopics(KAFKA.bootstrapServers(), Map.of(),
                List.of("absent-1", "there-a", "there-b", "absent-2"), Duration.ofSeconds(30)))
                .containsExactly("absent-1", "absent-2");
        assertThat(KafkaInputs.missingTopics(KAFKA.bootstrapServers(), Map.of(),
                List.of("there-b", "there-a"), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    @DisplayName("a broker that does not answer is an error naming it, after the timeout")
    void silentBrokerIsAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String bootstrap = "localhost:" + port;
        assertThatThrownBy(() -> KafkaInputs.missingTopics(bootstrap, Map.of(),
                List.of("bars"), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot list the topics of the Kafka broker at " + bootstrap);
    }

    @Test
    @DisplayName("tradeflow run with an input topic missing stops before it starts the job, "
            + "naming the topic")
    void runNamesTheMissingTopics() throws Exception {
        String prefix = "preflight";
        KAFKA.createTopics(1, prefix + "-bars", prefix + "-recs", prefix + "-vix",
                prefix + "-calendar", prefix + "-control", prefix + "-fills");
        Path config = Files.createTempFile("preflight", ".yaml");
        Files.writeString(config, """
                accounts:
                  - { id: a1, profile: intraday, mode: paper, cash: 100000, universe: [SPY] }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: %s
                  topics: { bars: %2$s-bars, recommendations: %2$s-recs, vix: %2$s-vix,
                            calendar: %2$s-calendar, control: %2$s-control, fills: %2$s-fills,
                            broker-positions: %2$s-positions }
                """.formatted(KAFKA.bootstrapServers(), prefix));
        CliTest.Result r = CliTest.run("run", "--config", config.toString(), "--skip-migrate",
                "--jdbc-url", "jdbc:postgresql://localhost:1/none", "--jdbc-user", "nobody");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("has no topic " + prefix + "-positions: create it");
    }
}
