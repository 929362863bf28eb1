package io.tradeflow.ordering;

import io.tradeflow.cep.StopOutClusterPattern;
import io.tradeflow.cep.StopOutClusters;
import io.tradeflow.cep.TrailingStopArmPattern;
import io.tradeflow.cep.TrailingStopArms;
import io.tradeflow.event.PositionSignal;
import io.tradeflow.event.StopOutCluster;
import io.tradeflow.event.TrailingArm;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only owner of pattern runners (an {@link EventTimeOrderedFunction}, as the engine) and
 * the harness runs that drive it, or flink-cep's own {@link CepOperator}, STREAMING- or BATCH-like.
 */
final class RunnerFixtures {
    static final String ACCOUNT = "A1";
    static final long MIN = 60_000L;
    static final long T0 = 1_748_872_800_000L; // 2025-06-02T14:00:00Z
    static final Duration PAUSE = StopOutClusters.DEFAULT_PAUSE;
    static final String ARMS = "arms";
    static final String CLUSTERS = "clusters";
    /** A test-only signal kind: the owner answers with each runner's pending timeout. */
    static final String PROBE = "probe";

    private RunnerFixtures() {}

    /**
     * One runner of the owner: its state prefix, its pattern ({@link #ARMS} or {@link
     * #CLUSTERS}) and which signals it is fed (position ids starting with {@code feed}).
     */
    record Spec(String prefix, String pattern, String feed) implements Serializable {}

    /** What the owner emits: a runner's output, or its pending timeout on a probe. */
    public record RunnerOutput(String runner, TrailingArm arm, StopOutCluster cluster,
            Long timeout) {}

    static PositionSignal probe(long ts) {
        return new PositionSignal(PROBE, "", "", true, Double.NaN, Double.NaN, Double.NaN, ts);
    }

    /** The owner: feeds each signal to the runners that take it; routes their timeouts. */
    static final class Owner
            extends EventTimeOrderedFunction<String, PositionSignal, PositionSignal, RunnerOutput> {
        private static final long serialVersionUID = 1L;
        private final List<Spec> specs;
        private transient Map<String, PatternRunner<PositionSignal, RunnerOutput>> runners;

        Owner(boolean batch, List<Spec> specs) {
            super("runner-owner", batch, TypeInformation.of(PositionSignal.class));
            this.specs = List.copyOf(specs);
        }

        @Override
        protected List<PositionSignal> parts(PositionSignal signal) {
            return List.of(signal);
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            super.open(openContext);
            runners = new HashMap<>();
            for (Spec spec : specs) {
                String name = spec.prefix();
                PatternRunner<PositionSignal, RunnerOutput> runner = spec.pattern().equals(ARMS)
                        ? new PatternRunner<>(getRuntimeContext(), name,
                                TrailingStopArmPattern.of(),
                                TypeInformation.of(PositionSignal.class),
                                m -> new RunnerOutput(name, TrailingStopArms.arm(m), null, null),
                                at -> schedule(at, PatternRunner.DEADLINE_KIND, name))
                        : new PatternRunner<>(getRuntimeContext(), name,
                                StopOutClusterPattern.of(),
                                TypeInformation.of(PositionSignal.class),
                                m -> new RunnerOutput(name, null,
                                        StopOutClusters.cluster(m, PAUSE.toMillis()), null),
                                at -> schedule(at, PatternRunner.DEADLINE_KIND, name));
                // a spec list may name one prefix twice (the collision check): keep both runners
                runners.put(name + "#" + runners.size(), runner);
            }
        }

        @Override
        public void close() throws Exception {
            for (PatternRunner<?, ?> r : runners.values()) {
                r.close();
            }
            super.close();
        }

        @Override
        protected long timeOf(PositionSignal event) {
            return event.ts();
        }

        @Override
        protected Comparator<PositionSignal> eventOrder() {
            return PositionSignal.CONTENT_ORDER;
        }

        @Override
        protected void onEvent(PositionSignal e) throws Exception {
            int i = 0;
            for (Spec spec : specs) {
                PatternRunner<PositionSignal, RunnerOutput> r =
                        runners.get(spec.prefix() + "#" + i++);
                if (PROBE.equals(e.kind())) {
                    emit(new RunnerOutput(spec.prefix(), null, null, r.nextTimeout()));
                } else if (e.positionId().startsWith(spec.feed())) {
                    r.process(e, now()).forEach(this::emit);
                }
            }
        }

        @Override
        protected void onDeadline(Deadline d) throws Exception {
            int i = 0;
            for (Spec spec : specs) {
                PatternRunner<PositionSignal, RunnerOutput> r =
                        runners.get(spec.prefix() + "#" + i++);
                if (d.kind().equals(PatternRunner.DEADLINE_KIND) && d.ref().equals(r.prefix())) {
                    r.advanceTime(d.at()).forEach(this::emit);
                }
            }
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PositionSignal, RunnerOutput> owner(
            boolean batch, boolean rocksDb, List<Spec> specs) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Owner(batch, specs)), s -> ACCOUNT, Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return h;
    }

