package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code tradeflow tax-lots --jdbc-url --run-id}: a run's fills lotted into {@code tax_lots} and
 * {@code wash_sales} (R-TAX-1, R-TAX-2) with the yearly summary view over them, on a real
 * PostgreSQL; the run's rows replaced on each pass, a ticker sold short left out.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TaxLotTablesITCase {
    static final String RUN = "live-tax";

    static void fill(JdbcSettings db, String run, String id, String ticker, String ts,
            String side, long qty, double price, double commission) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fills (run_id, id, execution_id, client_order_id, account, ticker, "
                        + "side, quantity, price, commission, ts) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, run);
            ps.setString(2, id);
            ps.setString(3, id);
            ps.setString(4, "o-" + id);
            ps.setString(5, "A1");
            ps.setString(6, ticker);
            ps.setString(7, side);
            ps.setLong(8, qty);
            ps.setDouble(9, price);
            ps.setDouble(10, commission);
            ps.setTimestamp(11, Timestamp.from(OffsetDateTime.parse(ts).toInstant()));
            ps.executeUpdate();
        }
    }

    @Test
    @DisplayName("R-TAX-1, R-TAX-2: a run's fills become FIFO lots with Publication 550's wash "
            + "sale, commissions in basis and proceeds")
    void lotsARunsFills() throws Exception {
        JdbcSettings db = EmbeddedPostgresExtension.freshDatabase("tax_tables");
        Migrations.migrate(db);
        // Publication 550's pattern: 100 bought at $50 (a $1 commission), sold at $40 (a $1
        // commission) on 2024-12-20, 75 bought back within 30 days: 75 % of the $1,002 loss
        // (751.50) disallowed and added to the replacement's basis, its 87 days of holding
        // carried over (adjusted buy date 2024-10-01)
        fill(db, RUN, "x1", "M", "2024-09-24T10:00:00-04:00", "buy", 100, 50.0, 1.0);
        fill(db, RUN, "x2", "M", "2024-12-20T10:00:00-05:00", "sell", 100, 40.0, 1.0);
        fill(db, RUN, "x3", "M", "2024-12-27T10:00:00-05:00", "buy", 75, 50.0, 0.0);
        // sold short: left out, named
        fill(db, RUN, "x4", "QQQ", "2024-10-01T10:00:00-04:00", "sell", 10, 400.0, 0.0);
        fill(db, "other-run", "y1", "M", "2024-09-24T10:00:00-04:00", "buy", 1, 1.0, 0.0);

        for (int pass = 0; pass < 2; pass++) {
            CliTest.Result r = CliTest.run("tax-lots", "--jdbc-url", db.url(), "--jdbc-user",
                    db.user(), "--run-id", RUN);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("3 executions, 2 lots, 1 wash sale(s)",
                    "left out, sold short (not lotted): [A1 QQQ]");
        }
        List<Map<String, Object>> lots = EmbeddedPostgresExtension.query(db, "SELECT id, "
                + "quantity, buy_date::text AS b, adjusted_buy_date::text AS ab, basis::text AS "
                + "basis, adjusted_basis::text AS adj, proceeds::text AS p, gain::text AS g, "
                + "wash_sale_disallowed::text AS w, replacement_of FROM tax_lots WHERE run_id = '"
                + RUN + "' ORDER BY id");
        assertThat(lots).extracting(m -> m.get("id") + " " + m.get("quantity") + " "
                + m.get("b") + " " + m.get("ab") + " " + m.get("basis") + " " + m.get("adj")
                + " " + m.get("p") + " " + m.get("g") + " " + m.get("w") + " "
                + m.get("replacement_of")).containsExactly(
                        "L1 100 2024-09-24 2024-09-24 5001.00 5001.00 3999.00 -250.50 751.50 null",
                        "L2 75 2024-12-27 2024-10-01 3750.00 4501.50 null null null L1");
        assertThat(EmbeddedPostgresExtension.query(db, "SELECT id, shares, "
                + "disallowed_loss::text AS d FROM wash_sales WHERE run_id = '" + RUN + "'"))
                .containsExactly(Map.of("id", "L1>L2", "shares", 75L, "d", "751.50"));
        assertThat(EmbeddedPostgresExtension.query(db, "SELECT count(*) AS n FROM tax_lots "
                + "WHERE run_id = 'other-run'").get(0).get("n")).isEqualTo(0L);
        assertThat(EmbeddedPostgresExtension.query(db, "SELECT * FROM realized_gains_yearly "
                + "WHERE run_id = '" + RUN + "'")).isNotEmpty();
    }

    @Test
    void refusesHalfOfEitherForm() {
        CliTest.Result r = CliTest.run("tax-lots", "--run-id", RUN);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("either --executions FILE --out DIR, or --jdbc-url URL "
                + "--run-id ID");
        r = CliTest.run("tax-lots", "--out", "target/x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("tax-lots needs --executions FILE --out DIR");
    }
}
