package io.tradeflow.io.jdbc;

import io.tradeflow.io.Secrets;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;

/**
 * Where the job writes: a PostgreSQL JDBC URL, a user and a password. The password comes from the
 * environment ({@link Secrets#JDBC_PASSWORD}) and never appears in {@link #toString()}, nor does a
 * {@code password=} parameter of the URL.
 *
 * @param password {@code null} when the server needs none (trust or peer authentication)
 */
public record JdbcSettings(String url, String user, String password) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern URL_PASSWORD =
            Pattern.compile("(?i)([?&;]password=)[^&;]*");

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
    }

    /** The URL and user as given, the password from {@code TRADEFLOW_JDBC_PASSWORD(_FILE)}. */
    public static JdbcSettings of(String url, String user) {
        return new JdbcSettings(url, user, Secrets.read(Secrets.JDBC_PASSWORD));
    }

    /** Opens a connection (the caller closes it). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    /**
     * Opens a connection with timeouts through the PostgreSQL driver itself (not {@link
     * DriverManager}, which may not see a driver in a job's class loader on a TaskManager): an
     * unreachable server costs at most {@code connectTimeout}, a hung one {@code socketTimeout}.
     */
    public Connection connect(java.time.Duration connectTimeout, java.time.Duration socketTimeout)
            throws SQLException {
        Properties props = credentials();
        props.setProperty("connectTimeout", Long.toString(seconds(connectTimeout)));
        props.setProperty("loginTimeout", Long.toString(seconds(connectTimeout)));
        props.setProperty("socketTimeout", Long.toString(seconds(socketTimeout)));
        props.setProperty("tcpKeepAlive", "true");
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + this);
        }
        return c;
    }

    private static long seconds(java.time.Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private Properties credentials() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The connection options of Flink's JDBC connector. */
    public JdbcConnectionOptions connectionOptions() {
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder b =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(url)
                        .withDriverName("org.postgresql.Driver");
        if (user != null) {
            b.withUsername(user);
        }
        if (password != null) {
            b.withPassword(password);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + URL_PASSWORD.matcher(url).replaceAll("$1***")
                + ", user=" + user
                + ", password=" + (password == null ? "<none>" : "***") + "]";
    }
}
