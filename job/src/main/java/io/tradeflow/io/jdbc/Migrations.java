package io.tradeflow.io.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.flywaydb.core.Flyway;

/**
 * Applies the schema ({@code sql/migrations}, on the classpath under {@code db/migration}) and
 * records runs. Both are safe to repeat.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    /**
     * Upserts a run: a repeated run id keeps its first {@code started_at} and {@code note} and
     * takes the new kind, runtime mode and configuration.
     */
    public static final String UPSERT_RUN_SQL =
            "INSERT INTO runs (run_id, kind, runtime_mode, started_at, config) "
                    + "VALUES (?, ?, ?, now(), ?::jsonb) "
                    + "ON CONFLICT (run_id) DO UPDATE SET kind = EXCLUDED.kind, "
                    + "runtime_mode = EXCLUDED.runtime_mode, config = EXCLUDED.config";

    private Migrations() {}

    /** Migrates the database to the latest version; returns how many migrations it applied. */
    public static int migrate(JdbcSettings s) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(s.url(), s.user(), s.password())
                .locations(LOCATION)
                .baselineOnMigrate(false)
                .cleanDisabled(true)
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /**
     * Records (or updates) a run.
     *
     * @param kind {@code live}, {@code backtest} or {@code demo}
     * @param runtimeMode {@code STREAMING} or {@code BATCH}
     * @param configJson the effective configuration as JSON, without secrets; may be null
     */
    public static void recordRun(
            JdbcSettings s, String runId, String kind, String runtimeMode, String configJson) {
        try (Connection c = s.connect();
                PreparedStatement ps = c.prepareStatement(UPSERT_RUN_SQL)) {
            ps.setString(1, runId);
            ps.setString(2, kind);
            ps.setString(3, runtimeMode);
            if (configJson == null) {
                ps.setNull(4, Types.OTHER);
            } else {
                ps.setObject(4, configJson, Types.OTHER);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record run " + runId + " in " + s, e);
        }
    }
}
