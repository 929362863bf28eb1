package io.tradeflow.io.notify;

import io.tradeflow.io.config.NotifySection;
import io.tradeflow.io.jdbc.JdbcSettings;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the notifications of R-NOTE-1 that the job does not write: a large-trade P&L alert
 * for each closed trade whose realized P&L reaches {@code notify.large-trade-pnl} in absolute
 * value, the daily summary of each account-day at {@code notify.daily-summary-at} (16:30
 * America/New_York) and the weekly digest of each account-week at that time on the week's Friday,
 * from the close snapshots and {@code performance_daily}. It runs in {@code tradeflow notify},
 * never on the decision path, and inserts {@code pending} rows whose ids are derived from the
 * trade, the day or the ISO week, so a row is inserted once however often it runs. Only what
 * fell due within {@code notify.catch-up} before now is generated: a notifier started after a
 * long pause does not mail the whole history.
 */
public final class ScheduledNotifications {
    public static final String LARGE_TRADE_PNL = "large_trade_pnl";
    public static final String DAILY_SUMMARY = "daily_summary";
    public static final String WEEKLY_DIGEST = "weekly_digest";

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private ScheduledNotifications() {}

    /** One account's day as its close snapshot and {@code performance_daily} tell it. */
    public record Day(String runId, String account, LocalDate day, double portfolioValue,
            Double dailyReturn, double dailyPnl, BigDecimal realizedPnl, double drawdown,
            double maxDrawdown, Double sharpe30d, String tier, int openPositions,
            int openBreakers, int trades, int wins, int losses, BigDecimal tradePnl) {}

    /** One closed position. */
    public record ClosedTrade(String runId, String positionId, String account, String ticker,
            String side, long quantity, double entryPrice, Double exitPrice,
            BigDecimal realizedPnl, Instant ts) {}

    /** One notification to insert. */
    public record Row(String runId, String id, String account, String kind, String message,
            Instant ts) {}

    /** How many rows one pass inserted, by kind. */
    public record Generated(int largeTrades, int dailySummaries, int weeklyDigests) {}

    /** Returns when the summary of a day is due: that day at {@code at}, New York time. */
    public static Instant dailyDue(LocalDate day, LocalTime at) {
        return day.atTime(at).atZone(NEW_YORK).toInstant();
    }

