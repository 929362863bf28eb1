package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.ordering.Deadline;
import io.tradeflow.ordering.EventTimeOrderedFunction;
import io.tradeflow.rules.EngineSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the accounts in Flink: keyed by account, it loads and saves each account's state (Flink
 * keyed state behind {@link FlinkAccountStore}) and hands every input and deadline, in event-time
 * order ({@link EventTimeOrderedFunction}), to the Flink-free {@link Account}, which decides.
 * BATCH and STREAMING drive it differently to the same order, so they decide identically.
 */
public final class AccountEngine
        extends EventTimeOrderedFunction<String, AccountInput, AccountInput, AccountOutput> {
    public static final String ENTRY_CANCELLED = TrancheScheduler.ENTRY_CANCELLED;
    /** Broker fills not applied (R-FILL-1): the topology turns them into dead letters. */
    public static final OutputTag<RejectedFill> REJECTED_FILLS =
            new OutputTag<>("rejected-fills", TypeInformation.of(RejectedFill.class));

    private static final String WATCHDOG_AT = "watchdog-at";

    private final EngineSettings settings;
    /** The live watchdog's limit ({@code input.stall-alert-after}), or null: no watchdog. */
    private final Duration stallAlertAfter;
    private transient Account account;
    private transient Histogram decisionLatency;
    /** When the key's next watchdog check is due, in processing time; null when none is. */
    private transient ValueState<Long> watchdogAt;

    public AccountEngine(EngineSettings settings, boolean batch) {
        this(settings, batch, null);
    }

    /**
     * @param stallAlertAfter turns the live watchdog on ({@link Account#onWallClock}): live
     *     jobs only, never backtests, the demo or the parity tests
     */
    public AccountEngine(EngineSettings settings, boolean batch, Duration stallAlertAfter) {
        super("engine", batch, TypeInformation.of(AccountInput.class));
        if (batch && stallAlertAfter != null) {
            throw new IllegalArgumentException("the watchdog runs on the wall clock: live only");
        }
        this.settings = settings;
        this.stallAlertAfter = stallAlertAfter;
    }

    /** How often each account's watchdog looks at the clocks. */
    static long watchdogInterval(Duration stallAlertAfter) {
        return Math.max(1_000, Math.min(30_000, stallAlertAfter.toMillis() / 4));
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        account = new Account(settings, new FlinkAccountStore(getRuntimeContext(), states()),
                new Effects());
        // event time to decision, in processing time: the price of waiting for the watermark
        decisionLatency = getRuntimeContext().getMetricGroup().histogram("decisionLatencyMs",
                new DescriptiveStatisticsHistogram(1024));
        watchdogAt = states().value(new ValueStateDescriptor<>(WATCHDOG_AT, Types.LONG));
    }

    @Override
    public void processElement(AccountInput in, Context ctx, Collector<AccountOutput> out)
            throws Exception {
        super.processElement(in, ctx, out);
        if (stallAlertAfter != null && watchdogAt.value() == null) {
            armWatchdog(ctx.timerService().currentProcessingTime());
        }
    }

    @Override
    protected void onProcessingTime(long wallTime, boolean hasWatermark) throws Exception {
        if (stallAlertAfter == null) {
            return;
        }
        if (hasWatermark) {
            account.onWallClock(wallTime, stallAlertAfter);
        }
        armWatchdog(wallTime);
    }

    @Override
    protected List<String> timerStates() {
        List<String> states = new ArrayList<>(super.timerStates());
        states.add(WATCHDOG_AT);
        return states;
    }

    @Override
    protected void rearmOwnTimers(TimerService service) throws Exception {
        Long at = watchdogAt.value();
        if (at != null) {
            service.registerProcessingTimeTimer(at);
        }
    }

    private void armWatchdog(long wall) throws Exception {
        long at = wall + watchdogInterval(stallAlertAfter);
        scheduleProcessingTime(at);
        watchdogAt.update(at);
    }

    @Override
    public void close() throws Exception {
        if (account != null) {
            account.close();
        }
        super.close();
    }

    @Override
    protected long timeOf(AccountInput in) {
        return in.ts();
    }

    /** A run of ticks (BATCH) is handled tick by tick, each at its own time. */
    @Override
    protected List<AccountInput> parts(AccountInput in) {
        return in.parts();
    }

    @Override
    protected Comparator<AccountInput> eventOrder() {
        return Account.TIE_ORDER;
    }

    /** An account's ticks of two tickers are in the order of their tickers alone (TIE_ORDER). */
    @Override
    protected Object tieGroup(AccountInput in) {
        return in.tick() != null ? in.tick().ticker() : null;
    }

    /**
     * A fill is a fact (R-FILL-1), a calendar entry an announcement that never moves event time
     * ({@code Topology.announcements}): both are applied even behind the watermark, never
     * dropped as late.
     */
    @Override
    protected boolean handlesLate(AccountInput in) {
        return AccountInput.FILL.equals(in.kind()) || AccountInput.CALENDAR.equals(in.kind());
    }

    @Override
    protected void onEvent(AccountInput in) throws Exception {
        account.onEvent(in);
    }

    @Override
    protected void onDeadline(Deadline d) throws Exception {
        account.onDeadline(d);
    }

    /** The operator's side of the account's effects: its key, clock, collector and timers. */
    private final class Effects implements EngineContext {
        @Override
        public long now() {
            return AccountEngine.this.now();
        }

        @Override
        public String account() {
            return currentKey();
        }

        @Override
        public void emit(AccountOutput out) {
            AccountEngine.this.emit(out);
        }

        @Override
        public void schedule(long at, String kind, String ref) {
            try {
                AccountEngine.this.schedule(at, kind, ref);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot schedule " + kind + " at " + at, e);
            }
        }

        @Override
        public void rejectFill(RejectedFill rejected) {
            sideOutput(REJECTED_FILLS, rejected);
        }

        @Override
        public void decided() {
            if (!isBatch()) {
                decisionLatency.update(Math.max(0, processingTime() - now()));
            }
        }
    }
}
