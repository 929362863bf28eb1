package io.tradeflow.io.config;

import io.tradeflow.io.Secrets;

import java.io.Serializable;

/**
 * Holds the PostgreSQL endpoint. The password is never part of it: {@link
 * #passwordFromEnvironment()} reads {@code TRADEFLOW_JDBC_PASSWORD} (or {@code _FILE}) at use time.
 *
 * @param url the JDBC URL, {@code null} when the run writes no database
 */
public record JdbcSection(String url, String user) implements Serializable {

    public static final String DEFAULT_USER = "tradeflow";
    public static final JdbcSection DEFAULT = new JdbcSection(null, DEFAULT_USER);

    /** Returns the password from the environment, or {@code null} when it is not set. */
    public String passwordFromEnvironment() {
        return Secrets.read(Secrets.JDBC_PASSWORD);
    }
}
