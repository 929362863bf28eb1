package io.tradeflow.job;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.BreakerEvent;
import io.tradeflow.event.Decision;
import io.tradeflow.event.DeadLetter;
import io.tradeflow.io.out.OutputKind;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts the job's outputs as metrics, downstream of the engine (group {@code tradeflow}, labels
 * as key/value groups, which the Prometheus reporter turns into labels): decisions by outcome and
 * reason, orders by status, fills, dead letters by reason, open circuit breakers per account and
 * the event-time lag per account (wall clock minus the event time of its latest output).
 *
 * <p>Cardinality stays bounded: accounts come from the configuration, reasons are rule ids and
 * dead-letter codes, statuses a fixed set. The gauges are rebuilt from the outputs after a
 * restart (breakers tripped before it count again when they resolve or trip anew).
 */
final class JobMetrics extends ProcessFunction<AccountOutput, Void> {
    private static final long serialVersionUID = 1L;

    private transient MetricGroup group;
    private transient Map<String, Counter> counters;
    private transient Map<String, Set<String>> openBreakers;
    private transient Map<String, Long> latestEventTime;

    /** Adds the metrics operator to the live job's outputs. */
    static void attach(Topology.Results r) {
        DataStream<AccountOutput> deadLetters = r.<DeadLetter>get(OutputKind.DEAD_LETTER)
                .map(AccountOutput::of).returns(TypeInformation.of(AccountOutput.class))
                .name("dead-letter-outputs").uid("dead-letter-outputs");
        r.engine().union(deadLetters).process(new JobMetrics()).name("metrics").uid("metrics")
                .returns(Void.class)
                .sinkTo(new DiscardingSink<>()).name("metrics-end").uid("metrics-end");
    }

    @Override
    public void open(OpenContext ctx) {
        group = getRuntimeContext().getMetricGroup().addGroup("tradeflow");
        counters = new HashMap<>();
        openBreakers = new HashMap<>();
        latestEventTime = new HashMap<>();
    }

    @Override
    public void processElement(AccountOutput o, Context ctx, Collector<Void> out) {
        switch (o.kind()) {
            case AccountOutput.DECISION -> {
                Decision d = o.decision();
                count("decisions", "outcome", d.decision(), "reason", d.reason());
                lag(d.account(), d.ts());
            }
            case AccountOutput.ORDER -> {
                count("orders", "status", o.order().status(), null, null);
                lag(o.order().account(), o.order().ts());
            }
            case AccountOutput.FILL -> count("fills", null, null, null, null);
            case AccountOutput.DEAD_LETTER ->
                    count("dead_letters", "reason", o.deadLetter().reason(), null, null);
            case AccountOutput.BREAKER -> breaker(o.breaker());
            default -> { }
        }
    }

    private void count(String name, String k1, String v1, String k2, String v2) {
        String key = name + '\0' + v1 + '\0' + v2;
        Counter c = counters.get(key);
        if (c == null) {
            MetricGroup g = group;
            if (k1 != null) {
                g = g.addGroup(k1, String.valueOf(v1));
            }
            if (k2 != null) {
                g = g.addGroup(k2, String.valueOf(v2));
            }
            c = g.counter(name);
            counters.put(key, c);
        }
        c.inc();
    }

    private void breaker(BreakerEvent b) {
        Set<String> open = openBreakers.get(b.account());
        if (open == null) {
            Set<String> created = new HashSet<>();
            openBreakers.put(b.account(), created);
            group.addGroup("account", b.account())
                    .gauge("open_breakers", (Gauge<Integer>) created::size);
            open = created;
        }
        if (BreakerEvent.TRIPPED.equals(b.status())) {
            open.add(b.id());
        } else {
            open.remove(b.id());
        }
    }

    private void lag(String account, long eventTime) {
        if (!latestEventTime.containsKey(account)) {
            // a metric of how far event time trails the wall clock: read by monitoring only
            group.addGroup("account", account).gauge("event_time_lag_ms", (Gauge<Long>) () -> {
                long now = System.currentTimeMillis(); // wall clock: the lag metric, no decision
                return now - latestEventTime.getOrDefault(account, now);
            });
        }
        latestEventTime.merge(account, eventTime, Math::max);
    }
}
