package io.tradeflow.io.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the Kafka endpoints: bootstrap servers, the topic name of each logical stream, extra client
 * properties, and how orders are delivered.
 *
 * @param topics topic name by logical key ({@link #TOPIC_KEYS}); each defaults to its key
 * @param properties extra Kafka client properties from the file, never security ones
 * @param ordersDelivery {@link #AT_LEAST_ONCE} or {@link #EXACTLY_ONCE}
 * @param transactionTimeoutMs Kafka producer transaction timeout, at most 15 minutes
 * @param security the security properties from the environment, never from the file
 */
public record KafkaSettings(
        String bootstrapServers,
        Map<String, String> topics,
        Map<String, String> properties,
        String ordersDelivery,
        String transactionalIdPrefix,
        long transactionTimeoutMs,
        String groupId,
        KafkaSecurity security)
        implements Serializable {

    public static final String BARS = "bars";
    public static final String QUOTES = "quotes";
    public static final String OPTION_QUOTES = "option-quotes";
    public static final String VIX = "vix";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String CALENDAR = "calendar";
    public static final String CONTROL = "control";
    public static final String FILLS = "fills";
    public static final String BROKER_POSITIONS = "broker-positions";
    public static final String ORDERS = "orders";
    public static final String NOTIFICATIONS = "notifications";
    public static final String DEAD_LETTERS = "dead-letters";

    /** Every logical topic key, in a stable order. */
    public static final List<String> TOPIC_KEYS =
            List.of(
                    BARS,
                    QUOTES,
                    OPTION_QUOTES,
                    VIX,
                    RECOMMENDATIONS,
                    CALENDAR,
                    CONTROL,
                    FILLS,
                    BROKER_POSITIONS,
                    ORDERS,
                    NOTIFICATIONS,
                    DEAD_LETTERS);

    /**
     * The topics the job reads, each of which must exist when it starts; {@link #OPTION_QUOTES}
     * too when an account trades options.
     */
    public static final List<String> INPUT_TOPIC_KEYS =
            List.of(BARS, RECOMMENDATIONS, VIX, CALENDAR, CONTROL, FILLS, BROKER_POSITIONS);

    public static final String AT_LEAST_ONCE = "at-least-once";
    public static final String EXACTLY_ONCE = "exactly-once";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "tradeflow-orders";
    public static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 300_000;

    /** Kafka brokers' default {@code transaction.max.timeout.ms}. */
    public static final long MAX_TRANSACTION_TIMEOUT_MS = 900_000;

    public static final String DEFAULT_GROUP_ID = "tradeflow";

    /** Returns the defaults: every topic named for its key, at-least-once orders. */
    public static KafkaSettings defaults() {
        return new KafkaSettings(
                DEFAULT_BOOTSTRAP_SERVERS,
                defaultTopics(),
                Map.of(),
                AT_LEAST_ONCE,
                DEFAULT_TRANSACTIONAL_ID_PREFIX,
                DEFAULT_TRANSACTION_TIMEOUT_MS,
                DEFAULT_GROUP_ID,
                KafkaSecurity.NONE);
    }

    /** Returns a new mutable map of every topic key to itself. */
    static Map<String, String> defaultTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String key : TOPIC_KEYS) {
            topics.put(key, key);
        }
        return topics;
    }

    /** Returns the topic name of a logical key such as {@link #BARS}. */
    public String topic(String key) {
        String name = topics.get(key);
        if (name == null) {
            throw new IllegalArgumentException("unknown topic key " + key);
        }
        return name;
    }

    /** Returns these settings with the security properties read from the environment. */
    public KafkaSettings withSecurity(KafkaSecurity s) {
        return new KafkaSettings(bootstrapServers, topics, properties, ordersDelivery,
                transactionalIdPrefix, transactionTimeoutMs, groupId, s);
    }

    /**
     * Returns the properties of every Kafka client the job and the commands build: the file's
     * {@link #properties} and the {@link #security} ones.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(security.properties());
        return all;
    }

    public boolean exactlyOnce() {
        return EXACTLY_ONCE.equals(ordersDelivery);
    }
}
