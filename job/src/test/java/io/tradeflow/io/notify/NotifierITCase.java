package io.tradeflow.io.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * R-NOTE-1 delivery against a real PostgreSQL and a local HTTP server as the webhook: retries with
 * exponential backoff, the hourly limit, the outcome on every row.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class NotifierITCase {
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    /** Requests the webhook answers 500 before it starts accepting. */
    private final AtomicInteger failFirst = new AtomicInteger();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void webhook() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int code = failFirst.getAndDecrement() > 0 ? 500 : 204;
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @DisplayName("R-NOTE-1: a failing webhook is retried with exponential backoff; past 10 an "
            + "hour the rest are rate limited; each row records its outcome")
    void retriesAndRateLimits() throws Exception {
        JdbcSettings db = database("notify_limits");
        for (int i = 0; i < 12; i++) {
            insert(db, "n-" + (10 + i), Instant.parse("2025-06-10T14:00:00Z").plusSeconds(i));
        }
        failFirst.set(2); // the first notification needs two retries
        Notifier.Pass pass = notifier(db).deliverPending("run-1");

        assertThat(pass).isEqualTo(new Notifier.Pass(10, 0, 2));
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        List<Map<String, Object>> rows = EmbeddedPostgresExtension.query(db,
                "SELECT id, status, channel, attempts, delivered_at FROM notifications "
                        + "ORDER BY id");
        assertThat(rows.get(0)).containsEntry("status", "sent").containsEntry("attempts", 3)
                .containsEntry("channel", "webhook");
        assertThat(rows.subList(0, 10)).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("sent");
            assertThat(r.get("delivered_at")).isNotNull();
        });
        assertThat(rows.subList(10, 12)).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("rate_limited");
            assertThat(r.get("delivered_at")).isNull();
        });
        assertThat(bodies).hasSize(12) // 10 delivered, the first one three times
                .allMatch(b -> b.contains("\"run_id\":\"run-1\""))
                .anyMatch(b -> b.contains("\"id\":\"n-19\"") && b.contains("\"kind\":\"tier_change\""));
        // a second pass finds nothing pending
        assertThat(notifier(db).deliverPending("run-1")).isEqualTo(new Notifier.Pass(0, 0, 0));
    }

    @Test
    @DisplayName("R-NOTE-1: a webhook that keeps failing leaves the row failed after 3 retries, "
            + "with the error")
    void failsAfterItsRetries() throws Exception {
        JdbcSettings db = database("notify_failed");
        insert(db, "n-1", Instant.parse("2025-06-10T14:00:00Z"));
        failFirst.set(100);
        assertThat(notifier(db).deliverPending(null)).isEqualTo(new Notifier.Pass(0, 1, 0));
        Map<String, Object> row = EmbeddedPostgresExtension.query(db,
                "SELECT status, attempts, error FROM notifications").get(0);
        assertThat(row).containsEntry("status", "failed").containsEntry("attempts", 4);
        assertThat(row.get("error").toString()).contains("HTTP 500");
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(40));
        assertThat(bodies).hasSize(4);
    }

    private Notifier notifier(JdbcSettings db) {
        URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        return new Notifier(db, List.of(new WebhookChannel(hook)), Duration.ofMillis(10),
                waits::add);
    }

    private static JdbcSettings database(String name) {
        JdbcSettings db = EmbeddedPostgresExtension.freshDatabase(name);
        Migrations.migrate(db);
        return db;
    }

    private static void insert(JdbcSettings db, String id, Instant ts) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notifications (run_id, id, account, kind, message, ts) "
                        + "VALUES ('run-1', ?, 'acc-1', 'tier_change', 'moderate -> "
                        + "conservative', ?)")) {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(ts));
            ps.executeUpdate();
        }
    }
}
