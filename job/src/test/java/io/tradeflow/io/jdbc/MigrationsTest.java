package io.tradeflow.io.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.testing.EmbeddedPostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static final List<String> TABLES =
            List.of("runs", "trading_decisions", "orders", "fills", "positions", "dead_letters",
                    "circuit_breaker_events", "risk_tier_history", "reserve_pool_ledger",
                    "config_audit", "notifications", "position_stop_levels", "tax_lots",
                    "wash_sales");

    static JdbcSettings db;
    static int firstApplied;

    @BeforeAll
    static void migrate() {
        db = EmbeddedPostgresExtension.freshDatabase("migrations_test");
        long t0 = System.nanoTime();
        firstApplied = Migrations.migrate(db);
        System.out.println("migrations applied in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Test
    void migrationsApplyOnceThenNothing() {
        assertThat(firstApplied).isGreaterThanOrEqualTo(5);
        assertThat(Migrations.migrate(db)).isZero();
        assertThat(EmbeddedPostgresExtension.query(db,
                "SELECT version, description, success FROM flyway_schema_history "
                        + "WHERE version IN ('1', '2', '3', '4', '5') ORDER BY installed_rank"))
                .containsExactly(Map.of("version", "1", "description", "core", "success", true),
                        Map.of("version", "2", "description", "risk", "success", true),
                        Map.of("version", "3", "description", "exits", "success", true),
                        Map.of("version", "4", "description", "tax", "success", true),
                        Map.of("version", "5", "description", "fill executions",
                                "success", true));
    }

    @Test
    void everyTableHasRunIdInItsPrimaryKey() {
        for (String table : TABLES) {
            List<Map<String, Object>> pk = EmbeddedPostgresExtension.query(db,
                    "SELECT a.attname AS col FROM pg_index i "
                            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                            + "WHERE i.indrelid = '" + table + "'::regclass AND i.indisprimary "
                            + "ORDER BY a.attnum");
            List<Object> cols = pk.stream().map(r -> r.get("col")).toList();
            if (table.equals("runs")) {
                assertThat(cols).as(table).containsExactly("run_id");
            } else {
                assertThat(cols).as(table).containsExactly("run_id", "id");
            }
        }
    }

    @Test
    void analystIndexesExist() {
        List<Object> indexes = EmbeddedPostgresExtension.query(db,
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
                .stream().map(r -> r.get("indexdef")).toList();
        assertThat(indexes).anyMatch(d -> d.toString().contains("trading_decisions USING btree (run_id, account, ts)"))
                .anyMatch(d -> d.toString().contains("trading_decisions USING btree (run_id, reason)"))
                .anyMatch(d -> d.toString().contains("dead_letters USING btree (run_id, reason)"))
                .anyMatch(d -> d.toString().contains(
                        "circuit_breaker_events USING btree (run_id, account, tripped_at)"))
                .anyMatch(d -> d.toString().contains(
                        "risk_tier_history USING btree (run_id, account, ts)"))
                .anyMatch(d -> d.toString().contains(
                        "reserve_pool_ledger USING btree (run_id, account, ts)"))
                .anyMatch(d -> d.toString().contains("config_audit USING btree (run_id, account, ts)"))
                .anyMatch(d -> d.toString().contains("notifications USING btree (run_id, account, ts)"))
                .anyMatch(d -> d.toString().contains(
                        "position_stop_levels USING btree (run_id, position_id, ts)"))
                .anyMatch(d -> d.toString().contains(
                        "tax_lots USING btree (run_id, account, ticker, buy_date)"));
    }

    @Test
    void rolesExistWithoutLogin() {
        assertThat(EmbeddedPostgresExtension.query(db,
                "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'tradeflow_%' ORDER BY rolname"))
                .containsExactly(
                        Map.of("rolname", "tradeflow_analyst", "rolcanlogin", false),
                        Map.of("rolname", "tradeflow_writer", "rolcanlogin", false));
    }

    @Test
    void privilegesMatchTheRoles() {
        for (String table : TABLES) {
            Map<String, Object> p = EmbeddedPostgresExtension.query(db, "SELECT "
                    + "has_table_privilege('tradeflow_writer', '" + table + "', 'SELECT') AS ws, "
                    + "has_table_privilege('tradeflow_writer', '" + table + "', 'INSERT') AS wi, "
                    + "has_table_privilege('tradeflow_writer', '" + table + "', 'UPDATE') AS wu, "
                    + "has_table_privilege('tradeflow_writer', '" + table + "', 'DELETE') AS wd, "
                    + "has_table_privilege('tradeflow_analyst', '" + table + "', 'SELECT') AS as_, "
                    + "has_table_privilege('tradeflow_analyst', '" + table + "', 'INSERT') AS ai, "
                    + "has_table_privilege('tradeflow_analyst', '" + table + "', 'UPDATE') AS au").get(0);
            assertThat(p).as(table).containsEntry("ws", true).containsEntry("wi", true)
                    .containsEntry("wu", true).containsEntry("wd", false)
                    .containsEntry("as_", true).containsEntry("ai", false).containsEntry("au", false);
        }
        assertThat(EmbeddedPostgresExtension.query(db, "SELECT "
                + "has_table_privilege('tradeflow_analyst', 'decision_reasons', 'SELECT') AS a").get(0))
                .containsEntry("a", true);
    }

    @Test
    void futureTablesFollowTheDefaultPrivileges() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TABLE later_table (run_id text NOT NULL, id text NOT NULL, PRIMARY KEY (run_id, id))");
            var rs = st.executeQuery("SELECT has_table_privilege('tradeflow_analyst', 'later_table', 'SELECT'), "
                    + "has_table_privilege('tradeflow_analyst', 'later_table', 'INSERT'), "
                    + "has_table_privilege('tradeflow_writer', 'later_table', 'INSERT')");
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getBoolean(3)).isTrue();
            c.rollback();
        }
    }

    @Test
    void analystCannotInsertButWriterCan() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET ROLE tradeflow_analyst");
            assertThat(st.executeQuery("SELECT count(*) FROM dead_letters").next()).isTrue();
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO dead_letters (run_id, id, reason) VALUES ('r', 'x', 'malformed_json')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            c.rollback();
            st.execute("SET ROLE tradeflow_writer");
            st.execute("INSERT INTO dead_letters (run_id, id, reason) VALUES ('r', 'x', 'malformed_json')");
            st.execute("UPDATE dead_letters SET detail = 'd' WHERE run_id = 'r'");
            assertThatThrownBy(() -> st.execute("DELETE FROM dead_letters"))
                    .hasMessageContaining("permission denied");
            c.rollback();
        }
    }

    @Test
    void decisionReasonsCountsPerRunAccountDecisionReason() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO trading_decisions (run_id, id, account, ts, decision, reason, quantity) VALUES "
                    + "('view', 'd1', 'a1', now(), 'skip', 'R-HEAT-1', 0), "
                    + "('view', 'd2', 'a1', now(), 'skip', 'R-HEAT-1', 0), "
                    + "('view', 'd3', 'a1', now(), 'act', NULL, 10), "
                    + "('view', 'd4', 'a2', now(), 'skip', 'R-HEAT-1', 0)");
            var rs = st.executeQuery("SELECT account, decision, reason, count FROM decision_reasons "
                    + "WHERE run_id = 'view' ORDER BY account, decision, reason");
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append(',').append(rs.getString(2)).append(',')
                        .append(rs.getString(3)).append(',').append(rs.getLong(4)).append(';');
            }
            assertThat(out).hasToString("a1,act,null,1;a1,skip,R-HEAT-1,2;a2,skip,R-HEAT-1,1;");
            c.rollback();
        }
    }

    @Test
    void realizedGainsYearlySplitsClosedLotsByHoldingPeriod() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO tax_lots (run_id, id, account, ticker, quantity, buy_date, "
                    + "adjusted_buy_date, basis, adjusted_basis, sell_date, proceeds, gain, "
                    + "wash_sale_disallowed, replacement_of) VALUES "
                    // held exactly one year: short term; one day more: long term
                    + "('tax', 'L1', 'a', 'X', 1, '2024-01-02', '2024-01-02', 100, 100, "
                    + "'2025-01-02', 110, 10, 0, NULL), "
                    + "('tax', 'L2', 'a', 'X', 1, '2024-01-02', '2024-01-02', 100, 100, "
                    + "'2025-01-03', 125, 25, 0, NULL), "
                    // a replacement whose carried holding period makes it long term
                    + "('tax', 'L3', 'a', 'X', 1, '2024-12-15', '2023-01-16', 90, 100, "
                    + "'2025-02-01', 110, 10, 0, 'L0'), "
                    + "('tax', 'L4', 'a', 'X', 1, '2024-06-03', '2024-06-03', 100, 100, "
                    + "'2024-07-01', 80, -5, 15, NULL), "
                    + "('tax', 'L5', 'a', 'X', 1, '2024-06-03', '2024-06-03', 100, 100, "
                    + "NULL, NULL, NULL, NULL, NULL), "
                    + "('tax', 'L6', 'b', 'X', 1, '2024-06-03', '2024-06-03', 100, 100, "
                    + "'2024-08-01', 107, 7, 0, NULL)");
            var rs = st.executeQuery("SELECT account, year, short_term, long_term "
                    + "FROM realized_gains_yearly WHERE run_id = 'tax' ORDER BY account, year");
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append(',').append(rs.getInt(2)).append(',')
                        .append(rs.getBigDecimal(3)).append(',').append(rs.getBigDecimal(4))
                        .append(';');
            }
            assertThat(out).hasToString("a,2024,-5.00,0;a,2025,10.00,35.00;b,2024,7.00,0;");
            assertThatThrownBy(() -> st.execute("INSERT INTO tax_lots (run_id, id, account, "
                    + "ticker, quantity, buy_date, adjusted_buy_date, basis, adjusted_basis, "
                    + "sell_date) VALUES ('tax', 'L9', 'a', 'X', 1, '2024-01-02', '2024-01-02', "
                    + "1, 1, '2024-02-01')")).hasMessageContaining("tax_lots_check");
            c.rollback();
        }
    }

    @Test
    @DisplayName("R-FILL-1: fills are keyed by execution id, with the lateness of their applying")
    void fillsAreKeyedByExecutionId() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO fills (run_id, id, execution_id, client_order_id, account, "
                    + "ticker, side, quantity, price, commission, ts) VALUES ('f', 'ex-1', "
                    + "'ex-1', 'e-1', 'a', 'SPY', 'buy', 1, 1, 0, now())");
            var rs = st.executeQuery("SELECT late_ms FROM fills WHERE run_id = 'f'");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            c.rollback();
            assertThatThrownBy(() -> st.execute("INSERT INTO fills (run_id, id, execution_id, "
                    + "client_order_id, account, ticker, side, quantity, price, commission, ts) "
                    + "VALUES ('f', 'e-1:1', 'ex-1', 'e-1', 'a', 'SPY', 'buy', 1, 1, 0, now())"))
                    .hasMessageContaining("fills_id_is_execution_id");
            c.rollback();
            assertThatThrownBy(() -> st.execute("INSERT INTO fills (run_id, id, "
                    + "client_order_id, account, ticker, side, quantity, price, commission, ts) "
                    + "VALUES ('f', 'ex-2', 'e-1', 'a', 'SPY', 'buy', 1, 1, 0, now())"))
                    .hasMessageContaining("execution_id");
            c.rollback();
        }
    }

    @Test
    void decisionMustBeActOrSkip() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO trading_decisions (run_id, id, account, ts, decision, quantity) "
                            + "VALUES ('r', 'd', 'a', now(), 'maybe', 0)"))
                    .hasMessageContaining("trading_decisions_decision_check");
        }
    }

    @Test
    void riskTablesCheckTheirVocabularyAndNotificationsStartPending() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO circuit_breaker_events "
                    + "(run_id, id, account, type, status, tripped_at) "
                    + "VALUES ('r', 'b', 'a', 'daily_loss', 'maybe', now())"))
                    .hasMessageContaining("circuit_breaker_events_status_check");
            assertThatThrownBy(() -> st.execute("INSERT INTO circuit_breaker_events "
                    + "(run_id, id, account, type, status, tripped_at) "
                    + "VALUES ('r', 'b', 'a', 'vix', 'tripped', now())"))
                    .hasMessageContaining("circuit_breaker_events_type_check");
            assertThatThrownBy(() -> st.execute("INSERT INTO config_audit "
                    + "(run_id, id, command_id, account, command, status, ts) "
                    + "VALUES ('r', 'c', 'c', 'a', 'pause', 'ignored', now())"))
                    .hasMessageContaining("config_audit_status_check");
            assertThatThrownBy(() -> st.execute("INSERT INTO reserve_pool_ledger "
                    + "(run_id, id, account, kind, amount, balance_after, ts) "
                    + "VALUES ('r', 'x', 'a', 'bonus', 1, 1, now())"))
                    .hasMessageContaining("reserve_pool_ledger_kind_check");
            c.setAutoCommit(false);
            st.execute("INSERT INTO notifications (run_id, id, account, kind, ts) "
                    + "VALUES ('r', 'n', 'a', 'tier_change', now())");
            var rs = st.executeQuery("SELECT status FROM notifications WHERE run_id = 'r'");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("pending");
            c.rollback();
        }
    }

    @Test
    void recordRunUpsertsKeepingTheFirstStart() throws Exception {
        Migrations.recordRun(db, "bt-1", "backtest", "BATCH", "{\"accounts\": 2}");
        Object started = EmbeddedPostgresExtension.query(db,
                "SELECT started_at FROM runs WHERE run_id = 'bt-1'").get(0).get("started_at");
        Thread.sleep(5);
        Migrations.recordRun(db, "bt-1", "backtest", "STREAMING", "{\"accounts\": 3}");
        Migrations.recordRun(db, "demo-1", "demo", "STREAMING", null);
        assertThat(EmbeddedPostgresExtension.query(db,
                "SELECT run_id, kind, runtime_mode, config->>'accounts' AS accounts, started_at "
                        + "FROM runs ORDER BY run_id"))
                .hasSize(2)
                .first().satisfies(r -> assertThat(r)
                        .containsEntry("kind", "backtest").containsEntry("runtime_mode", "STREAMING")
                        .containsEntry("accounts", "3").containsEntry("started_at", started));
        assertThatThrownBy(() -> Migrations.recordRun(db, "x", "paper", "BATCH", null))
                .rootCause().hasMessageContaining("runs_kind_check");
    }
}
