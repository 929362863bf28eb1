package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.ordering.Deadline;
import io.tradeflow.ordering.EventTimeOrderedFunction;
import io.tradeflow.rules.EngineSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.OutputTag;

import java.util.Comparator;

/**
 * Runs the accounts in Flink: keyed by account, it loads and saves each account's state (Flink
 * keyed state behind {@link FlinkAccountStore}) and hands every input and deadline, in event-time
 * order ({@link EventTimeOrderedFunction}), to the Flink-free {@link Account}, which decides.
 * BATCH and STREAMING drive it differently to the same order, so they decide identically.
 */
public final class AccountEngine
        extends EventTimeOrderedFunction<String, AccountInput, AccountOutput> {
    public static final String ENTRY_CANCELLED = TrancheScheduler.ENTRY_CANCELLED;
    /** Broker fills not applied (R-FILL-1): the topology turns them into dead letters. */
    public static final OutputTag<RejectedFill> REJECTED_FILLS =
            new OutputTag<>("rejected-fills", TypeInformation.of(RejectedFill.class));

    private final EngineSettings settings;
    private transient Account account;
    private transient Histogram decisionLatency;

    public AccountEngine(EngineSettings settings, boolean batch) {
        super("engine", batch, TypeInformation.of(AccountInput.class));
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        account = new Account(settings, new FlinkAccountStore(getRuntimeContext()),
                new Effects());
        // event time to decision, in processing time: the price of waiting for the watermark
        decisionLatency = getRuntimeContext().getMetricGroup().histogram("decisionLatencyMs",
                new DescriptiveStatisticsHistogram(1024));
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

    @Override
    protected Comparator<AccountInput> eventOrder() {
        return Account.TIE_ORDER;
    }

    /** A fill is a fact (R-FILL-1): applied even behind the watermark, never dropped as late. */
    @Override
    protected boolean handlesLate(AccountInput in) {
        return AccountInput.FILL.equals(in.kind());
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
