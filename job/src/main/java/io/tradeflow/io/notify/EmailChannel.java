package io.tradeflow.io.notify;

import io.tradeflow.io.config.NotifySection;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * Sends a notification as a plain-text email over SMTP (Jakarta Mail, Eclipse Angus): R-NOTE-1's
 * email channel, at most {@link #PER_HOUR} an hour. The server, login and addresses come from the
 * configuration file's {@code notify.email}; the password only from {@link #PASSWORD} (or {@code
 * _FILE}), and it never appears in errors or logs. Daily summaries and weekly digests prefer this
 * channel: they are long.
 */
public final class EmailChannel implements Notifier.Channel {
    public static final int PER_HOUR = 20;
    public static final String PASSWORD = "TRADEFLOW_SMTP_PASSWORD";

    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm z").withZone(ZoneId.of("America/New_York"));
    private static final String TIMEOUT_MS = "20000";

    private final NotifySection.Email settings;
    private final String password;
    private final Session session;

    /**
     * @param password the SMTP password, {@code null} when {@code settings.user()} is null or
     *     the server takes the user without one
     */
    public EmailChannel(NotifySection.Email settings, String password) {
        if (settings.user() != null && password == null) {
            throw new IllegalArgumentException("notify.email.user is set: the SMTP password comes"
                    + " from " + PASSWORD + " (or " + PASSWORD + "_FILE)");
        }
        this.settings = settings;
        this.password = password;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.auth", Boolean.toString(settings.user() != null));
        switch (settings.tls()) {
            case NotifySection.STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case NotifySection.SSL -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> { }
        }
        // a session of its own: never the JVM-wide default one, which the first caller configures
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public int perHour() {
        return PER_HOUR;
    }

    @Override
    public boolean prefers(String kind) {
        return ScheduledNotifications.DAILY_SUMMARY.equals(kind)
                || ScheduledNotifications.WEEKLY_DIGEST.equals(kind);
    }

    @Override
    public void send(Notifier.Pending n) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from()));
        m.setRecipients(Message.RecipientType.TO,
                InternetAddress.parse(String.join(",", settings.to())));
        m.setSubject(subject(n), "UTF-8");
        m.setText(body(n), "UTF-8");
        // lets a mail filter, or a person, tell the rows apart
        m.setHeader("X-Tradeflow-Notification", n.runId() + "/" + n.id());
        if (settings.user() == null) {
            Transport.send(m);
        } else {
            Transport.send(m, settings.user(), password);
        }
    }

    /** Returns the subject: {@code Tradeflow A1: daily summary, 2025-06-10 16:30 EDT}. */
    static String subject(Notifier.Pending n) {
        return "Tradeflow " + n.account() + ": " + n.kind().replace('_', ' ') + ", "
                + TIME.format(n.ts());
    }

    static String body(Notifier.Pending n) {
        return (n.message() == null ? "" : n.message()) + "\n\n-- \nrun " + n.runId()
                + ", notification " + n.id() + ", " + TIME.format(n.ts()) + "\n";
    }
}
