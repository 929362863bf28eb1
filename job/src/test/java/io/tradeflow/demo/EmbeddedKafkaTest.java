package io.tradeflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradeflow.testing.KafkaBrokerExtension;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class EmbeddedKafkaTest {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final long T0 = Instant.parse("2025-03-10T13:31:00Z").toEpochMilli();

    @Test
    void consumesProducedRecordsWithTheirExplicitTimestamps() throws Exception {
        System.out.println("EmbeddedKafka startup: " + KAFKA.startupMillis() + " ms");
        KAFKA.createTopics(1, "bars");
        KAFKA.produce("bars",
                List.of(new String[] {"AAPL", "{\"n\":1}"}, new String[] {null, "{\"n\":2}"},
                        new String[] {"MSFT", "{\"n\":3}"}),
                List.of(T0, T0 + 60_000, T0 + 120_000));

        List<ConsumerRecord<String, String>> records =
                KAFKA.consume("bars", 3, Duration.ofSeconds(30));

        assertThat(records)
                .extracting(ConsumerRecord::key, ConsumerRecord::value, ConsumerRecord::timestamp,
                        ConsumerRecord::timestampType)
                .containsExactly(
                        tuple("AAPL", "{\"n\":1}", T0, TimestampType.CREATE_TIME),
                        tuple(null, "{\"n\":2}", T0 + 60_000, TimestampType.CREATE_TIME),
                        tuple("MSFT", "{\"n\":3}", T0 + 120_000, TimestampType.CREATE_TIME));
    }

    @Test
    void eachConsumeReadsFromTheEarliestOffsetAgain() throws Exception {
        KAFKA.createTopics(2, "vix", "recommendations");
        KAFKA.produce("vix", List.of(new String[] {"VIX", "18.5"}, new String[] {"VIX", "18.7"}));

        assertThat(KAFKA.consume("vix", 2, Duration.ofSeconds(30))).hasSize(2);
        assertThat(KAFKA.consume("vix", 2, Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::value)
                .containsExactly("18.5", "18.7");
        assertThat(KAFKA.consume("recommendations", 1, Duration.ofMillis(500))).isEmpty();
    }
}
