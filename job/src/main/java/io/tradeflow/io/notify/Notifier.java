package io.tradeflow.io.notify;

import io.tradeflow.io.jdbc.JdbcSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers the job's pending notifications (R-NOTE-1) from the {@code notifications} table, outside
 * the job and so never on the decision path: each through the first channel with room in its
 * hourly limit (those that {@linkplain Channel#prefers prefer} its kind first), up to {@link #ATTEMPTS} attempts with exponential backoff; the row then records
 * {@code sent}, {@code failed} with the last error, or {@code rate_limited} when every channel's
 * limit was reached. Limits count the rows sent in the last hour, so they hold across restarts and
 * several notifiers. Delivery is wall-clock work: it decides nothing in the engine.
 */
public final class Notifier {
    /** Attempts per notification and channel (R-NOTE-1: 3 retries after the first). */
    public static final int ATTEMPTS = 4;

    /** One pending notification. */
    public record Pending(String runId, String id, String account, String kind, String message,
            Instant ts) {}

    /** Where notifications go, and how many an hour it takes. */
    public interface Channel {
        String name();

        int perHour();

        void send(Pending n) throws Exception;

        /**
         * Returns whether notifications of this kind go here before the other channels (digests
         * to email); a channel without room still passes them on to the next.
         */
        default boolean prefers(String kind) {
            return false;
        }
    }

    /** Sleeps between attempts (tests pass one that records instead). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** What one pass delivered. */
    public record Pass(int sent, int failed, int rateLimited) {}

    private final JdbcSettings db;
    private final List<Channel> channels;
    private final Duration backoff;
    private final Sleeper sleeper;

    /**
     * @param backoff the wait before the first retry; each next one waits twice as long
     */
    public Notifier(JdbcSettings db, List<Channel> channels, Duration backoff, Sleeper sleeper) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no notification channel configured");
        }
        this.db = db;
        this.channels = List.copyOf(channels);
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** Delivers every pending notification (of one run, or all when {@code runId} is null). */
    public Pass deliverPending(String runId) throws SQLException, InterruptedException {
        int sent = 0;
        int failed = 0;
        int limited = 0;
        for (Pending n : pending(runId)) {
            String outcome = deliver(n);
            switch (outcome) {
                case "sent" -> sent++;
                case "failed" -> failed++;
                default -> limited++;
            }
        }
        return new Pass(sent, failed, limited);
    }

    private String deliver(Pending n) throws SQLException, InterruptedException {
        for (Channel c : inOrder(n.kind())) {
            if (sentLastHour(c) >= c.perHour()) {
                continue;
            }
            String error = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    sleeper.sleep(backoff.multipliedBy(1L << (attempt - 2)));
                }
                try {
                    c.send(n);
                    record(n, "sent", c.name(), attempt, null);
                    return "sent";
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    error = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
            record(n, "failed", c.name(), ATTEMPTS, error);
            return "failed";
        }
        record(n, "rate_limited", null, 0, null);
        return "rate_limited";
    }

    /** Returns the channels that prefer the kind first, then the others, each in given order. */
    List<Channel> inOrder(String kind) {
        List<Channel> out = new ArrayList<>();
        channels.stream().filter(c -> c.prefers(kind)).forEach(out::add);
        channels.stream().filter(c -> !c.prefers(kind)).forEach(out::add);
        return out;
    }

    private List<Pending> pending(String runId) throws SQLException {
        String sql = "SELECT run_id, id, account, kind, message, ts FROM notifications "
                + "WHERE status = 'pending'" + (runId == null ? "" : " AND run_id = ?")
                + " ORDER BY ts, run_id, id";
        List<Pending> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (runId != null) {
                ps.setString(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }

    private int sentLastHour(Channel ch) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM notifications WHERE channel = ? AND status = 'sent' "
                        + "AND delivered_at > now() - interval '1 hour'")) {
            ps.setString(1, ch.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void record(Pending n, String status, String channel, int attempts, String error)
            throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notifications SET status = ?, channel = ?, attempts = ?, error = ?, "
                        + "delivered_at = CASE WHEN ? = 'sent' THEN now() END "
                        + "WHERE run_id = ? AND id = ?")) {
            ps.setString(1, status);
            ps.setString(2, channel);
            ps.setInt(3, attempts);
            ps.setString(4, error);
            ps.setString(5, status);
            ps.setString(6, n.runId());
            ps.setString(7, n.id());
            ps.executeUpdate();
        }
    }
}