    /** Returns when the digest of a day's ISO week is due: the week's Friday at {@code at}. */
    public static Instant weeklyDue(LocalDate day, LocalTime at) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return dailyDue(monday.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)), at);
    }

    /** Returns the ISO week of a day, {@code 2025-W24}. */
    public static String week(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * Returns the notifications due in {@code (now - catch-up, now]}: the large trades closed then,
     * the summaries of the days and the digests of the weeks that fell due then.
     *
     * @param days every account-day from at least a week before the catch-up window, in order
     */
    public static List<Row> plan(List<Day> days, List<ClosedTrade> trades, NotifySection s,
            Instant now) {
        Instant from = now.minus(s.catchUp());
        List<Row> out = new ArrayList<>();
        if (s.largeTradePnl() != null) {
            for (ClosedTrade t : trades) {
                if (t.realizedPnl() != null
                        && t.realizedPnl().abs().compareTo(s.largeTradePnl()) >= 0
                        && within(t.ts(), from, now)) {
                    out.add(new Row(t.runId(), LARGE_TRADE_PNL + ":" + t.positionId(),
                            t.account(), LARGE_TRADE_PNL, DigestText.largeTrade(t, s),
                            t.ts()));
                }
            }
        }
        Map<String, List<Day>> weeks = new LinkedHashMap<>();
        for (Day d : days) {
            Instant due = dailyDue(d.day(), s.dailySummaryAt());
            if (within(due, from, now)) {
                out.add(new Row(d.runId(), DAILY_SUMMARY + ":" + d.account() + ":" + d.day(),
                        d.account(), DAILY_SUMMARY, DigestText.daily(d), due));
            }
            weeks.computeIfAbsent(d.runId() + "\u0000" + d.account() + "\u0000" + week(d.day()),
                    k -> new ArrayList<>()).add(d);
        }
        for (List<Day> week : weeks.values()) {
            Day last = week.get(week.size() - 1);
            Instant due = weeklyDue(last.day(), s.dailySummaryAt());
            if (within(due, from, now)) {
                out.add(new Row(last.runId(), WEEKLY_DIGEST + ":" + last.account() + ":"
                        + week(last.day()), last.account(), WEEKLY_DIGEST,
                        DigestText.weekly(week(last.day()), week), due));
            }
        }
        return out;
    }

    private static boolean within(Instant t, Instant from, Instant now) {
        return t.isAfter(from) && !t.isAfter(now);
    }

    /**
     * Inserts the notifications due at {@code now} for one run, or for every live run when
     * {@code runId} is null, and returns how many were new.
     */
    public static Generated generate(JdbcSettings db, String runId, NotifySection s, Instant now)
            throws SQLException {
        // a week before the window, so that a digest due in it sees its whole week
        LocalDate since = now.minus(s.catchUp()).atZone(NEW_YORK).toLocalDate().minusDays(7);
        try (Connection c = db.connect()) {
            List<Row> rows = plan(days(c, runId, since),
                    s.largeTradePnl() == null ? List.of() : trades(c, runId, s, since), s, now);
            int[] counts = new int[3];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notifications "
                    + "(run_id, id, account, kind, message, ts) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (run_id, id) DO NOTHING")) {
                for (Row r : rows) {
                    ps.setString(1, r.runId());
                    ps.setString(2, r.id());
                    ps.setString(3, r.account());
                    ps.setString(4, r.kind());
                    ps.setString(5, r.message());
                    ps.setTimestamp(6, Timestamp.from(r.ts()));
                    int inserted = ps.executeUpdate();
                    counts[switch (r.kind()) {
                        case LARGE_TRADE_PNL -> 0;
                        case DAILY_SUMMARY -> 1;
                        default -> 2;
                    }] += inserted;
                }
            }
            return new Generated(counts[0], counts[1], counts[2]);
        }
    }

    /** The runs a pass looks at: the one asked for, else every live run. */
    private static final String RUNS = "(CASE WHEN ?::text IS NULL THEN r.kind = 'live' "
            + "ELSE r.run_id = ? END)";

    private static List<Day> days(Connection c, String runId, LocalDate since)
            throws SQLException {
        String sql = "SELECT pd.run_id, pd.account, pd.day, s.portfolio_value, pd.daily_return,"
                + " s.daily_pnl, s.realized_pnl, s.drawdown, s.max_drawdown, pd.sharpe_30d,"
                + " s.tier, s.open_positions, s.open_breakers, t.trades, t.wins, t.losses,"
                + " t.pnl"
                + " FROM performance_daily pd"
                + " JOIN runs r ON r.run_id = pd.run_id"
                + " JOIN portfolio_snapshots s ON s.run_id = pd.run_id"
                + "  AND s.account = pd.account AND s.kind = 'close'"
                + "  AND (s.ts AT TIME ZONE 'America/New_York')::date = pd.day"
                + " CROSS JOIN LATERAL (SELECT count(*) AS trades,"
                + "  count(*) FILTER (WHERE p.realized_pnl > 0) AS wins,"
                + "  count(*) FILTER (WHERE p.realized_pnl < 0) AS losses,"
                + "  coalesce(sum(p.realized_pnl), 0) AS pnl"
                + "  FROM positions p WHERE p.run_id = pd.run_id AND p.account = pd.account"
                + "  AND p.status = 'closed'"
                + "  AND (p.ts AT TIME ZONE 'America/New_York')::date = pd.day) t"
                + " WHERE pd.day >= ? AND " + RUNS
                + " ORDER BY pd.run_id, pd.account, pd.day, s.ts";
        List<Day> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, since);
            ps.setString(2, runId);
            ps.setString(3, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Day(rs.getString(1), rs.getString(2),
                            rs.getObject(3, LocalDate.class), rs.getDouble(4),
                            (Double) rs.getObject(5), rs.getDouble(6), rs.getBigDecimal(7),
                            rs.getDouble(8), rs.getDouble(9), (Double) rs.getObject(10),
                            rs.getString(11), rs.getInt(12), rs.getInt(13), rs.getInt(14),
                            rs.getInt(15), rs.getInt(16), rs.getBigDecimal(17)));
                }
            }
        }
        return out;
    }

    private static List<ClosedTrade> trades(Connection c, String runId, NotifySection s,
            LocalDate since) throws SQLException {
        String sql = "SELECT p.run_id, p.id, p.account, p.ticker, p.side, p.quantity,"
                + " p.entry_price, p.exit_price, p.realized_pnl, p.ts"
                + " FROM positions p JOIN runs r ON r.run_id = p.run_id"
                + " WHERE p.status = 'closed' AND abs(p.realized_pnl) >= ?"
                + " AND (p.ts AT TIME ZONE 'America/New_York')::date >= ? AND " + RUNS
                + " ORDER BY p.ts, p.run_id, p.id";
        List<ClosedTrade> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBigDecimal(1, s.largeTradePnl());
            ps.setObject(2, since);
            ps.setString(3, runId);
            ps.setString(4, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClosedTrade(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getDouble(7),
                            (Double) rs.getObject(8), rs.getBigDecimal(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return out;
    }
}
