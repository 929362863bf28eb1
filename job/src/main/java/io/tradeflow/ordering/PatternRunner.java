package io.tradeflow.ordering;

import org.apache.flink.api.common.functions.RichFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.cep.configuration.SharedBufferCacheConfig;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;
import org.apache.flink.configuration.Configuration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs one flink-cep {@link Pattern} inside a keyed function, over the function's own keyed
 * state, fed by the function in event-time order: the per-key logic of flink-cep's
 * {@code CepOperator} without its sorting buffer and without Flink timers.
 *
 * <p><b>Why.</b> The account engine must react to sequences of its own decisions (a position
 * arming its trailing stop, a cluster of stop-outs); a CEP operator downstream of it would need a
 * cycle. The engine already handles each account's events and deadlines in one total order
 * ({@link EventTimeOrderedFunction}), identical in STREAMING and BATCH, so the runner needs no
 * buffer: it checks that time never goes back and throws otherwise.
 *
 * <p><b>Timeouts.</b> A pattern with {@code within(window)} keeps partial matches until {@code
 * start + window}. The runner never registers Flink timers (BATCH drops timers registered while
 * timers fire); it asks its owner, through the {@link TimeoutScheduler} given at construction, to
 * call {@link #advanceTime} at a time, and keeps at most one such request outstanding per key
 * (the earliest pending expiry; when that one is handled it asks for the next). Handling one is
 * only clean-up and, for skip strategies that hold back completed matches, a release of those:
 * the runner also advances its clock before every event, so matches never depend on when or
 * whether the owner calls {@code advanceTime}. Patterns without a window never ask.
 *
 * <p><b>State.</b> Everything lives in the owner's keyed state under {@code prefix}: the NFA
 * state, the three shared-buffer maps, the runner's clock and its outstanding timeout. Give each
 * runner of one operator its own prefix; keep prefixes (and pattern names) stable, they are part
 * of the savepoint. The NFA state is cleared when only the start state is left.
 *
 * <p><b>Upgrade check.</b> {@code NFA}, {@code NFACompiler}, {@code SharedBuffer}, {@code
 * NFAState} carry no stability annotations (unchanged 1.17 → 2.2). Flink is pinned; {@code
 * PatternRunnerTest} (equal to the standalone CEP operator, RocksDB restore, prefixes) and {@code
 * PatternRunnerProperties} are the checks to run on any Flink upgrade.
 *
 * <p>Limits: one global window ({@code within(…)} per stage, {@link
 * WithinType#PREVIOUS_AND_CURRENT}, is rejected); timed-out partial matches are not reported;
 * conditions see the event time as "processing time", never the wall clock.
 *
 * <p>Use: construct in the owner's {@code open()}, call {@link #process} and {@link #advanceTime}
 * only while the owner handles an element or timer of the current key, {@link #close} in the
 * owner's {@code close()}. In an {@link EventTimeOrderedFunction}:
 *
 * <pre>{@code
 * public void open(OpenContext c) throws Exception {
 *     super.open(c);
 *     stopOuts = new PatternRunner<>(getRuntimeContext(), "cep.stop-outs.",
 *             StopOutClusterPattern.of(count, window), TypeInformation.of(PositionSignal.class),
 *             m -> StopOutClusters.cluster(m, pause.toMillis()),
 *             at -> schedule(at, PatternRunner.DEADLINE_KIND, "cep.stop-outs."));
 * }
 * // onEvent, when a position is stopped out at now():
 * PositionSignal stop = PositionSignal.stopOut(id, ticker, isLong, exitPrice, now());
 * for (StopOutCluster c : stopOuts.process(stop, now())) {
 *     // R-CB-3: pause entries from c.lastTs() until c.pauseUntilTs()
 * }
 * // onDeadline:
 * if (d.kind().equals(PatternRunner.DEADLINE_KIND) && d.ref().equals(stopOuts.prefix())) {
 *     stopOuts.advanceTime(d.at()); // clean-up; handle any returned outputs like process()'s
 * }
 * public void close() throws Exception { stopOuts.close(); super.close(); }
 * }</pre>
 *
 * @param <IN> the events the pattern reads
 * @param <OUT> what the owner makes of a match
 */
public final class PatternRunner<IN, OUT> implements AutoCloseable {

    /** A suggested {@link Deadline#kind()} for the owner's runner timeouts (ref: the prefix). */
    public static final String DEADLINE_KIND = "cep-timeout";

    /** Turns one match (pattern name → its events, in order) into an output. */
    @FunctionalInterface
    public interface MatchFunction<IN, OUT> {
        OUT apply(Map<String, List<IN>> match) throws Exception;
    }

    /** Asks the owner to call {@link #advanceTime(long)} with {@code at} once time reaches it. */
    @FunctionalInterface
    public interface TimeoutScheduler {
        void schedule(long at) throws Exception;
    }

    private final String prefix;
    private final NFA<IN> nfa;
    private final AfterMatchSkipStrategy skip;
    private final MatchFunction<IN, OUT> toOutput;
    private final TimeoutScheduler scheduler;
    private final SharedBuffer<IN> buffer;
    private final ValueState<NFAState> nfaState;
    private final ValueState<Long> clock;
    private final ValueState<Long> timeout;

    /**
     * Compiles the pattern and binds the runner to the owner's keyed state; call from the owner's
     * {@code open()}.
     *
     * @param ctx the owner's runtime context (a keyed function's)
     * @param prefix prefix of every state name of this runner, unique within the operator,
     *     e.g. {@code "cep.stop-outs."}
     * @param pattern the pattern; its after-match skip strategy applies
     * @param eventType type of the events, for the shared buffer's serializer
     * @param toOutput turns a match into an output
     * @param scheduler how the owner schedules a call of {@link #advanceTime} (its deadline queue)
     * @throws IllegalArgumentException for an empty prefix or a per-stage window
     */
    public PatternRunner(RuntimeContext ctx, String prefix, Pattern<IN, ?> pattern,
            TypeInformation<IN> eventType, MatchFunction<IN, OUT> toOutput,
            TimeoutScheduler scheduler) throws Exception {
        this(checkedPrefix(prefix) == null ? null : PrefixedKeyedStateStore.of(ctx, prefix),
                pattern, ctx == null ? null : ctx.createSerializer(eventType), toOutput,
                scheduler);
    }

    /**
     * Compiles the pattern and binds the runner to a prefixed state store (the account store's
     * {@link AccountStore#patternStore}: Flink keyed state, or plain maps in the plain runner).
     *
     * @param serializer the events' serializer, for the shared buffer
     */
    public PatternRunner(PrefixedKeyedStateStore store, Pattern<IN, ?> pattern,
            TypeSerializer<IN> serializer, MatchFunction<IN, OUT> toOutput,
            TimeoutScheduler scheduler) throws Exception {
        for (Pattern<IN, ?> p = pattern; p != null; p = p.getPrevious()) {
            if (p.getWindowSize(WithinType.PREVIOUS_AND_CURRENT).isPresent()) {
                throw new IllegalArgumentException(
                        "per-stage windows are not supported: " + p.getName());
            }
        }
        this.prefix = store.name("");
        this.skip = pattern.getAfterMatchSkipStrategy();
        this.toOutput = toOutput;
        this.scheduler = scheduler;
        this.nfa = NFACompiler.compileFactory(pattern, false).createNFA();
        if (store.runtimeContext() != null) {
            this.nfa.open(store.runtimeContext(), new Configuration()); // rich conditions, if any
        } else if (hasRichUserCondition(pattern)) {
            throw new IllegalArgumentException("a rich condition needs a Flink runtime context");
        }
        this.nfaState = store.getState(new ValueStateDescriptor<>("nfa", new NFAStateSerializer()));
        this.clock = store.getState(new ValueStateDescriptor<>("clock", LongSerializer.INSTANCE));
        this.timeout = store.getState(new ValueStateDescriptor<>("timeout",
                LongSerializer.INSTANCE));
        this.buffer = new SharedBuffer<>(store, serializer, new SharedBufferCacheConfig());
    }

    private static boolean hasRichUserCondition(Pattern<?, ?> pattern) {
        for (Pattern<?, ?> p = pattern; p != null; p = p.getPrevious()) {
            if (p.getCondition() instanceof RichFunction
                    || p.getUntilCondition() instanceof RichFunction) {
                return true;
            }
        }
        return false;
    }

    private static String checkedPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("a pattern runner needs a state-name prefix");
        }
        return prefix;
    }

    /** Returns the state-name prefix, e.g. to recognise this runner's deadlines. */
    public String prefix() {
        return prefix;
    }

    /** Returns the pattern's window in milliseconds, 0 without one. */
    public long windowMillis() {
        return nfa.getWindowTime();
    }

    /**
     * Feeds one event of the current key and returns the outputs of the matches it completes
     * (and of held-back matches it releases), in match order.
     *
     * @param ts the event's time: at or after every time this key's runner has seen
     * @throws IllegalStateException when {@code ts} is before this key's last time
     */
    public List<OUT> process(IN event, long ts) throws Exception {
        Long last = clock.value();
        if (last != null && ts < last) {
            throw new IllegalStateException(prefix + ": event at " + ts
                    + " after time " + last + " (the runner needs event-time order)");
        }
        NFAState s = load();
        List<OUT> out = new ArrayList<>(1);
        advance(s, ts, out); // prunes partial matches that expired by ts, as CepOperator does
        try (SharedBufferAccessor<IN> acc = buffer.getAccessor()) { // close() writes the cache
            convert(nfa.process(acc, s, event, ts, skip, () -> ts), out);
        }
        finish(s, ts, last);
        return out;
    }

    /**
     * Advances the current key's clock to {@code ts} (from the owner's deadline): drops partial
     * matches whose window ended, returns the outputs of matches this releases. A time before
     * this key's last time changes nothing.
     */
    public List<OUT> advanceTime(long ts) throws Exception {
        Long last = clock.value();
        if (last != null && ts < last) {
            return List.of();
        }
        NFAState s = load();
        List<OUT> out = new ArrayList<>(0);
        advance(s, ts, out);
        finish(s, ts, last);
        return out;
    }

    /**
     * Returns the time at which the current key's runner has asked for {@link #advanceTime}, or
     * {@code null} when nothing is pending.
     */
    public Long nextTimeout() throws Exception {
        return timeout.value();
    }

    /** Closes the NFA's conditions and stops the shared buffer's statistics timer thread. */
    @Override
    public void close() throws Exception {
        try {
            nfa.close();
        } finally {
            buffer.releaseCacheStatisticsTimer();
        }
    }

    private void advance(NFAState s, long ts, List<OUT> out) throws Exception {
        try (SharedBufferAccessor<IN> acc = buffer.getAccessor()) {
            // f1, the timed-out partial matches, is empty: the NFA is compiled without timeouts
            convert(nfa.advanceTime(acc, s, ts, skip).f0, out);
        }
    }

    private void convert(Collection<Map<String, List<IN>>> matches, List<OUT> out)
            throws Exception {
        for (Map<String, List<IN>> m : matches) {
            out.add(toOutput.apply(m));
        }
    }

    private NFAState load() throws Exception {
        NFAState s = nfaState.value();
        return s != null ? s : nfa.createInitialNFAState();
    }

    /** Stores the NFA state and the clock; asks for the next timeout if none is outstanding. */
    private void finish(NFAState s, long ts, Long last) throws Exception {
        if (s.isStateChanged()) {
            s.resetStateChanged();
            s.resetNewStartPartialMatch();
            if (onlyStartState(s)) {
                nfaState.clear();
            } else {
                nfaState.update(s);
            }
        }
        if (last == null || ts > last) {
            clock.update(ts);
        }
        Long stored = timeout.value();
        Long pending = stored != null && stored <= ts
                ? null // reached: the owner is handling it now or already did
                : stored;
        Long next = earliestExpiry(s);
        if (next != null && (pending == null || next < pending)) {
            scheduler.schedule(next);
            pending = next;
        }
        if (pending == null) {
            if (stored != null) {
                timeout.clear();
            }
        } else if (!pending.equals(stored)) {
            timeout.update(pending);
        }
    }

    private static boolean onlyStartState(NFAState s) {
        return s.getCompletedMatches().isEmpty()
                && s.getPartialMatches().stream().allMatch(c -> c.getStartEventID() == null);
    }

    /** The earliest time at which a partial match (or a held-back match) expires, or null. */
    private Long earliestExpiry(NFAState s) {
        long window = nfa.getWindowTime();
        if (window <= 0) {
            return null;
        }
        long min = Long.MAX_VALUE;
        for (ComputationState c : s.getPartialMatches()) {
            if (c.getStartEventID() != null) {
                min = Math.min(min, c.getStartTimestamp() + window);
            }
        }
        return min == Long.MAX_VALUE ? null : min;
    }
}
