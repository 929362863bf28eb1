package io.tradeflow.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

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
