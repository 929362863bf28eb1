package io.tradeflow.io.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** Maps the {@code notify} section onto {@link NotifySection}, collecting every problem. */
final class NotifyBinder extends ConfigReader {
    static final Set<String> NOTIFY_KEYS =
            keys("email", "large-trade-pnl", "daily-summary-at", "catch-up");
    static final Set<String> EMAIL_KEYS = keys("host", "port", "user", "from", "to", "tls");
    static final List<String> TLS_MODES =
            List.of(NotifySection.STARTTLS, NotifySection.SSL, NotifySection.NONE);

    NotifyBinder(List<String> errors) {
        super(errors);
    }

    NotifySection notify(ObjectNode o) {
        NotifySection d = NotifySection.DEFAULT;
        if (o == null) {
            return d;
        }
        checkKeys(o, "notify", NOTIFY_KEYS);
        NotifySection.Email email = email(section(o, "email", "notify"));
        BigDecimal threshold = null;
        if (o.get("large-trade-pnl") != null) {
            threshold = decimal(o.get("large-trade-pnl"), "notify.large-trade-pnl", true);
            if (threshold != null && threshold.signum() <= 0) {
                error("notify.large-trade-pnl", "must be above 0, got " + threshold);
                threshold = null;
            }
        }
        LocalTime at = o.get("daily-summary-at") == null ? d.dailySummaryAt()
                : time(o.get("daily-summary-at"), "notify.daily-summary-at");
        Duration catchUp = or(positiveDuration(o.get("catch-up"), "notify.catch-up"),
                d.catchUp());
        return new NotifySection(email, threshold, or(at, d.dailySummaryAt()), catchUp);
    }

    private NotifySection.Email email(ObjectNode o) {
        if (o == null) {
            return null;
        }
        if (o.has("password")) {
            error("notify.email.password", "the password is never read from the configuration"
                    + " file; set the environment variable TRADEFLOW_SMTP_PASSWORD (or"
                    + " TRADEFLOW_SMTP_PASSWORD_FILE) instead");
            o = o.deepCopy();
            o.remove("password");
        }
        checkKeys(o, "notify.email", EMAIL_KEYS);
        String host = requiredText(o.get("host"), "notify.email.host");
        String tls = or(optionalText(o.get("tls"), "notify.email.tls"), NotifySection.STARTTLS);
        if (!TLS_MODES.contains(tls)) {
            error("notify.email.tls", unknown("tls mode", tls, TLS_MODES));
        }
        Integer port = integer(o.get("port"), "notify.email.port");
        if (port == null) {
            port = NotifySection.SSL.equals(tls) ? 465 : 587;
        } else if (port < 1 || port > 65_535) {
            error("notify.email.port", "expected 1 to 65535, got " + port);
        }
        String user = nonBlank(o.get("user"), "notify.email.user");
        String from = requiredText(o.get("from"), "notify.email.from");
        List<String> to = textList(o.get("to"), "notify.email.to", true);
        if (to != null && to.isEmpty()) {
            error("notify.email.to", "at least one address is required");
        }
        return new NotifySection.Email(host, port, user, from, to == null ? List.of() : to, tls);
    }
}
