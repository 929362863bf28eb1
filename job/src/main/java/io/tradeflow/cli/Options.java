package io.tradeflow.cli;

import io.tradeflow.io.Keyring;
import io.tradeflow.io.TrustDomain;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.KafkaSecurity;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Holds the options several commands share: configuration, overrides, JDBC. */
final class Options {
    private Options() {}

    /** The configuration file and its overrides. */
    static final class Config {
        @Option(names = "--config", paramLabel = "FILE",
                description = "YAML configuration (accounts, tiers, Kafka, JDBC).")
        Path file;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "Override a configuration key, e.g. accounts.0.cash=50000.")
        List<String> sets = new ArrayList<>();

        /** Where the Kafka security properties are read from; tests pass their own. */
        Map<String, String> environment = System.getenv();

        /** Returns the Kafka security properties of {@link #environment}. */
        KafkaSecurity kafkaSecurity() {
            return KafkaSecurity.fromEnvironment(environment);
        }

        TradeflowConfig load() {
            if (file == null) {
                throw new IllegalArgumentException("--config FILE is required");
            }
            requireFile(file, "--config");
            // the Kafka security properties come from the environment only, never the file
            return ConfigLoader.load(file, sets).withKafkaSecurity(kafkaSecurity());
        }
    }

    /** Where PostgreSQL is; the password comes from TRADEFLOW_JDBC_PASSWORD(_FILE). */
    static final class Jdbc {
        @Option(names = "--jdbc-url", paramLabel = "URL",
                description = "PostgreSQL JDBC URL; the password is read from "
                        + "TRADEFLOW_JDBC_PASSWORD or the file named by TRADEFLOW_JDBC_PASSWORD_FILE.")
        String url;

        @Option(names = "--jdbc-user", paramLabel = "USER", description = "Default: tradeflow, "
                + "or jdbc.user from the configuration.")
        String user;

        JdbcSettings settings(TradeflowConfig cfg) {
            String u = url != null ? url : cfg == null ? null : cfg.jdbc().url();
            if (u == null) {
                return null;
            }
            String usr = user != null ? user : cfg == null ? "tradeflow" : cfg.jdbc().user();
            return JdbcSettings.of(u, usr);
        }
    }

    static void requireFile(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(option + ": no such file: " + p);
        }
    }

    /**
     * Returns the keys a tool signs {@code domain}'s messages with: the key of {@code keyId}
     * (default: the last listed) from the domain's variables, or, for control commands without
     * keys of their own, from the recommendations' (as the job verifies them).
     *
     * @throws IllegalArgumentException naming the variables to set, or a key that is too short
     */
    static Keyring signingKeys(TrustDomain domain, String keyId) {
        Keyring keys = Keyring.fromEnv(domain);
        if (keys == null && domain == TrustDomain.CONTROL) {
            keys = Keyring.fromEnv(TrustDomain.RECOMMENDATIONS);
        }
        if (keys == null) {
            throw new IllegalArgumentException("set " + domain.secretVariable() + " or "
                    + domain.keysVariable() + " (or the file named by NAME_FILE) to the "
                    + domain.name().toLowerCase(Locale.ROOT) + " signing key");
        }
        return keyId == null ? keys : keys.signingWith(keyId);
    }
}
