package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.cli.CtlClient;
import io.tradeflow.demo.EmbeddedKafka;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSecurity;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Kafka security (issue 13, item 6): a broker whose listener takes SASL/PLAIN only; the job's
 * sources and sinks and the {@code ctl} command reach it with credentials from environment variables or a
 * properties file, fail clearly without them, and never print the password.
 */
class KafkaSaslITCase {
    static final String USER = "tradeflow";
    static final String PASSWORD = "pw-7f3c9e21-never-printed";
    static EmbeddedKafka kafka;
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.startSaslPlain(Map.of(USER, PASSWORD));
        dir = Files.createDirectories(Path.of("target", "kafka-sasl"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static Map<String, String> variables() {
        return Map.of(
                "TRADEFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "TRADEFLOW_KAFKA_SASL_MECHANISM", "PLAIN",
                "TRADEFLOW_KAFKA_SASL_JAAS_CONFIG", EmbeddedKafka.plainJaas(USER, PASSWORD));
    }

    static Map<String, String> propertiesFile(String password) throws Exception {
        Path file = dir.resolve("client-" + password.length() + ".properties");
        // the JAAS line's quotes and semicolon need no escaping in a properties file
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=" + EmbeddedKafka.plainJaas(USER, password) + "\n");
        return Map.of(KafkaSecurity.PROPERTIES_FILE, file.toString());
    }

    TradeflowConfig config(String group) {
        return ConfigLoader.parse("""
                accounts:
                  - { id: A1, profile: intraday, mode: paper, cash: 10000, universe: [SPY] }
                kafka:
                  bootstrap-servers: "%s"
                  group-id: %s
                  topics: { bars: %s-bars, quotes: %s-quotes, vix: %s-vix,
                    recommendations: %s-recs, calendar: %s-calendar, control: %s-control,
                    fills: %s-fills, orders: %s-orders, notifications: %s-notes,
                    dead-letters: %s-dead }
                """.formatted(kafka.bootstrapServers(), group, group, group, group, group, group,
                group, group, group, group, group), List.of());
    }

    @Test
    void jobAndCtlUseCredentialsFromVariablesAndFileAndNeverPrintThem() throws Exception {
        List<String> logged = new LogCapture().during(() -> {
            // the file for the job, the variables for ctl: both ways reach the same listener
            TradeflowConfig cfg = config("sasl")
                    .withKafkaSecurity(KafkaSecurity.fromEnvironment(propertiesFile(PASSWORD)));
            KafkaSettings k = cfg.kafka();
            kafka.createTopics(1, k.topics().values().toArray(String[]::new));
            kafka.produce(k.topic(KafkaSettings.BARS), List.<String[]>of(new String[] {
                    "SPY", "not a bar"}), List.of(1_738_594_800_000L));

            CtlClient.Result ctl = CtlClient.run(variables(), "pause", "--account", "A1",
                    "--bootstrap", kafka.bootstrapServers(), "--topic",
                    k.topic(KafkaSettings.CONTROL), "--ts", "2025-02-03T10:00:00-05:00");
            assertThat(ctl.error()).as(ctl.err()).isNull();
            assertThat(ctl.err()).doesNotContain(PASSWORD);
            List<ConsumerRecord<String, String>> control = kafka.consume(
                    k.topic(KafkaSettings.CONTROL), 1, Duration.ofSeconds(30),
                    k.clientProperties());
            assertThat(control).singleElement().extracting(ConsumerRecord::key).isEqualTo("A1");

            Collected out = Runs.run(cfg, Runs.Inputs.kafka(cfg), RuntimeExecutionMode.BATCH,
                    new Configuration(), null, "sasl", "backtest", null);
            assertThat(out.deadLetters()).extracting(DeadLetter::payload).contains("not a bar");

            // the job's dead-letter sink writes through the same listener
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(out.deadLetters()).sinkTo(Sinks.deadLetterSink(k));
            env.execute("sasl dead letters");
            assertThat(kafka.consume(k.topic(KafkaSettings.DEAD_LETTERS),
                    out.deadLetters().size(), Duration.ofSeconds(30), k.clientProperties()))
                    .extracting(ConsumerRecord::value)
                    .anyMatch(json -> json.contains("not a bar"));

            // what the configuration shows: the settings, never the password
            assertThat(cfg.kafka().security().describe()).contains(
                    "security.protocol=SASL_PLAINTEXT (from " + dir.resolve("client-"
                            + PASSWORD.length() + ".properties") + ")",
                    "sasl.jaas.config=(hidden) (from " + dir.resolve("client-"
                            + PASSWORD.length() + ".properties") + ")");
            assertThat(cfg.toString()).doesNotContain(PASSWORD);
            assertThat(ConfigLoader.toJson(cfg)).doesNotContain(PASSWORD, "jaas", "SASL_PLAINTEXT");
        });
        assertThat(logged).as("log lines").hasSizeGreaterThan(10)
                .noneMatch(line -> line.contains(PASSWORD));
    }

    @Test
    void ctlWithoutCredentialsNamesTheSecuritySettings() throws Exception {
        CtlClient.Result none = CtlClient.run(Map.of(), "pause", "--account", "A1",
                "--bootstrap", kafka.bootstrapServers(), "--topic", "no-credentials",
                "--ts", "2025-02-03T10:00:00-05:00");
        assertThat(none.error()).isNotNull().hasMessageContainingAll(
                "no answer from Kafka at " + kafka.bootstrapServers(),
                "security.protocol is PLAINTEXT", "TRADEFLOW_KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void ctlWithAWrongPasswordSaysTheCredentialsWereRefused() throws Exception {
        CtlClient.Result wrong = CtlClient.run(propertiesFile("not-the-password"), "pause",
                "--account", "A1", "--bootstrap", kafka.bootstrapServers(), "--topic",
                "wrong-password", "--ts", "2025-02-03T10:00:00-05:00");
        assertThat(wrong.error()).isNotNull()
                .hasMessageContaining("Kafka at " + kafka.bootstrapServers()
                        + " refused the credentials")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void saslWithoutItsJaasConfigIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> CtlClient.run(Map.of(
                        "TRADEFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "TRADEFLOW_KAFKA_SASL_MECHANISM", "PLAIN"), "pause", "--account", "A1",
                "--bootstrap", kafka.bootstrapServers()).rethrow())
                .hasMessageContaining("TRADEFLOW_KAFKA_SASL_JAAS_CONFIG: required with"
                        + " sasl.mechanism PLAIN");
    }

    /** Collects every log line (INFO and above) of the test JVM while an action runs. */
    static final class LogCapture extends AbstractAppender {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        LogCapture() {
            super("sasl-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                    + (event.getThrown() == null ? "" : " " + event.getThrown()));
        }

        interface Action {
            void run() throws Exception;
        }

        List<String> during(Action action) throws Exception {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            LoggerConfig root = ctx.getConfiguration().getRootLogger();
            Level before = root.getLevel();
            // the console keeps its quiet: INFO goes to this appender only
            Map<String, Appender> others = Map.copyOf(root.getAppenders());
            others.keySet().forEach(root::removeAppender);
            start();
            root.addAppender(this, Level.INFO, null);
            root.setLevel(Level.INFO);
            ctx.updateLoggers();
            try {
                action.run();
            } finally {
                root.removeAppender(getName());
                others.values().forEach(a -> root.addAppender(a, null, null));
                root.setLevel(before);
                ctx.updateLoggers();
                stop();
            }
            return List.copyOf(lines);
        }
    }
}
