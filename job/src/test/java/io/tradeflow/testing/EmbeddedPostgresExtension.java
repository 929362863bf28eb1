package io.tradeflow.testing;

import io.tradeflow.io.jdbc.JdbcSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (zonky embedded, PG 17) for tests: one server per JVM, started on first use
 * and stopped by a shutdown hook. Test classes isolate themselves with {@link #freshDatabase}.
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();
 * static JdbcSettings db;
 * @BeforeAll static void db() { db = EmbeddedPostgresExtension.freshDatabase("my_test"); }
 * }</pre>
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback {

    public static final String USER = "postgres";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static EmbeddedPostgres server;
    private static long startMillis;

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    /** Starts the server on first call. */
    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            long t0 = System.nanoTime();
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            startMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("embedded PostgreSQL on port " + server.getPort()
                    + " started in " + startMillis + " ms");
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** How long the server took to start, in milliseconds. */
    public static long startMillis() {
        server();
        return startMillis;
    }

    /** The URL of the default {@code postgres} database. */
    public static String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    public static String user() {
        return USER;
    }

    /** {@code null}: the embedded server trusts local connections. */
    public static String password() {
        return null;
    }

    /** The superuser on the default database. */
    public static JdbcSettings settings() {
        return new JdbcSettings(jdbcUrl(), user(), password());
    }

    /**
     * Creates an empty database (dropping one of that name first) and returns settings for it as
     * the superuser.
     *
     * @param name lower-case letters, digits and underscores
     */
    public static JdbcSettings freshDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = settings().connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new JdbcSettings(jdbcUrl(name), user(), password());
    }

    /** Runs a query; each row is a column label → value map in column order. */
    public static List<Map<String, Object>> query(JdbcSettings s, String sql) {
        try (Connection c = s.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /**
     * The rows of {@code table} for one run, rendered for whole-table comparisons between runs:
     * each row is {@code col=value|col=value…} in the table's column order, without
     * {@code run_id} and {@code written_at}; rows are sorted by {@code id} (Java string order, so
     * independent of the database collation), or by their rendering when the table has no id.
     *
     * <p>Values: timestamptz as an ISO UTC instant ({@code 2024-03-01T14:30:00Z}), numeric by
     * {@code toPlainString} (keeping its scale), double precision by {@code Double.toString},
     * jsonb as the text PostgreSQL returns, other types by {@code getString}. SQL NULL is
     * {@code \N}; a backslash or {@code |} inside a value is escaped with a backslash, so distinct
     * rows never render alike.
     */
    public static List<String> rows(JdbcSettings s, String table, String runId) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        String sql = "SELECT * FROM " + table + " WHERE run_id = ?";
        List<String[]> keyed = new ArrayList<>(); // {sort key, rendering}
        try (Connection c = s.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    String id = null;
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String col = md.getColumnName(i);
                        if (col.equals("run_id") || col.equals("written_at")) {
                            continue;
                        }
                        String value = render(rs, i, md.getColumnTypeName(i));
                        if (col.equals("id")) {
                            id = rs.getString(i);
                        }
                        if (row.length() > 0) {
                            row.append('|');
                        }
                        row.append(col).append('=').append(value);
                    }
                    String rendered = row.toString();
                    keyed.add(new String[] {id == null ? rendered : id, rendered});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + " for run " + runId, e);
        }
        keyed.sort(Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1]));
        return keyed.stream().map(k -> k[1]).toList();
    }

    private static String render(ResultSet rs, int i, String type) throws SQLException {
        String text;
        switch (type) {
            case "timestamptz" -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                text = t == null ? null : t.toInstant().toString();
            }
            case "numeric" -> {
                BigDecimal d = rs.getBigDecimal(i);
                text = d == null ? null : d.toPlainString();
            }
            case "float8", "float4" -> {
                double d = rs.getDouble(i);
                text = rs.wasNull() ? null : Double.toString(d);
            }
            default -> text = rs.getString(i);
        }
        if (text == null) {
            return "\\N";
        }
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }
}
