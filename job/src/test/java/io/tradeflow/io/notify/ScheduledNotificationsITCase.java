package io.tradeflow.io.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.NotifySection;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * R-NOTE-1's generated notifications from a real PostgreSQL: large-trade P&L alerts from closed
 * positions, daily summaries and the weekly digest from the close snapshots and {@code
 * performance_daily}, inserted once per trade, account-day and account-week, then mailed.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ScheduledNotificationsITCase {
    static final ZoneId NY = ZoneId.of("America/New_York");
    /** Monday 9 June 2025 to Friday 13 June 2025: ISO week 2025-W24. */
    static final LocalDate MONDAY = LocalDate.of(2025, 6, 9);
    static final NotifySection SECTION = new NotifySection(null, new BigDecimal("1000"),
            LocalTime.of(16, 30), Duration.ofDays(7));

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP
            .dynamicPort()).withConfiguration(GreenMailConfiguration.aConfig()
            .withDisabledAuthentication());

    static Instant ny(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(NY).toInstant();
    }

    @Test
    @DisplayName("R-NOTE-1: alerts, daily summaries and the weekly digest are added once each, "
            + "for live runs, when due; then mailed")
    void addsEachOnceWhenDueAndMailsThem() throws Exception {
        JdbcSettings db = EmailNotifierITCase.database("notify_scheduled");
        week(db, "live-1", "live");
        week(db, "bt-1", "backtest");

        // Friday 16:00: Monday to Thursday are summarized; Friday's summary and the digest wait
        Instant before = ny(MONDAY.plusDays(4), 16, 0);
        assertThat(ScheduledNotifications.generate(db, null, SECTION, before))
                .isEqualTo(new ScheduledNotifications.Generated(2, 4, 0));
        Instant after = ny(MONDAY.plusDays(4), 17, 0);
        assertThat(ScheduledNotifications.generate(db, null, SECTION, after))
                .isEqualTo(new ScheduledNotifications.Generated(0, 1, 1));
        // once per trade, account-day and account-week, however often it runs
        assertThat(ScheduledNotifications.generate(db, null, SECTION, after))
                .isEqualTo(new ScheduledNotifications.Generated(0, 0, 0));

        List<Map<String, Object>> rows = EmbeddedPostgresExtension.query(db,
                "SELECT run_id, id, kind, status, ts, message FROM notifications ORDER BY ts, id");
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(
                "large_trade_pnl:A1-AAPL-1",
                "daily_summary:A1:2025-06-09",
                "daily_summary:A1:2025-06-10",
                "large_trade_pnl:A1-MSFT-3",
                "daily_summary:A1:2025-06-11",
                "daily_summary:A1:2025-06-12",
                "daily_summary:A1:2025-06-13",
                "weekly_digest:A1:2025-W24");
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("run_id", "live-1")
                .containsEntry("status", "pending"));
        Map<String, Object> digest = rows.get(7);
        assertThat(digest.get("ts").toString()).isEqualTo(
                Timestamp.from(ny(MONDAY.plusDays(4), 16, 30)).toString());
        assertThat(digest.get("message").toString()).contains(
                "Weekly digest 2025-W24 (2025-06-09 to 2025-06-13, 5 sessions), account A1",
                "Portfolio value 100,000.00 -> 100,350.00 (+350.00, +0.35 %)",
                "Trades closed: 3 (1 won, 2 lost), P&L +100.00",
                "Best day 2025-06-09 +1,500.00, worst day 2025-06-11 -1,250.00");
        assertThat(rows.get(0).get("message").toString()).isEqualTo("AAPL long 100 closed with"
                + " realized P&L +1,500.00 (entry 180.00, exit 195.00); alert threshold"
                + " 1,000.00.");
        assertThat(rows.get(1).get("message").toString()).contains(
                "Daily summary 2025-06-09, account A1",
                "Portfolio value 101,500.00 (day +1,500.00)",
                "Trades closed today: 1 (1 won, 0 lost), P&L +1,500.00");

        // delivered: the digests by email
        Notifier notifier = new Notifier(db, List.of(new EmailChannel(new NotifySection.Email(
                "127.0.0.1", SMTP.getSmtp().getPort(), null, "alerts@example.com",
                List.of("risk@example.com"), NotifySection.NONE), null)), Duration.ofMillis(1),
                d -> { });
        assertThat(notifier.deliverPending("live-1")).isEqualTo(new Notifier.Pass(8, 0, 0));
        MimeMessage last = SMTP.getReceivedMessages()[7];
        assertThat(last.getSubject()).isEqualTo("Tradeflow A1: weekly digest, 2025-06-13 16:30"
                + " EDT");
        assertThat(GreenMailUtil.getBody(last)).contains("Weekly digest 2025-W24");
    }

    @Test
    @DisplayName("R-NOTE-1: what fell due before the catch-up window is never added")
    void leavesWhatIsOlderThanTheCatchUp() throws Exception {
        JdbcSettings db = EmailNotifierITCase.database("notify_catch_up");
        week(db, "live-2", "live");
        // a month later: nothing of that week is due any more
        assertThat(ScheduledNotifications.generate(db, "live-2", SECTION,
                ny(MONDAY.plusDays(30), 17, 0)))
                .isEqualTo(new ScheduledNotifications.Generated(0, 0, 0));
        // a named run is looked at whatever its kind
        assertThat(ScheduledNotifications.generate(db, "live-2", SECTION,
                ny(MONDAY.plusDays(7), 9, 0)))
                .isEqualTo(new ScheduledNotifications.Generated(2, 5, 1));
    }

    /**
     * Writes a week of one account: closes 101 500, 101 600, 100 350, 100 350, 100 350 (daily
     * P&L +1 500, +100, -1 250, 0, 0) and three closed trades, +1 500, -150 and -1 250.
     */
    static void week(JdbcSettings db, String runId, String kind) throws Exception {
        double[] values = {101_500, 101_600, 100_350, 100_350, 100_350};
        double[] pnl = {1_500, 100, -1_250, 0, 0};
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO runs (run_id, kind) VALUES (?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, kind);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio_snapshots "
                    + "(run_id, id, account, ts, kind, portfolio_value, cash, active_pool, "
                    + "reserve, positions_value, unrealized_pnl, realized_pnl, daily_pnl, heat, "
                    + "drawdown, max_drawdown, tier, open_breakers, open_positions) VALUES "
                    + "(?, ?, 'A1', ?, 'close', ?, ?, 0, 0, 0, 0, ?, ?, 0.01, ?, 0.012, "
                    + "'moderate', 0, 1)")) {
                double realized = 0;
                for (int i = 0; i < 5; i++) {
                    LocalDate day = MONDAY.plusDays(i);
                    realized += pnl[i];
                    ps.setString(1, runId);
                    ps.setString(2, "A1:" + day);
                    ps.setTimestamp(3, Timestamp.from(ny(day, 16, 0)));
                    ps.setDouble(4, values[i]);
                    ps.setBigDecimal(5, BigDecimal.valueOf(values[i]));
                    ps.setBigDecimal(6, BigDecimal.valueOf(realized));
                    ps.setDouble(7, pnl[i]);
                    ps.setDouble(8, i >= 2 ? 0.0123 : 0);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            position(c, runId, "A1-AAPL-1", "AAPL", 180, 195, "1500", ny(MONDAY, 11, 0));
            position(c, runId, "A1-SPY-2", "SPY", 500, 498.5, "-150", ny(MONDAY.plusDays(2),
                    10, 0));
            position(c, runId, "A1-MSFT-3", "MSFT", 400, 387.5, "-1250", ny(MONDAY.plusDays(2),
                    15, 0));
        }
    }

    static void position(Connection c, String runId, String id, String ticker, double entry,
            double exit, String pnl, Instant ts) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO positions (run_id, id, "
                + "account, ticker, side, quantity, entry_price, status, opened_ts, ts, "
                + "exit_price, realized_pnl) VALUES (?, ?, 'A1', ?, 'long', 100, ?, 'closed', "
                + "?, ?, ?, ?)")) {
            ps.setString(1, runId);
            ps.setString(2, id);
            ps.setString(3, ticker);
            ps.setDouble(4, entry);
            ps.setTimestamp(5, Timestamp.from(ts.minusSeconds(3600)));
            ps.setTimestamp(6, Timestamp.from(ts));
            ps.setDouble(7, exit);
            ps.setBigDecimal(8, new BigDecimal(pnl));
            ps.executeUpdate();
        }
    }
}
