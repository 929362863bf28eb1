package io.tradeflow.io.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts a notification as JSON ({@code run_id, id, account, kind, message, ts}) to a webhook (a
 * chat or an SMS gateway): R-NOTE-1's SMS/webhook channel, at most {@link #PER_HOUR} an hour. Any
 * answer but 2xx is a failure. The URL usually holds a token: it comes from the environment and
 * never appears in errors or logs.
 */
public final class WebhookChannel implements Notifier.Channel {
    public static final int PER_HOUR = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    public WebhookChannel(URI url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public int perHour() {
        return PER_HOUR;
    }

    @Override
    public void send(Notifier.Pending n) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("run_id", n.runId());
        body.put("id", n.id());
        body.put("account", n.account());
        body.put("kind", n.kind());
        body.put("message", n.message());
        body.put("ts", n.ts().toString());
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("webhook answered HTTP " + r.statusCode());
        }
    }
}
