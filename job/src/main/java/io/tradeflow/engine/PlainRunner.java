package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.ordering.Deadline;
import io.tradeflow.ordering.EventTimeOrderedFunction;
import io.tradeflow.rules.EngineSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs the accounts without Flink: a plain loop over each account's inputs in event-time order
 * and its deadline queue, over {@link HeapAccountStore}s, through the same {@link Account} the
 * Flink operator drives — so it makes the same decisions, orders and fills. It is the fast
 * harness of the account logic and the baseline the Flink job's throughput is measured against.
 *
 * <p>The order is {@link EventTimeOrderedFunction}'s: by time; at equal times deadlines first (by
 * kind, then ref), then inputs in {@link Account#TIE_ORDER}; a deadline scheduled for the
 * current time runs before the inputs still waiting at that time.
 */
public final class PlainRunner {
    private final EngineSettings settings;

    public PlainRunner(EngineSettings settings) {
        this.settings = settings;
    }

    /** Holds one output with the event time that produced it (its Flink record timestamp). */
    public record Timed(long ts, AccountOutput output) {}

    /** Holds a run's outputs per account, in production order, and its rejected fills. */
    public record Result(Map<String, List<Timed>> outputs, List<RejectedFill> rejectedFills) {
        /** Returns every output, accounts in id order. */
        public List<AccountOutput> all() {
            List<AccountOutput> list = new ArrayList<>();
            outputs.values().forEach(os -> os.forEach(o -> list.add(o.output())));
            return list;
        }
    }

    /** Runs every account's inputs (in any order: they are sorted here) to the end. */
    public Result run(List<AccountInput> inputs) throws Exception {
        Map<String, List<AccountInput>> byAccount = new TreeMap<>();
        for (AccountInput in : inputs) {
            byAccount.computeIfAbsent(in.account(), a -> new ArrayList<>()).add(in);
        }
        Map<String, List<Timed>> outputs = new TreeMap<>();
        List<RejectedFill> rejected = new ArrayList<>();
        for (Map.Entry<String, List<AccountInput>> e : byAccount.entrySet()) {
            List<Timed> out = new ArrayList<>();
            runAccount(e.getKey(), e.getValue(), out::add, rejected::add);
            outputs.put(e.getKey(), out);
        }
        return new Result(outputs, rejected);
    }

    /** Runs one account's inputs to the end, handing each output to {@code out} as it comes. */
    public void runAccount(String accountId, List<AccountInput> inputs, Consumer<Timed> out,
            Consumer<RejectedFill> rejectedFills) throws Exception {
        List<AccountInput> sorted = new ArrayList<>(inputs.size());
        inputs.forEach(in -> sorted.addAll(in.parts())); // a run of ticks, tick by tick
        sorted.sort(Comparator.comparingLong(AccountInput::ts).thenComparing(Account.TIE_ORDER));
        Clock clock = new Clock(accountId, out, rejectedFills);
        try (Account account = new Account(settings, new HeapAccountStore(), clock)) {
            int next = 0;
            while (true) {
                Deadline d = clock.deadlines.peek();
                long eventTs = next < sorted.size() ? sorted.get(next).ts() : Long.MAX_VALUE;
                if (d != null && d.at() <= eventTs) {
                    clock.deadlines.poll();
                    clock.now = d.at();
                    account.onDeadline(d);
                } else if (next < sorted.size()) {
                    clock.now = eventTs;
                    account.onEvent(sorted.get(next++));
                } else {
                    return;
                }
            }
        }
    }

    /** The account's clock, deadline queue and outputs. */
    private static final class Clock implements EngineContext {
        private final String account;
        private final Consumer<Timed> out;
        private final Consumer<RejectedFill> rejectedFills;
        private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(Deadline.ORDER);
        private long now = Long.MIN_VALUE;

        Clock(String account, Consumer<Timed> out, Consumer<RejectedFill> rejectedFills) {
            this.account = account;
            this.out = out;
            this.rejectedFills = rejectedFills;
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public String account() {
            return account;
        }

        @Override
        public void emit(AccountOutput output) {
            out.accept(new Timed(now, output));
        }

        @Override
        public void schedule(long at, String kind, String ref) {
            if (at < now) {
                throw new IllegalArgumentException(kind + " " + ref + " at " + at
                        + " is before " + now);
            }
            deadlines.add(new Deadline(at, kind, ref));
        }

        @Override
        public void rejectFill(RejectedFill rejected) {
            rejectedFills.accept(rejected);
        }
    }
}
