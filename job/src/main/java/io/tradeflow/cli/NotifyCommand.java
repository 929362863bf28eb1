package io.tradeflow.cli;

import io.tradeflow.io.Secrets;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.io.notify.Notifier;
import io.tradeflow.io.notify.WebhookChannel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Delivers the job's pending notifications (R-NOTE-1) from PostgreSQL, outside the job: once, or
 * every interval until stopped. Channels come from the environment.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Deliver pending notifications (R-NOTE-1) from the notifications table: "
                + "webhook (TRADEFLOW_NOTIFY_WEBHOOK_URL, 10 an hour), 3 retries with "
                + "exponential backoff; rows become sent, failed or rate_limited.")
final class NotifyCommand implements Callable<Integer> {
    static final String WEBHOOK_URL = "TRADEFLOW_NOTIFY_WEBHOOK_URL";

    @Mixin
    Options.Jdbc jdbc = new Options.Jdbc();

    @Option(names = "--run-id", description = "Only this run's notifications (default: all).")
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
        JdbcSettings db = jdbc.settings(null);
        if (db == null) {
            throw new IllegalArgumentException("--jdbc-url: the notifications table's database "
                    + "is required");
        }
        List<Notifier.Channel> channels = new ArrayList<>();
        String webhook = Secrets.read(WEBHOOK_URL);
        if (webhook != null) {
            channels.add(new WebhookChannel(URI.create(webhook)));
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no notification channel: set " + WEBHOOK_URL);
        }
        Migrations.migrate(db);
        Notifier notifier = new Notifier(db, channels, backoff, d -> Thread.sleep(d.toMillis()));
        while (true) {
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
