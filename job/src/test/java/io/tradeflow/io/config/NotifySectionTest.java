package io.tradeflow.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/** The notify section: the email channel, the large-trade threshold, never a password. */
class NotifySectionTest {
    static final String NOTIFY = ConfigValidationTest.ACCOUNT + """
            notify:
              email:
                host: smtp.example.com
                user: alerts@example.com
                from: "Tradeflow <alerts@example.com>"
                to: [risk@example.com, desk@example.com]
              large-trade-pnl: 1500
            """;

    @Test
    void readsTheEmailChannelAndTheThreshold() {
        TradeflowConfig c = ConfigLoader.parse(NOTIFY, List.of());
        NotifySection n = c.notifications();
        assertThat(n.email()).isEqualTo(new NotifySection.Email("smtp.example.com", 587,
                "alerts@example.com", "Tradeflow <alerts@example.com>",
                List.of("risk@example.com", "desk@example.com"), NotifySection.STARTTLS));
        assertThat(n.largeTradePnl()).isEqualByComparingTo("1500");
        assertThat(n.dailySummaryAt()).isEqualTo(LocalTime.of(16, 30));
        assertThat(n.catchUp()).isEqualTo(Duration.ofDays(7));
        // the recorded configuration loads back to the same
        assertThat(ConfigLoader.parse(ConfigLoader.toJson(c), List.of()).notifications())
                .isEqualTo(n);
        assertThat(ConfigLoader.parse(ConfigValidationTest.ACCOUNT, List.of()).notifications())
                .isEqualTo(NotifySection.DEFAULT);
    }

    @Test
    void setOverridesTheThresholdAndTheTlsModeDecidesTheDefaultPort() {
        NotifySection n = ConfigLoader.parse(NOTIFY, List.of("notify.large-trade-pnl=250",
                "notify.email.tls=ssl")).notifications();
        assertThat(n.largeTradePnl()).isEqualTo(new BigDecimal("250"));
        assertThat(n.email().port()).isEqualTo(465);
    }

    @Test
    void rejectsAPasswordAndReportsEveryProblem() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(
                ConfigValidationTest.ACCOUNT + """
                notify:
                  email: { host: h, password: hunter2, to: [], tls: plain, port: 0 }
                  large-trade-pnl: -5
                  daily-summary-at: "25:00"
                """, List.of()));
        assertThat(e.errors()).containsExactlyInAnyOrder(
                "notify.email.password: the password is never read from the configuration file;"
                        + " set the environment variable TRADEFLOW_SMTP_PASSWORD (or"
                        + " TRADEFLOW_SMTP_PASSWORD_FILE) instead",
                "notify.email.tls: unknown tls mode 'plain' (expected starttls, ssl or none)",
                "notify.email.port: expected 1 to 65535, got 0",
                "notify.email.from: is required",
                "notify.email.to: at least one address is required",
                "notify.large-trade-pnl: must be above 0, got -5",
                "notify.daily-summary-at: expected a time HH:mm (America/New_York), got '25:00'");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }
}
