package io.tradeflow.job;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Order;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.BufferedPostgresSink;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.PostgresSinks;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.calendar.MarketTime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Wires the sinks after {@link Topology}: PostgreSQL (failing for a backtest, buffered through
 * outages for the live job), the live accounts' orders and the dead letters to Kafka.
 */
public final class Sinks {
    private Sinks() {}

    /**
     * Writes every output to PostgreSQL with idempotent upserts under the run id, failing the job
     * when the database stays away (a backtest: bounded, and run again).
     */
    public static void toPostgres(Topology.Results r, JdbcSettings s, String runId) {
        for (OutputKind kind : OutputKind.values()) {
            // named after the kind's file, as the uids of the savepoints written before
            String name = kind.file().replace(".csv", "").replace('_', '-');
            r.get(kind).sinkTo(PostgresSinks.sink(kind, s, runId)).name("pg " + name)
                    .uid("sink-pg-" + name);
        }
    }

    /**
     * Writes every output of the live job to PostgreSQL through {@link BufferedPostgresSink}: an
     * outage neither fails the job nor holds back the engine (orders and exits keep flowing);
     * the rows wait in checkpointed buffers and land, once, when the database returns.
     */
    public static void toPostgresBuffered(Topology.Results r, JdbcSettings s, String runId,
            BufferedPostgresSink.Settings settings) {
        for (OutputKind kind : OutputKind.values()) {
            // new uids: the buffered sink's state is not the JDBC sink's (which held none in
            // at-least-once mode, so a savepoint from before restores with allowNonRestoredState)
            String name = kind.file().replace(".csv", "").replace('_', '-');
            r.get(kind).sinkTo(new BufferedPostgresSink<>(kind, s, runId, settings))
                    .name("pg " + name).uid("sink-pg-buffered-" + name);
        }
    }

    /**
     * Sends live accounts' new orders and cancel requests to Kafka {@code orders}, keyed by the
     * deterministic client order id. At-least-once by default: a replay re-sends byte-identical
     * records that the gateway drops by id, with no checkpoint-length delay. Exactly-once
     * ({@code kafka.orders-delivery: exactly-once}) writes them in Kafka transactions committed
     * with each checkpoint, visible to {@code read_committed} consumers only then; the
     * transactional ids start with {@link #transactionalIdPrefix} so that a job restored from its
     * own checkpoint aborts its own lingering transactions and no other run's.
     */
    public static void ordersToKafka(Topology.Results r, TradeflowConfig cfg, String runId) {
        Set<String> live = new HashSet<>();
        cfg.engine().accounts().stream().filter(a -> AccountConfig.LIVE.equals(a.mode()))
                .forEach(a -> live.add(a.id()));
        if (live.isEmpty()) {
            return;
        }
        KafkaSettings k = cfg.kafka();
        KafkaSinkBuilder<Order> b = KafkaSink.<Order>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializationSchema.<Order>builder()
                        .setTopic(k.topic(KafkaSettings.ORDERS))
                        .setKeySerializationSchema(new OrderKey())
                        .setValueSerializationSchema(new OrderJson())
                        .build());
        k.clientProperties().forEach(b::setProperty);
        if (k.exactlyOnce()) {
            b.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(transactionalIdPrefix(k, runId))
                    .setProperty("transaction.timeout.ms", Long.toString(k.transactionTimeoutMs()));
        } else {
            b.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        }
        r.<Order>get(OutputKind.ORDER).filter(o -> live.contains(o.account())
                        && (Order.NEW.equals(o.status()) || Order.CANCELLED.equals(o.status())))
                .name("live orders").uid("live-orders")
                .sinkTo(b.build()).name("kafka orders").uid("sink-kafka-orders");
    }

    /**
     * Sends the dead letters of a live job to Kafka {@code dead-letters} too (at least once, keyed
     * by the dead letter's deterministic id, so a replay's repeats are recognisable), as
     * {@code schemas/dead-letters.schema.json} describes them: operators watch that topic, not
     * the database.
     */
    public static void deadLettersToKafka(Topology.Results r, TradeflowConfig cfg) {
        r.<DeadLetter>get(OutputKind.DEAD_LETTER).sinkTo(deadLetterSink(cfg.kafka()))
                .name("kafka dead-letters").uid("sink-kafka-dead-letters");
    }

    /** Returns the at-least-once sink of {@link #deadLettersToKafka}. */
    public static KafkaSink<DeadLetter> deadLetterSink(KafkaSettings k) {
        KafkaSinkBuilder<DeadLetter> b = KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializationSchema.<DeadLetter>builder()
                        .setTopic(k.topic(KafkaSettings.DEAD_LETTERS))
                        .setKeySerializationSchema(new DeadLetterKey())
                        .setValueSerializationSchema(new DeadLetterJson())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        k.clientProperties().forEach(b::setProperty);
        return b.build();
    }

    /** Serializes the dead letter's id as the record key. */
    static final class DeadLetterKey implements SerializationSchema<DeadLetter> {
        @Override
        public byte[] serialize(DeadLetter d) {
            return d.id().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Serializes a dead letter as the JSON of {@code dead-letters.schema.json}. */
    public static final class DeadLetterJson implements SerializationSchema<DeadLetter> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public byte[] serialize(DeadLetter d) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", d.id());
            n.put("source", d.source());
            n.put("position", d.position());
            n.put("reason", d.reason());
            n.put("detail", d.detail());
            n.put("payload", d.payload());
            return n.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Returns the configured transactional id prefix followed by the run id. */
    public static String transactionalIdPrefix(KafkaSettings k, String runId) {
        return k.transactionalIdPrefix() + "-" + runId;
    }

    /** Serializes the client order id as the record key. */
    static final class OrderKey implements SerializationSchema<Order> {
        @Override
        public byte[] serialize(Order o) {
            return o.clientOrderId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Serializes an order as JSON with a fixed field order, so a re-send is byte-identical. */
    public static final class OrderJson implements SerializationSchema<Order> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public byte[] serialize(Order o) {
            return json(o).getBytes(StandardCharsets.UTF_8);
        }

        public static String json(Order o) {
            ObjectNode n = JSON.createObjectNode();
            n.put("client_order_id", o.clientOrderId());
            n.put("account", o.account());
            n.put("decision_id", o.decisionId());
            n.put("position_id", o.positionId());
            n.put("ticker", o.ticker());
            n.put("side", o.side());
            n.put("type", o.type());
            n.put("quantity", o.quantity());
            if (o.limitPrice() == null) {
                n.putNull("limit_price");
            } else {
                n.put("limit_price", o.limitPrice());
            }
            n.put("ts", MarketTime.iso(o.ts()));
            n.put("status", o.status());
            n.put("reason", o.reason());
            if (o.instrument() != null) {
                n.put("instrument", o.instrument()); // an option contract's OCC symbol, R-OPT-3
            }
            return n.toString();
        }
    }
}
