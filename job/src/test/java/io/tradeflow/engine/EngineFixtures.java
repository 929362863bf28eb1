package io.tradeflow.engine;

import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Recommendation;
import io.tradeflow.job.AtomicFlushOptions;
import io.tradeflow.ordering.CachedStateOperator;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds account-engine inputs at fixed market times and runs them through operator harnesses. */
final class EngineFixtures {
    static final LocalDate DAY = LocalDate.of(2025, 3, 12); // a Wednesday, after the DST switch
    static final String ACCOUNT = "A1";

    private EngineFixtures() {}

    static EngineSettings settings(String profile) {
        return settings(profile, new BrokerParams(0, 0));
    }

    static EngineSettings settings(String profile, BrokerParams broker) {
        return settings(profile, broker, AccountConfig.PAPER);
    }

    static EngineSettings settings(String profile, BrokerParams broker, String mode,
            String... extraTickers) {
        List<String> universe = new java.util.ArrayList<>(List.of("SPY", "QQQ"));
        universe.addAll(List.of(extraTickers));
        // one entry order per decision: gradual entry (R-ORD-2, on by default above $30) has
        // its own scenarios
        RuleParams rules = RuleKeys.set(RuleParams.defaultsOf(profile), "tranches", "1");
        AccountConfig a = new AccountConfig(ACCOUNT, profile, mode,
                new BigDecimal("100000"), "moderate", universe, rules);
        return new EngineSettings(List.of(a), Map.of("conservative", TierParams.CONSERVATIVE,
                "moderate", TierParams.MODERATE, "aggressive", TierParams.AGGRESSIVE), broker);
    }

    /** Returns the one account of {@link #settings} trading options (R-OPT-1) in {@code mode}. */
    static EngineSettings optionSettings(String mode) {
        EngineSettings s = settings(AccountConfig.INTRADAY, new BrokerParams(0, 0), mode);
        AccountConfig a = s.accounts().get(0);
        return new EngineSettings(List.of(new AccountConfig(a.id(), a.profile(), a.mode(),
                a.cash(), a.tier(), a.universe(), a.rules(), AccountConfig.OPTIONS)), s.tiers(),
                s.broker());
    }

    static long at(String hhmmss) {
        return at(DAY, hhmmss);
    }

    static long at(LocalDate day, String hhmmss) {
        return MarketTime.epochMillis(day, LocalTime.parse(hhmmss));
    }

    static AccountInput bar(String ticker, long ts, double o, double h, double l, double c,
            Double atr) {
        return AccountInput.of(ACCOUNT, MarketTick.withAtr(new Bar(ticker, ts, o, h, l, c, 1000), atr));
    }

    static AccountInput rec(String id, String ticker, String action, double confidence,
            Double price, long ts) {
        return rec(id, ticker, action, confidence, price, ts, "live_eligible");
    }

    static AccountInput rec(String id, String ticker, String action, double confidence,
            Double price, long ts, String mode) {
        return AccountInput.of(ACCOUNT, new Recommendation(id, null, ticker, action, confidence,
                "orb", mode, ts, price, null, null, null, null, "sig"));
    }

    static AccountInput recOfType(String id, String ticker, String signalType, long ts) {
        return AccountInput.of(ACCOUNT, new Recommendation(id, null, ticker, "buy", 0.9,
                signalType, "live_eligible", ts, 100.0, null, null, null, null, "sig"));
    }

