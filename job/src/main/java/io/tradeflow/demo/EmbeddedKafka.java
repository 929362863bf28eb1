package io.tradeflow.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a real single-node Kafka cluster (one combined KRaft broker and controller) inside the
 * JVM, for the {@code demo} command and for tests, with string producer/consumer helpers.
 *
 * <p>Needs {@code org.apache.kafka:kafka-test-common-runtime} on the classpath (a {@code
 * provided} dependency: present in tests and in the {@code -local} jar, never in the cluster jar).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final AtomicLong GROUPS = new AtomicLong();

    private static final String PLAIN_LOGIN_MODULE =
            "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String BROKER_USER = "broker";
    private static final String BROKER_PASSWORD = "broker-secret";

    private final KafkaClusterTestKit cluster;
    private final long startupMillis;
    private final Map<String, String> clientProperties;

    private EmbeddedKafka(KafkaClusterTestKit cluster, long startupMillis,
            Map<String, String> clientProperties) {
        this.cluster = cluster;
        this.startupMillis = startupMillis;
        this.clientProperties = clientProperties;
    }

    /** Formats and starts a fresh cluster and waits until its broker is ready. */
    public static EmbeddedKafka start() throws Exception {
        return start(SecurityProtocol.PLAINTEXT, Map.of(), Map.of());
    }

    /**
     * Starts a cluster whose broker listener takes SASL/PLAIN over plain text
     * ({@code SASL_PLAINTEXT}), with these users (name to password) and a broker user of its own;
     * the controller listener stays plain text. The JAAS configuration is the listener's own
     * {@code listener.name.external.plain.sasl.jaas.config}, not a JVM-wide file, and there is no
     * authorizer: any authenticated user may produce and consume. This class's helpers
     * authenticate as the broker user.
     */
    public static EmbeddedKafka startSaslPlain(Map<String, String> users) throws Exception {
        StringBuilder jaas = new StringBuilder(PLAIN_LOGIN_MODULE).append(" required username=\"")
                .append(BROKER_USER).append("\" password=\"").append(BROKER_PASSWORD)
                .append("\" user_").append(BROKER_USER).append("=\"").append(BROKER_PASSWORD)
                .append('"');
        users.forEach((u, pw) -> jaas.append(" user_").append(u).append("=\"").append(pw)
                .append('"'));
        jaas.append(';');
        Map<String, String> broker = Map.of(
                "listener.name.external.plain.sasl.jaas.config", jaas.toString(),
                // the test kit's SASL default is an authorizer that denies everyone but its admin
                "authorizer.class.name", "");
        Map<String, String> client = Map.of(
                "security.protocol", SecurityProtocol.SASL_PLAINTEXT.name,
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", plainJaas(BROKER_USER, BROKER_PASSWORD));
        return start(SecurityProtocol.SASL_PLAINTEXT, broker, client);
    }

    /** Returns the client {@code sasl.jaas.config} of a SASL/PLAIN user. */
    public static String plainJaas(String user, String password) {
        return PLAIN_LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password
                + "\";";
    }

    private static EmbeddedKafka start(SecurityProtocol protocol, Map<String, String> brokerProps,
            Map<String, String> clientProps) throws Exception {
        long t0 = System.nanoTime();
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerListenerName(new ListenerName("EXTERNAL"))
                        .setBrokerSecurityProtocol(protocol)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("default.replication.factor", "1")
                .setConfigProp("min.insync.replicas", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // replayed history carries old record timestamps: time-based retention would
                // delete it at once
                .setConfigProp("log.retention.ms", "-1");
        brokerProps.forEach(b::setConfigProp);
        KafkaClusterTestKit cluster = b.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new EmbeddedKafka(cluster, (System.nanoTime() - t0) / 1_000_000, clientProps);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** How long {@link #start()} took, in milliseconds. */
    public long startupMillis() {
        return startupMillis;
    }

    /** Creates the topics with {@code partitions} partitions each, replication factor 1. */
    public void createTopics(int partitions, String... names)
            throws ExecutionException, InterruptedException {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(Arrays.stream(names)
                            .map(n -> new NewTopic(n, partitions, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
    }

    /**
     * Sends {@code {key, value}} pairs (key may be {@code null}) in order, with acks=all, and
     * flushes; the broker assigns the record timestamps.
     */
    public void produce(String topic, List<String[]> keyValues) {
        produce(topic, keyValues, null);
    }

    /**
     * Sends {@code {key, value}} pairs in order with the given record timestamps (epoch ms, same
     * index; {@code null}: the producer's clock), with acks=all, and flushes.
     */
    public void produce(String topic, List<String[]> keyValues, List<Long> recordTimestamps) {
        if (recordTimestamps != null && recordTimestamps.size() != keyValues.size()) {
            throw new IllegalArgumentException("one timestamp per record");
        }
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < keyValues.size(); i++) {
                String[] kv = keyValues.get(i);
                Long ts = recordTimestamps == null ? null : recordTimestamps.get(i);
                producer.send(new ProducerRecord<>(topic, null, ts, kv[0], kv[1]));
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the earliest offset with a fresh consumer group (read_committed)
     * until {@code expected} records arrived or {@code timeout} passed; returns what it read, in
     * partition order.
     */
    public List<ConsumerRecord<String, String>> consume(
            String topic, int expected, Duration timeout) {
        return consume(topic, expected, timeout, clientProperties);
    }

    /** As {@link #consume(String, int, Duration)}, as the client these properties configure. */
    public List<ConsumerRecord<String, String>> consume(
            String topic, int expected, Duration timeout, Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG,
                "embedded-kafka-" + GROUPS.incrementAndGet() + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            // assign the partitions directly: no group coordination, which can lag on a busy box
            List<org.apache.kafka.common.TopicPartition> partitions = consumer
                    .partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (out.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                consumer.poll(Duration.ofNanos(Math.min(left, 200_000_000L))).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
