package io.tradeflow.testing;

import io.tradeflow.demo.EmbeddedKafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;

/**
 * Starts an {@link EmbeddedKafka} before a test class and closes it after; register it as a
 * {@code static} {@code @RegisterExtension} field.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start();
        System.out.println("Kafka KRaft broker up at " + kafka.bootstrapServers() + " in "
                + kafka.startupMillis() + " ms");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("broker not started: register as a static extension");
        }
        return kafka;
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    public long startupMillis() {
        return kafka().startupMillis();
    }

    public void createTopics(int partitions, String... names) throws Exception {
        kafka().createTopics(partitions, names);
    }

    public void produce(String topic, List<String[]> keyValues) {
        kafka().produce(topic, keyValues);
    }

    public void produce(String topic, List<String[]> keyValues, List<Long> recordTimestamps) {
        kafka().produce(topic, keyValues, recordTimestamps);
    }

    public List<ConsumerRecord<String, String>> consume(
            String topic, int expected, Duration timeout) {
        return kafka().consume(topic, expected, timeout);
    }
}
