package io.tradeflow.io.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.NotifySection;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * R-NOTE-1's email channel against a real PostgreSQL and GreenMail as the SMTP server: 20 an hour,
 * then rate limited; retries with exponential backoff; a refused login fails after its retries
 * without the password in the row.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class EmailNotifierITCase {
    static final String USER = "alerts";
    static final String PASSWORD = "smtp-pw-4d1c-never-stored";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP
            .dynamicPort()).withConfiguration(GreenMailConfiguration.aConfig()
            .withUser("risk@example.com", USER, PASSWORD));

    private final List<Duration> waits = new ArrayList<>();

    static NotifySection.Email email(int port) {
        return new NotifySection.Email("127.0.0.1", port, USER, "Tradeflow <alerts@example.com>",
                List.of("risk@example.com"), NotifySection.NONE);
    }

    @Test
    @DisplayName("R-NOTE-1: 20 emails an hour, the rest rate limited; each row records email")
    void sendsTwentyAnHourThenRateLimits() throws Exception {
        JdbcSettings db = database("email_limits");
        for (int i = 0; i < 22; i++) {
            insert(db, "n-" + (10 + i), "tier_change", "moderate -> conservative",
                    Instant.parse("2025-06-10T14:00:00Z").plusSeconds(i));
        }
        Notifier notifier = new Notifier(db, List.of(new EmailChannel(
                email(SMTP.getSmtp().getPort()), PASSWORD)), Duration.ofMillis(10), waits::add);

        assertThat(notifier.deliverPending("run-1")).isEqualTo(new Notifier.Pass(20, 0, 2));
        MimeMessage[] got = SMTP.getReceivedMessages();
        assertThat(got).hasSize(20);
        MimeMessage first = got[0];
        assertThat(first.getSubject()).isEqualTo("Tradeflow acc-1: tier change, 2025-06-10 10:00"
                + " EDT");
        assertThat(first.getFrom()[0].toString()).isEqualTo("Tradeflow <alerts@example.com>");
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("risk@example.com");
        assertThat(first.getHeader("X-Tradeflow-Notification")).containsExactly("run-1/n-10");
        assertThat(GreenMailUtil.getBody(first)).contains("moderate -> conservative",
                "run run-1, notification n-10");
        List<Map<String, Object>> rows = EmbeddedPostgresExtension.query(db,
                "SELECT status, channel, attempts FROM notifications ORDER BY id");
        assertThat(rows.subList(0, 20)).allSatisfy(r -> assertThat(r)
                .containsEntry("status", "sent").containsEntry("channel", "email")
                .containsEntry("attempts", 1));
        assertThat(rows.subList(20, 22)).allSatisfy(r -> assertThat(r)
                .containsEntry("status", "rate_limited"));
        assertThat(waits).isEmpty();
    }

    @Test
    @DisplayName("R-NOTE-1: an SMTP server that is down is retried with exponential backoff")
    void retriesWithBackoffUntilTheServerAnswers() throws Exception {
        JdbcSettings db = oneNotification("email_retry");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser("risk@example.com", USER, PASSWORD));
        try {
            Notifier notifier = new Notifier(db, List.of(new EmailChannel(email(port),
                    PASSWORD)), Duration.ofMillis(10), d -> {
                        waits.add(d);
                        if (waits.size() == 2) {
                            late.start(); // up before the third attempt
                        }
                    });
            assertThat(notifier.deliverPending(null)).isEqualTo(new Notifier.Pass(1, 0, 0));
            assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
            assertThat(late.getReceivedMessages()).hasSize(1);
            assertThat(EmbeddedPostgresExtension.query(db,
                    "SELECT status, attempts FROM notifications").get(0))
                    .containsEntry("status", "sent").containsEntry("attempts", 3);
        } finally {
            late.stop();
        }
    }

    @Test
    @DisplayName("R-NOTE-1: a refused login fails after 3 retries; the row holds no password")
    void aRefusedLoginFailsAfterItsRetries() throws Exception {
        JdbcSettings db = oneNotification("email_refused");
        String wrong = "not-the-password-9b2e";
        Notifier notifier = new Notifier(db, List.of(new EmailChannel(
                email(SMTP.getSmtp().getPort()), wrong)), Duration.ofMillis(10), waits::add);
        assertThat(notifier.deliverPending(null)).isEqualTo(new Notifier.Pass(0, 1, 0));
        Map<String, Object> row = EmbeddedPostgresExtension.query(db,
                "SELECT status, attempts, error FROM notifications").get(0);
        assertThat(row).containsEntry("status", "failed").containsEntry("attempts", 4);
        assertThat(row.get("error").toString()).isNotBlank().doesNotContain(wrong, PASSWORD);
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(40));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("R-NOTE-1: digests go to email first, alerts to the webhook first")
    void digestsPreferEmailAndAlertsTheWebhook() {
        Notifier.Channel webhook = new WebhookChannel(URI.create("http://127.0.0.1:1/hook"));
        Notifier.Channel mail = new EmailChannel(email(1), PASSWORD);
        Notifier n = new Notifier(EmbeddedPostgresExtension.settings(), List.of(webhook, mail),
                Duration.ofMillis(10), waits::add);
        assertThat(n.inOrder(ScheduledNotifications.DAILY_SUMMARY)).containsExactly(mail,
                webhook);
        assertThat(n.inOrder(ScheduledNotifications.WEEKLY_DIGEST)).containsExactly(mail,
                webhook);
        assertThat(n.inOrder(ScheduledNotifications.LARGE_TRADE_PNL)).containsExactly(webhook,
                mail);
    }

    static JdbcSettings database(String name) {
        JdbcSettings db = EmbeddedPostgresExtension.freshDatabase(name);
        Migrations.migrate(db);
        return db;
    }

    /** Returns a fresh database holding one pending notification, {@code n-1}. */
    static JdbcSettings oneNotification(String name) throws Exception {
        JdbcSettings db = database(name);
        insert(db, "n-1", "breaker_tripped", "daily loss breaker tripped",
                Instant.parse("2025-06-10T14:00:00Z"));
        return db;
    }

    static void insert(JdbcSettings db, String id, String kind, String message, Instant ts)
            throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notifications (run_id, id, account, kind, message, ts) "
                        + "VALUES ('run-1', ?, 'acc-1', ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, kind);
            ps.setString(3, message);
            ps.setTimestamp(4, Timestamp.from(ts));
            ps.executeUpdate();
        }
    }
}
