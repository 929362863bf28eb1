package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Kafka security properties from the environment or a file, checked, and printed hidden. */
class KafkaSecurityTest {
    static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"u\" password=\"s3cr3t\";";
    static final Map<String, String> SASL_SSL = Map.of(
            "TRADEFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "TRADEFLOW_KAFKA_SASL_MECHANISM", "PLAIN",
            "TRADEFLOW_KAFKA_SASL_JAAS_CONFIG", JAAS,
            "TRADEFLOW_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ts.p12",
            "TRADEFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD", "ts-pass");

    static ConfigException errors(Map<String, String> env) {
        try {
            KafkaSecurity.fromEnvironment(env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no error for " + env.keySet());
    }

    @Test
    void readsEachPropertyFromItsVariable() {
        Map<String, String> env = new HashMap<>(SASL_SSL);
        env.put("TRADEFLOW_JDBC_PASSWORD", "other");
        env.put("PATH", "/bin");
        KafkaSecurity s = KafkaSecurity.fromEnvironment(env);
        assertThat(s.properties()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", JAAS),
                Map.entry("ssl.truststore.location", "/etc/kafka/ts.p12"),
                Map.entry("ssl.truststore.password", "ts-pass"));
        assertThat(KafkaSecurity.variable("ssl.keystore.password"))
                .isEqualTo("TRADEFLOW_KAFKA_SSL_KEYSTORE_PASSWORD");
    }

    @Test
    void printsProtocolMechanismAndLocationsButHidesEveryOtherValue() {
        Map<String, String> env = new HashMap<>(SASL_SSL);
        env.put("TRADEFLOW_KAFKA_SSL_KEYSTORE_KEY", "-----BEGIN PRIVATE KEY-----");
        KafkaSecurity s = KafkaSecurity.fromEnvironment(env);
        assertThat(s.describe()).containsExactly(
                "sasl.jaas.config=(hidden) (from TRADEFLOW_KAFKA_SASL_JAAS_CONFIG)",
                "sasl.mechanism=PLAIN (from TRADEFLOW_KAFKA_SASL_MECHANISM)",
                "security.protocol=SASL_SSL (from TRADEFLOW_KAFKA_SECURITY_PROTOCOL)",
                "ssl.keystore.key=(hidden) (from TRADEFLOW_KAFKA_SSL_KEYSTORE_KEY)",
                "ssl.truststore.location=/etc/kafka/ts.p12"
                        + " (from TRADEFLOW_KAFKA_SSL_TRUSTSTORE_LOCATION)",
                "ssl.truststore.password=(hidden) (from TRADEFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD)");
        KafkaSettings k = KafkaSettings.defaults().withSecurity(s);
        assertThat(k.toString()).doesNotContain("s3cr3t", "ts-pass", "PRIVATE KEY");
        assertThat(k.clientProperties()).containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void readsAPropertiesFileAndAVariableWinsOverIt() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "kafka-security"))
                .resolve("client.properties");
        Files.writeString(file, "# from the secret store\nsecurity.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + JAAS + "\n");
        KafkaSecurity s = KafkaSecurity.fromEnvironment(Map.of(
                "TRADEFLOW_KAFKA_PROPERTIES_FILE", file.toString(),
                "TRADEFLOW_KAFKA_SASL_MECHANISM", "PLAIN"));
        assertThat(s.properties()).containsOnly(
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", JAAS));
        assertThat(s.describe()).contains("sasl.jaas.config=(hidden) (from " + file + ")",
                "sasl.mechanism=PLAIN (from TRADEFLOW_KAFKA_SASL_MECHANISM)");
    }

    @Test
    void noVariablesMeansPlainText() {
        assertThat(KafkaSecurity.fromEnvironment(Map.of("HOME", "/root")))
                .isSameAs(KafkaSecurity.NONE);
        assertThat(KafkaSettings.defaults().clientProperties()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithoutAValue() {
        assertThat(errors(Map.of(
                        "TRADEFLOW_KAFKA_LINGER_MS", "5",
                        "TRADEFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "TRADEFLOW_KAFKA_SSL_KEYSTORE_PASSWORD", "ks-pass")).errors())
                .containsExactly(
                        "TRADEFLOW_KAFKA_LINGER_MS: not a Kafka security property"
                                + " (security.protocol, sasl.*, ssl.*); other client properties"
                                + " go under kafka.properties in the configuration file",
                        "TRADEFLOW_KAFKA_SSL_KEYSTORE_PASSWORD: set, but security.protocol is"
                                + " SASL_PLAINTEXT: the clients would ignore it",
                        "TRADEFLOW_KAFKA_SASL_MECHANISM: required with security.protocol"
                                + " SASL_PLAINTEXT (e.g. PLAIN, SCRAM-SHA-512)");
        assertThat(errors(Map.of("TRADEFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_PLAIN")).errors())
                .containsExactly("TRADEFLOW_KAFKA_SECURITY_PROTOCOL: unknown protocol"
                        + " 'SASL_PLAIN' (expected PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL)");
        assertThat(errors(Map.of("TRADEFLOW_KAFKA_SASL_JAAS_CONFIG", JAAS)).errors())
                .containsExactly("TRADEFLOW_KAFKA_SASL_JAAS_CONFIG: set, but security.protocol"
                        + " is not set (TRADEFLOW_KAFKA_SECURITY_PROTOCOL): the clients would"
                        + " ignore it");
        assertThat(errors(Map.of("TRADEFLOW_KAFKA_PROPERTIES_FILE", "no/such.properties"))
                .errors())
                .containsExactly("TRADEFLOW_KAFKA_PROPERTIES_FILE: cannot read"
                        + " no/such.properties (NoSuchFileException)");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of(
                        "TRADEFLOW_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "TRADEFLOW_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256")))
                .hasMessageContaining("TRADEFLOW_KAFKA_SASL_JAAS_CONFIG: required with"
                        + " sasl.mechanism SCRAM-SHA-256");
    }
}
