package io.tradeflow.cli;

import io.tradeflow.io.Secrets;
import io.tradeflow.io.config.NotifySection;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.io.notify.EmailChannel;
import io.tradeflow.io.notify.Notifier;
import io.tradeflow.io.notify.ScheduledNotifications;
import io.tradeflow.io.notify.WebhookChannel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Delivers the job's pending notifications (R-NOTE-1) from PostgreSQL, outside the job: once, or
 * every interval until stopped. Each pass first adds the notifications that fell due (large-trade
 * P&L alerts, daily summaries, weekly digests), then delivers. The email channel's server and
 * addresses come from the configuration file, every secret from the environment.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Deliver pending notifications (R-NOTE-1) from the notifications table, "
                + "after adding the large-trade P&L alerts, 16:30 daily summaries and weekly "
                + "digests that fell due: email (notify.email of --config, password from "
                + "TRADEFLOW_SMTP_PASSWORD, 20 an hour) and webhook "
                + "(TRADEFLOW_NOTIFY_WEBHOOK_URL, 10 an hour), 3 retries with exponential "
                + "backoff; rows become sent, failed or rate_limited.")
final class NotifyCommand implements Callable<Integer> {
    static final String WEBHOOK_URL = "TRADEFLOW_NOTIFY_WEBHOOK_URL";

    @Mixin
    Options.Jdbc jdbc = new Options.Jdbc();

    /** Its notify section (email server and addresses, large-trade-pnl) and jdbc; optional. */
    @Mixin
    Options.Config config = new Options.Config();

    @Option(names = "--run-id", description = "Only this run's notifications (default: "
            + "delivers every run's, and adds the scheduled ones of live runs).")
    String runId;

    @Option(names = "--once", description = "Deliver what is pending, then exit.")
    boolean once;

    @Option(names = "--interval", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "Pause between passes when not --once. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--backoff", defaultValue = "PT2S", paramLabel = "DURATION",
            description = "Wait before the first retry, doubled for each next. Default: "
                    + "${DEFAULT-VALUE}.")
    Duration backoff;

    @Override
    public Integer call() throws Exception {
        TradeflowConfig cfg = config.file == null ? null : config.load();
        NotifySection section = cfg == null ? NotifySection.DEFAULT : cfg.notifications();
        JdbcSettings db = jdbc.settings(cfg);
        if (db == null) {
            throw new IllegalArgumentException("--jdbc-url: the notifications table's database "
                    + "is required");
        }
        List<Notifier.Channel> channels = new ArrayList<>();
        String webhook = Secrets.read(WEBHOOK_URL);
        if (webhook != null) {
            channels.add(new WebhookChannel(URI.create(webhook)));
        }
        if (section.email() != null) {
            channels.add(new EmailChannel(section.email(), Secrets.read(EmailChannel.PASSWORD)));
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no notification channel: set " + WEBHOOK_URL
                    + " or notify.email in --config");
        }
        Migrations.migrate(db);
        Notifier notifier = new Notifier(db, channels, backoff, d -> Thread.sleep(d.toMillis()));
        while (true) {
            ScheduledNotifications.Generated g =
                    ScheduledNotifications.generate(db, runId, section, Instant.now());
            if (g.largeTrades() + g.dailySummaries() + g.weeklyDigests() > 0) {
                System.err.printf("notify: added %d large-trade alerts, %d daily summaries, %d "
                        + "weekly digests%n", g.largeTrades(), g.dailySummaries(),
                        g.weeklyDigests());
            }
            Notifier.Pass p = notifier.deliverPending(runId);
            System.err.printf("notify: %d sent, %d failed, %d rate limited%n", p.sent(),
                    p.failed(), p.rateLimited());
            if (once) {
                return 0;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
