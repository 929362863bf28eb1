package io.tradeflow.cli;

import io.tradeflow.io.ControlMessages;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.TrustDomain;
import io.tradeflow.io.config.JobKeys;
import io.tradeflow.io.config.KafkaSecurity;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.ControlParser;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one signed control command (pause, resume, set-tier, set; R-CB-5; reconcile --accept,
 * R-REC-2) to the Kafka {@code control} topic, keyed by account, and prints its id.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {
            "Publish a signed control command to the Kafka control topic and print its id.",
            "  ctl pause --account A1",
            "  ctl resume --account '*'",
            "  ctl set-tier conservative --account A1",
            "  ctl set max-open-positions 5 --account A1",
            "  ctl reconcile --accept --account A1   (adopt the broker's latest snapshot)",
            "Signed with a control key: TRADEFLOW_CONTROL_SECRET or TRADEFLOW_CONTROL_KEYS (or "
                    + "the file named by NAME_FILE; without them the recommendations' key), "
                    + "or --secret-file; see docs/signing.md."})
final class CtlCommand implements Callable<Integer> {
    /** Tier names {@code set-tier} accepts, as the configuration does. */
    static final List<String> TIERS = List.of("conservative", "moderate", "aggressive");

    @Parameters(index = "0", paramLabel = "COMMAND",
            description = "pause, resume, set-tier TIER, set KEY VALUE or reconcile --accept.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "The command's arguments.")
    List<String> args = new ArrayList<>();

    @Option(names = "--account", required = true, paramLabel = "ID",
            description = "The account, or * for every account.")
    String account;

    @Option(names = "--accept", description = "With reconcile: adopt the broker's latest "
            + "position snapshot (R-REC-2) as the account's book, audited; ends a pause that a "
            + "reconciliation break began.")
    boolean accept;

    @Option(names = "--id", paramLabel = "ID", description = "The command id. Default: derived "
            + "from the command's content (account, command, arguments, key id, time).")
    String id;

    @Option(names = "--ts", paramLabel = "TIME", description = "The command's event time: "
            + "ISO-8601 with an offset or epoch milliseconds. Default: now.")
    String ts;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers. Default: kafka.bootstrap-servers of --config, "
                    + "else " + KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS + ". SASL/SSL settings come "
                    + "from the TRADEFLOW_KAFKA_* variables or TRADEFLOW_KAFKA_PROPERTIES_FILE.")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "The control topic. Default: kafka.topics.control of --config, else "
                    + "control.")
    String topic;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Read the control key from this file instead of the environment.")
    Path secretFile;

    @Option(names = "--key-id", paramLabel = "ID", description = "The id of the key to sign "
            + "with, which the job records as who issued the command. Default: the last listed "
            + "control key, or " + Keyring.DEFAULT_ID + " for --secret-file.")
    String keyId;

    @Mixin
    Options.Config config = new Options.Config();

    @Override
    public Integer call() throws Exception {
        TradeflowConfig cfg = config.file == null ? null : config.load();
        if (ControlParser.RECONCILE.equals(command) != accept) {
            throw new IllegalArgumentException(accept ? "--accept goes with reconcile only"
                    : "reconcile needs --accept: ctl reconcile --accept --account ID adopts the "
                            + "broker's latest snapshot (R-REC-2)");
        }
        Map<String, String> commandArgs = commandArgs(command, args);
        checkAccount(cfg, account);
        if (cfg != null && "set".equals(command)
                && !cfg.engine().isSettable(commandArgs.get("key"))) {
            throw new IllegalArgumentException("set: '" + commandArgs.get("key") + "' is not "
                    + "settable live (control.settable of " + config.file + ")");
        }
        Keyring keys = keys();
        long time = time(ts);
        ObjectNode signed = ControlMessages.signed(keys, blankToNull(id), account, command,
                commandArgs, time);
        KafkaSettings k = cfg == null
                ? KafkaSettings.defaults().withSecurity(config.kafkaSecurity()) : cfg.kafka();
        String servers = bootstrap != null ? bootstrap : k.bootstrapServers();
        String to = topic != null ? topic : k.topic(KafkaSettings.CONTROL);
        RecordMetadata m =
                publish(servers, k.clientProperties(), to, account, time, signed.toString());
        System.err.printf("published %s %s for %s to %s (partition %d, offset %d)%n", command,
                commandArgs.isEmpty() ? "" : commandArgs, account, to, m.partition(), m.offset());
        System.out.println(signed.get("id").asText());
        return 0;
    }

    /**
     * Returns the command's {@code args} object, checking the command and its arguments.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Map<String, String> commandArgs(String command, List<String> args) {
        if (!ControlParser.COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown control command '" + command
                    + "' (expected pause, resume, set-tier TIER, set KEY VALUE or reconcile "
                    + "--accept)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        switch (command) {
            case "pause", "resume" -> expect(command, args, 0, "");
            case ControlParser.RECONCILE -> {
                expect(command, args, 0, " --accept");
                out.put("accept", "true");
            }
            case "set-tier" -> {
                expect(command, args, 1, " TIER");
                String tier = args.get(0);
                if (!TIERS.contains(tier)) {
                    throw new IllegalArgumentException("set-tier: unknown tier '" + tier
                            + "' (expected " + String.join(", ", TIERS) + ")");
                }
                out.put("tier", tier);
            }
            default -> {
                expect(command, args, 2, " KEY VALUE");
                String key = args.get(0);
                String value = args.get(1);
                if (JobKeys.isKey(key)) {
                    throw new IllegalArgumentException("set: " + JobKeys.refusal(key));
                }
                if (!RuleKeys.isKey(key)) {
                    throw new IllegalArgumentException("set: unknown rule key '" + key
                            + "' (valid keys: " + String.join(", ", RuleKeys.KEYS) + ")");
                }
                // the value alone (its range, its unit); the account checks ties between keys
                RuleKeys.with(RuleParams.INTRADAY, key, value);
                out.put("key", key);
                out.put("value", value);
            }
        }
        return out;
    }

    private static void expect(String command, List<String> args, int n, String usage) {
        if (args.size() != n) {
            throw new IllegalArgumentException(command + " takes " + (n == 0 ? "no arguments"
                    : n + " argument" + (n == 1 ? "" : "s")) + ": ctl " + command + usage
                    + " --account ID (got " + args.size() + ")");
        }
    }

    private static void checkAccount(TradeflowConfig cfg, String account) {
        if (account.isBlank()) {
            throw new IllegalArgumentException("--account must name an account or *");
        }
        if (cfg == null || ControlParser.ALL_ACCOUNTS.equals(account)) {
            return;
        }
        if (cfg.engine().account(account) == null) {
            throw new IllegalArgumentException("--account: no account '" + account + "' in "
                    + "the configuration (known: " + String.join(", ", cfg.engine().accounts()
                            .stream().map(AccountConfig::id).toList()) + ", or *)");
        }
    }

    private Keyring keys() throws IOException {
        if (secretFile == null) {
            return Options.signingKeys(TrustDomain.CONTROL, keyId);
        }
        Options.requireFile(secretFile, "--secret-file");
        return Keyring.of(keyId != null ? keyId : Keyring.DEFAULT_ID,
                Files.readString(secretFile, StandardCharsets.UTF_8).strip(), "--secret-file");
    }

    static long time(String text) {
        if (text == null) {
            return Instant.now().toEpochMilli(); // wall clock: a live command is stamped when sent
        }
        String t = text.strip();
        if (t.matches("\\d{1,18}")) {
            return Long.parseLong(t);
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--ts: expected ISO-8601 with an offset "
                    + "(2025-02-03T10:00:00-05:00) or epoch milliseconds, got '" + text + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RecordMetadata publish(String servers, Map<String, String> properties,
            String topic, String key, long ts, String json) throws Exception {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            // the record time is the command's event time, as for every other input
            return producer.send(new ProducerRecord<>(topic, null, ts, key, json))
                    .get(45, TimeUnit.SECONDS);
        } catch (ExecutionException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new IOException(publishFailure(servers, properties, e), e);
        }
    }

    /**
     * Says why a command was not published. A client without the listener's SASL/SSL settings
     * gets no answer at all (the broker drops the connection), which the producer reports as
     * missing metadata: name the security settings then.
     */
    static String publishFailure(String servers, Map<String, String> properties, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null
                ? e.getCause() : e;
        if (cause instanceof AuthenticationException) {
            return "Kafka at " + servers + " refused the credentials: " + cause.getMessage();
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            String protocol = properties.getOrDefault(KafkaSecurity.SECURITY_PROTOCOL,
                    "PLAINTEXT");
            return "no answer from Kafka at " + servers + " (" + cause.getMessage() + "): is it"
                    + " reachable, and does its listener need SASL or SSL? security.protocol is "
                    + protocol + "; set " + KafkaSecurity.variable(KafkaSecurity.SECURITY_PROTOCOL)
                    + " and the other " + KafkaSecurity.PREFIX + "* variables or "
                    + KafkaSecurity.PROPERTIES_FILE + " (docs/kafka-security.md)";
        }
        return "cannot publish to Kafka at " + servers + ": " + cause;
    }
}
