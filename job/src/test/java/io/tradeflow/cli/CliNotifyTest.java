package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.testing.EmbeddedPostgresExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** {@code tradeflow notify --config}: the file's email channel delivers the pending rows. */
@ExtendWith(EmbeddedPostgresExtension.class)
class CliNotifyTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP
            .dynamicPort()).withConfiguration(GreenMailConfiguration.aConfig()
            .withDisabledAuthentication());

    @Test
    void deliversThroughTheConfiguredEmailChannel() throws Exception {
        JdbcSettings db = EmbeddedPostgresExtension.freshDatabase("cli_notify");
        Migrations.migrate(db);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO notifications (run_id, id, account, kind, message, ts)"
                    + " VALUES ('live', 'n-1', 'A1', 'breaker_tripped', 'daily loss breaker"
                    + " tripped', '2025-06-10T14:00:00Z')");
        }
        Path config = Files.createDirectories(Path.of("target", "cli-notify"))
                .resolve("notify.yaml");
        Files.writeString(config, """
                accounts:
                  - { id: A1, profile: intraday, mode: live, cash: 1000, universe: [SPY] }
                jdbc: { url: "%s", user: %s }
                notify:
                  email: { host: 127.0.0.1, port: %d, from: alerts@example.com,
                           to: [risk@example.com], tls: none }
                """.formatted(db.url(), db.user(), SMTP.getSmtp().getPort()));

        CliTest.Result r = CliTest.run("notify", "--once", "--config", config.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("notify: 1 sent, 0 failed, 0 rate limited");
        assertThat(SMTP.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo(
                        "Tradeflow A1: breaker tripped, 2025-06-10 10:00 EDT"));
    }
}