    static AccountInput vix(long ts, double value) {
        return AccountInput.of(ACCOUNT, new io.tradeflow.event.VixQuote(ts, value));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> harness(
            EngineSettings settings, boolean batch, boolean rocksDb) throws Exception {
        return harness(settings, batch, rocksDb, CachedStateOperator.DEFAULT_CAPACITY);
    }

    /**
     * Returns a harness of the job's operator (its state cached in STREAMING), the cache written
     * back and emptied whenever it holds {@code cacheCapacity} entries.
     */
    static KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> harness(
            EngineSettings settings, boolean batch, boolean rocksDb, int cacheCapacity)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new CachedStateOperator<>(new AccountEngine(settings, batch), cacheCapacity),
                AccountInput::account, Types.STRING);
        if (rocksDb) {
            h.setStateBackend(rocksDb(true));
        }
        return h;
    }

    /**
     * Returns RocksDB with timers on the heap and atomic flushes, as the job configures it
     * ({@code Pipeline.enableCheckpoints}), or timers in RocksDB, as it did before.
     */
    static EmbeddedRocksDBStateBackend rocksDb(boolean heapTimers) {
        var backend = new EmbeddedRocksDBStateBackend();
        backend.setRocksDBOptions(new AtomicFlushOptions());
        backend.setPriorityQueueStateType(heapTimers
                ? EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP
                : EmbeddedRocksDBStateBackend.PriorityQueueStateType.ROCKSDB);
        return backend;
    }

    /** Runs inputs as STREAMING does: each element, then a watermark just behind it; MAX at the end. */
    static List<AccountOutput> streaming(EngineSettings settings, List<AccountInput> inputs)
            throws Exception {
        return streaming(settings, inputs, EngineFixtures::values);
    }

    /** Runs inputs as STREAMING does and returns what {@code result} reads of the harness. */
    static <R> R streaming(EngineSettings settings, List<AccountInput> inputs,
            Function<KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput>,
                    R> result) throws Exception {
        try (var h = harness(settings, false, false)) {
            h.open();
            for (AccountInput in : inputs) {
                h.processElement(in, in.ts());
                h.processWatermark(in.ts() - 1);
            }
            h.processWatermark(Long.MAX_VALUE);
            return result.apply(h);
        }
    }

    /** Runs inputs as BATCH does: sorted by time, timers only at the end of the key. */
    static List<AccountOutput> batch(EngineSettings settings, List<AccountInput> inputs)
            throws Exception {
        return batch(settings, inputs, EngineFixtures::values);
    }

    /** Runs inputs as BATCH does and returns what {@code result} reads of the harness. */
    static <R> R batch(EngineSettings settings, List<AccountInput> inputs,
            Function<KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput>,
                    R> result) throws Exception {
        List<AccountInput> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparingLong(AccountInput::ts));
        try (var h = harness(settings, true, false)) {
            h.open();
            for (AccountInput in : sorted) {
                h.processElement(in, in.ts());
            }
            h.processWatermark(Long.MAX_VALUE);
            return result.apply(h);
        }
    }

    static List<AccountOutput> values(
            KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> h) {
        return new ArrayList<>(h.extractOutputValues());
    }

    /** Runs the first inputs on RocksDB, snapshots, restores into a new operator, runs the rest. */
    static List<AccountOutput> restoredMidway(EngineSettings settings, List<AccountInput> inputs,
            int split) throws Exception {
        return restoredMidway(settings, inputs, split, CachedStateOperator.DEFAULT_CAPACITY);
    }

    /**
     * Runs the first inputs on RocksDB, snapshots, restores into a new operator, runs the rest;
     * the state cache of capacity {@code cacheCapacity}.
     */
    static List<AccountOutput> restoredMidway(EngineSettings settings, List<AccountInput> inputs,
            int split, int cacheCapacity) throws Exception {
        List<AccountOutput> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(settings, false, true, cacheCapacity)) {
            h.open();
            for (AccountInput in : inputs.subList(0, split)) {
                h.processElement(in, in.ts());
                h.processWatermark(in.ts() - 1);
            }
            out.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(settings, false, true, cacheCapacity)) {
            h.initializeState(snapshot);
            h.open();
            for (AccountInput in : inputs.subList(split, inputs.size())) {
                h.processElement(in, in.ts());
                h.processWatermark(in.ts() - 1);
            }
            h.processWatermark(Long.MAX_VALUE);
            out.addAll(h.extractOutputValues());
        }
        return out;
    }
}
