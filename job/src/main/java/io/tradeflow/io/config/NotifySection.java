package io.tradeflow.io.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Holds what {@code tradeflow notify} needs beyond the database (R-NOTE-1): the SMTP server and
 * addresses of the email channel, the large-trade P&L threshold, the time of the daily summary
 * and how far back a pass generates the summaries it missed. The SMTP password is never part of
 * it: it comes from {@code TRADEFLOW_SMTP_PASSWORD} (or {@code _FILE}).
 *
 * @param email the email channel, {@code null} when the file configures none
 * @param largeTradePnl the absolute realized P&L of a closed trade from which it is notified,
 *     {@code null} for no large-trade alerts
 * @param dailySummaryAt when the daily summary is due, America/New_York (R-NOTE-1: 16:30); the
 *     weekly digest is due at the same time on the week's Friday
 * @param catchUp how far back from now a pass still generates summaries and digests it missed
 */
public record NotifySection(Email email, BigDecimal largeTradePnl, LocalTime dailySummaryAt,
        Duration catchUp) implements Serializable {

    public static final LocalTime DEFAULT_DAILY_SUMMARY_AT = LocalTime.of(16, 30);
    public static final Duration DEFAULT_CATCH_UP = Duration.ofDays(7);
    public static final NotifySection DEFAULT =
            new NotifySection(null, null, DEFAULT_DAILY_SUMMARY_AT, DEFAULT_CATCH_UP);

    public static final String STARTTLS = "starttls";
    public static final String SSL = "ssl";
    public static final String NONE = "none";

    /**
     * The SMTP server and addresses of the email channel.
     *
     * @param user the SMTP login, {@code null} for a server that takes mail without one
     * @param tls {@link #STARTTLS} (default, port 587), {@link #SSL} (port 465) or {@link #NONE}
     */
    public record Email(String host, int port, String user, String from, List<String> to,
            String tls) implements Serializable {}
}