    /** STREAMING-like: in time order, each signal then a watermark behind it; MAX at the end. */
    static List<RunnerOutput> streaming(List<Spec> specs, List<PositionSignal> in)
            throws Exception {
        try (var h = owner(false, false, specs)) {
            h.open();
            feedStreaming(h, byTime(in));
            h.processWatermark(Long.MAX_VALUE);
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    /** BATCH-like: sorted by time, timers only at the end of the key. */
    static List<RunnerOutput> batch(List<Spec> specs, List<PositionSignal> in) throws Exception {
        List<PositionSignal> sorted = byTime(in);
        try (var h = owner(true, false, specs)) {
            h.open();
            for (PositionSignal s : sorted) {
                h.processElement(s, s.ts());
            }
            h.processWatermark(Long.MAX_VALUE);
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    /** STREAMING-like on RocksDB, with a snapshot and a restore into a new operator at split. */
    static List<RunnerOutput> restoredMidway(List<Spec> specs, List<PositionSignal> in, int split)
            throws Exception {
        return restoredMidway(specs, in, split, true);
    }

    /** As above, on RocksDB or on the heap backend; {@code in} must be in time order. */
    static List<RunnerOutput> restoredMidway(List<Spec> specs, List<PositionSignal> in, int split,
            boolean rocksDb) throws Exception {
        List<RunnerOutput> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = owner(false, rocksDb, specs)) {
            h.open();
            feedStreaming(h, in.subList(0, split));
            out.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = owner(false, rocksDb, specs)) {
            h.initializeState(snapshot);
            h.open();
            feedStreaming(h, in.subList(split, in.size()));
            h.processWatermark(Long.MAX_VALUE);
            out.addAll(h.extractOutputValues());
        }
        return out;
    }

    /** A stable sort by time: the harness lets a watermark go back, real sources never do. */
    static List<PositionSignal> byTime(List<PositionSignal> in) {
        List<PositionSignal> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingLong(PositionSignal::ts));
        return sorted;
    }

    private static void feedStreaming(
            KeyedOneInputStreamOperatorTestHarness<String, PositionSignal, RunnerOutput> h,
            List<PositionSignal> in) throws Exception {
        for (PositionSignal s : in) {
            h.processElement(s, s.ts());
            h.processWatermark(s.ts() - 1);
        }
    }

    /** The standalone flink-cep operator for the arms pattern, STREAMING-like. */
    static List<TrailingArm> cepArms(List<PositionSignal> in) throws Exception {
        return cep(TrailingStopArmPattern.of(), new TrailingStopArms(), in);
    }

    /** The standalone flink-cep operator for the clusters pattern, STREAMING-like. */
    static List<StopOutCluster> cepClusters(List<PositionSignal> in) throws Exception {
        return cep(StopOutClusterPattern.of(), new StopOutClusters(PAUSE), in);
    }

    private static <O> List<O> cep(Pattern<PositionSignal, ?> pattern,
            PatternProcessFunction<PositionSignal, O> fn, List<PositionSignal> in)
            throws Exception {
        OneInputStreamOperator<PositionSignal, O> op = new CepOperator<>(
                TypeInformation.of(PositionSignal.class).createSerializer(
                        new org.apache.flink.api.common.serialization.SerializerConfigImpl()),
                false, NFACompiler.compileFactory(pattern, false), StopOutClusterPattern.TIE_BREAK,
                pattern.getAfterMatchSkipStrategy(), fn, null);
        List<PositionSignal> sorted = byTime(in);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<String, PositionSignal, O>(
                op, s -> ACCOUNT, Types.STRING)) {
            h.open();
            for (PositionSignal s : sorted) {
                h.processElement(s, s.ts());
                h.processWatermark(s.ts() - 1);
            }
            h.processWatermark(Long.MAX_VALUE);
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    /**
     * A runner owned by a plain {@link KeyedProcessFunction} that feeds every element as it comes,
     * with no ordering and no timeouts: for the runner's own order check.
     */
    static final class Direct extends KeyedProcessFunction<String, PositionSignal, StopOutCluster> {
        private static final long serialVersionUID = 1L;
        private transient PatternRunner<PositionSignal, StopOutCluster> runner;

        @Override
        public void open(OpenContext openContext) throws Exception {
            runner = new PatternRunner<>(getRuntimeContext(), "cep.direct.",
                    StopOutClusterPattern.of(), TypeInformation.of(PositionSignal.class),
                    m -> StopOutClusters.cluster(m, PAUSE.toMillis()), at -> {});
        }

        @Override
        public void processElement(PositionSignal e, Context ctx, Collector<StopOutCluster> out)
                throws Exception {
            runner.process(e, e.ts()).forEach(out::collect);
        }

        @Override
        public void close() throws Exception {
            runner.close();
        }
    }

    static List<StopOutCluster> direct(List<PositionSignal> in) throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Direct()), (PositionSignal s) -> ACCOUNT,
                Types.STRING)) {
            h.open();
            for (PositionSignal s : in) {
                h.processElement(s, s.ts());
            }
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    static List<TrailingArm> arms(List<RunnerOutput> out, String runner) {
        return out.stream().filter(o -> o.runner().equals(runner) && o.arm() != null)
                .map(RunnerOutput::arm).toList();
    }

    static List<StopOutCluster> clusters(List<RunnerOutput> out, String runner) {
        return out.stream().filter(o -> o.runner().equals(runner) && o.cluster() != null)
                .map(RunnerOutput::cluster).toList();
    }

    static List<Long> timeouts(List<RunnerOutput> out, String runner) {
        return out.stream().filter(o -> o.runner().equals(runner)
                        && o.arm() == null && o.cluster() == null)
                .map(RunnerOutput::timeout).toList();
    }

    static PositionSignal stop(String id, long ts) {
        return PositionSignal.stopOut(id, "T" + id, true, 99, ts);
    }

    static PositionSignal open(String id, boolean isLong, double entry, double target, long ts) {
        return PositionSignal.opened(id, "SPY", isLong, entry, target, ts);
    }

    static PositionSignal ext(String id, boolean isLong, double price, long ts) {
        return PositionSignal.extreme(id, "SPY", isLong, price, ts);
    }
}
