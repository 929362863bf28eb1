package io.tradeflow.io.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Holds the Kafka client security properties ({@code security.protocol}, {@code sasl.*}, {@code
 * ssl.*}) of every Kafka source, sink and command-line client. They come from the environment,
 * never from the YAML file: each property from the variable {@code TRADEFLOW_KAFKA_} + its name in
 * upper case with dots as underscores ({@code sasl.jaas.config} from {@code
 * TRADEFLOW_KAFKA_SASL_JAAS_CONFIG}), or from the Java properties file named by {@code
 * TRADEFLOW_KAFKA_PROPERTIES_FILE}; a variable wins over the file. {@link #toString} and {@link
 * #describe} show the values of a few harmless properties only (protocol, mechanism, store
 * locations and types); every other value is hidden.
 */
public record KafkaSecurity(Map<String, String> properties, Map<String, String> origins)
        implements Serializable {

    public static final String PREFIX = "TRADEFLOW_KAFKA_";
    public static final String PROPERTIES_FILE = "TRADEFLOW_KAFKA_PROPERTIES_FILE";

    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";

    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** Mechanisms whose credentials are in {@code sasl.jaas.config}. */
    static final List<String> JAAS_MECHANISMS =
            List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");

    /** Properties whose values are shown in descriptions; every other value is hidden. */
    private static final Pattern SHOWN =
            Pattern.compile("security\\.protocol|sasl\\.mechanism|ssl\\.endpoint\\.identification"
                    + "\\.algorithm|ssl\\.(enabled\\.)?protocols?|ssl\\.(key|trust)store\\."
                    + "(location|type)");

    static final String HIDDEN = "(hidden)";

    /** No security settings: the clients connect in plain text, as Kafka's default. */
    public static final KafkaSecurity NONE = new KafkaSecurity(Map.of(), Map.of());

    /**
     * @param properties the client properties, by name
     * @param origins where each property came from: a variable's name or the file's path
     */
    public KafkaSecurity {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        origins = Collections.unmodifiableMap(new TreeMap<>(origins));
    }

    /** Reads the settings from the process environment. */
    public static KafkaSecurity fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the settings from an environment, checking them all at once.
     *
     * @throws ConfigException naming every variable or file entry that is wrong, never a value
     */
    public static KafkaSecurity fromEnvironment(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        Map<String, String> props = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        String file = env.get(PROPERTIES_FILE);
        if (file != null && !file.isBlank()) {
            readFile(Path.of(file), props, origins, errors);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || name.equals(PROPERTIES_FILE)) {
                continue;
            }
            String key = property(name);
            if (!isSecurityProperty(key)) {
                errors.add(name + ": not a Kafka security property (security.protocol, sasl.*,"
                        + " ssl.*); other client properties go under kafka.properties in the"
                        + " configuration file");
            } else if (e.getValue() == null || e.getValue().isEmpty()) {
                errors.add(name + ": is empty");
            } else {
                props.put(key, e.getValue());
                origins.put(key, name);
            }
        }
        check(props, origins, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException("Kafka security (" + PREFIX + "*, " + PROPERTIES_FILE + ")",
                    errors);
        }
        return props.isEmpty() ? NONE : new KafkaSecurity(props, origins);
    }

    private static void readFile(Path path, Map<String, String> props,
            Map<String, String> origins, List<String> errors) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            errors.add(PROPERTIES_FILE + ": cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")");
            return;
        }
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).strip();
            if (!isSecurityProperty(key)) {
                errors.add(path + ": " + key + ": not a Kafka security property"
                        + " (security.protocol, sasl.*, ssl.*)");
            } else if (value.isEmpty()) {
                errors.add(path + ": " + key + ": is empty");
            } else {
                props.put(key, value);
                origins.put(key, path.toString());
            }
        }
    }

    private static void check(Map<String, String> props, Map<String, String> origins,
            List<String> errors) {
        String protocol = props.get(SECURITY_PROTOCOL);
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            errors.add(where(SECURITY_PROTOCOL, origins) + ": unknown protocol '" + protocol
                    + "' (expected " + String.join(", ", PROTOCOLS) + ")");
            return;
        }
        boolean sasl = protocol != null && protocol.startsWith("SASL_");
        boolean ssl = protocol != null && protocol.endsWith("SSL");
        for (String key : props.keySet()) {
            boolean ignored = key.startsWith("sasl.") ? !sasl : key.startsWith("ssl.") && !ssl;
            if (ignored) {
                errors.add(where(key, origins) + ": set, but security.protocol is "
                        + (protocol == null ? "not set (" + variable(SECURITY_PROTOCOL) + ")"
                                : protocol) + ": the clients would ignore it");
            }
        }
        if (!sasl) {
            return;
        }
        String mechanism = props.get(SASL_MECHANISM);
        if (mechanism == null) {
            errors.add(variable(SASL_MECHANISM) + ": required with security.protocol " + protocol
                    + " (e.g. PLAIN, SCRAM-SHA-512)");
        } else if (JAAS_MECHANISMS.contains(mechanism) && !props.containsKey(SASL_JAAS_CONFIG)) {
            errors.add(variable(SASL_JAAS_CONFIG) + ": required with sasl.mechanism " + mechanism
                    + " (the login module and its credentials)");
        }
    }

    private static String where(String key, Map<String, String> origins) {
        String origin = origins.get(key);
        return origin != null && origin.startsWith(PREFIX) ? origin : origin + ": " + key;
    }

    /** Returns whether a Kafka client property belongs here rather than in the YAML file. */
    public static boolean isSecurityProperty(String key) {
        return key.equals(SECURITY_PROTOCOL) || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

    /** Returns the environment variable of a property: {@code TRADEFLOW_KAFKA_SASL_MECHANISM}. */
    public static String variable(String property) {
        return PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Returns the property of an environment variable: {@code sasl.mechanism}. */
    static String property(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** Returns whether the value of a property may be shown in logs and descriptions. */
    public static boolean isShown(String key) {
        return SHOWN.matcher(key).matches();
    }

    /**
     * Returns one line per property, {@code key=value (from ORIGIN)}, with every value that is
     * not {@linkplain #isShown shown} replaced by {@code (hidden)}.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        properties.forEach((k, v) -> lines.add(k + "=" + (isShown(k) ? v : HIDDEN) + " (from "
                + origins.get(k) + ")"));
        return lines;
    }

    @Override
    public String toString() {
        return properties.isEmpty() ? "KafkaSecurity[none]"
                : "KafkaSecurity" + describe();
    }
}
