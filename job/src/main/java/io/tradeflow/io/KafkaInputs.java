package io.tradeflow.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Builds Kafka sources that parse every record into an {@link Ingested} value or dead letter. */
public final class KafkaInputs {
    private KafkaInputs() {}

    /**
     * Returns a source over one topic. A live source ({@code bounded} false) starts from the
     * group's committed offsets, from the earliest where the group has none; a restore from a
     * checkpoint or savepoint goes on from the offsets in it. A bounded replay (demo, tests) reads
     * from the earliest offset to the offsets current at start. The client id prefix names the
     * group and topic, unique per source, as the broker's quotas and logs see it.
     *
     * <p>The committed offsets are resolved to numbers when the source discovers its partitions
     * ({@code OffsetsInitializer.offsets} with no explicit offsets), not left to the readers as
     * {@code committedOffsets()} does: a split that had read nothing when a savepoint was taken
     * (a quiet topic, e.g. fills) would keep that marker in the savepoint, and a restore would
     * resolve it to offsets committed later by the run the savepoint came from, skipping what
     * arrived in between.
     */
    public static KafkaSource<Ingested> source(String bootstrap, String topic, String groupId,
            Map<String, String> properties, boolean bounded, SourceParser parser) {
        KafkaSourceBuilder<Ingested> b = KafkaSource.<Ingested>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(bounded ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.offsets(Map.of(), OffsetResetStrategy.EARLIEST))
                .setClientIdPrefix(groupId + "-" + topic)
                .setDeserializer(new ParsingDeserializer(parser));
        properties.forEach(b::setProperty);
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * Returns which of {@code topics} the broker does not have, in their order; empty when all
     * exist. A live source on a missing topic fails its job at start and again at every restart,
     * so the live command looks first and names them.
     *
     * @throws IllegalStateException when the broker does not answer within {@code timeout}
     */
    public static List<String> missingTopics(String bootstrap, Map<String, String> properties,
            List<String> topics, Duration timeout) {
        Map<String, Object> conf = new HashMap<>(properties);
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(conf)) {
            Set<String> existing = admin.listTopics().names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return topics.stream().filter(t -> !existing.contains(t)).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of the Kafka broker at "
                    + bootstrap + " within " + timeout + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the Kafka topics", e);
        }
    }

    /** Parses a Kafka record; the record timestamp is the reference for "too far in the future". */
    static final class ParsingDeserializer implements KafkaRecordDeserializationSchema<Ingested> {
        private final SourceParser parser;

        ParsingDeserializer(SourceParser parser) {
            this.parser = parser;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
            String payload = record.value() == null
                    ? "" : new String(record.value(), StandardCharsets.UTF_8);
            RawRecord raw = new RawRecord(record.topic(),
                    record.partition() + "/" + record.offset(),
                    record.timestamp() < 0 ? RawRecord.UNKNOWN_TS : record.timestamp(), payload);
            Ingested parsed = parser.parse(raw);
            if (parsed != null) {
                out.collect(parsed);
            }
        }

        @Override
        public TypeInformation<Ingested> getProducedType() {
            return TypeInformation.of(Ingested.class);
        }
    }
}
