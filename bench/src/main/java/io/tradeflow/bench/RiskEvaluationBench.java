package io.tradeflow.bench;

import io.tradeflow.engine.AccountEngine;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.Decision;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Recommendation;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the account engine's per-recommendation cost of the whole gate and sizing pipeline with
 * 10 open positions and 90 days of closes for 500 tickers (so each evaluation computes ten 90-day
 * return correlations), and the account's state size. Run on demand:
 * {@code java -cp <bench classpath> io.tradeflow.bench.RiskEvaluationBench [heap|rocksdb]}.
 */
public final class RiskEvaluationBench {
    static final int TICKERS = 500;
    static final int DAYS = 91;
    static final int HELD = 10;

    private RiskEvaluationBench() {}

    public static void main(String[] args) throws Exception {
        boolean rocks = args.length > 0 && args[0].equals("rocksdb");
        List<String> universe = new ArrayList<>();
        Map<String, String> sectors = new HashMap<>();
        for (int i = 0; i < TICKERS; i++) {
            universe.add(String.format("T%03d", i));
            sectors.put(universe.get(i), "S" + (i % 11));
        }
        RuleParams rules = RuleKeys.set(RuleParams.SWING, "max-open-positions", "1000");
        AccountConfig a = new AccountConfig("A1", AccountConfig.SWING, AccountConfig.BACKTEST,
                new BigDecimal("10000000"), "aggressive", universe, rules);
        EngineSettings base = new EngineSettings(List.of(a), Map.of(
                "conservative", TierParams.CONSERVATIVE, "moderate", TierParams.MODERATE,
                "aggressive", TierParams.AGGRESSIVE), new BrokerParams(0, 0));
        EngineSettings settings = new EngineSettings(base.accounts(), base.tiers(), base.broker(),
                base.indicators(), base.signals(), sectors);

        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AccountEngine(settings, false)),
                AccountInput::account, Types.STRING);
        if (rocks) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        TradingCalendar cal = TradingCalendar.nyse();
        Random rnd = new Random(7);
        double[] price = new double[TICKERS];
        java.util.Arrays.fill(price, 100);
        LocalDate day = LocalDate.of(2024, 1, 2);
        long ts = 0;
        for (int d = 0; d < DAYS; d++) {
            double market = rnd.nextGaussian() * 0.01;
            ts = MarketTime.epochMillis(day, LocalTime.of(16, 0));
            for (int i = 0; i < TICKERS; i++) {
                price[i] *= 1 + market + rnd.nextGaussian() * 0.01;
                feed(h, AccountInput.of("A1", MarketTick.withAtr(new Bar(universe.get(i), ts,
                        price[i], price[i] * 1.01, price[i] * 0.99, price[i], 1000), price[i] * 0.02)));
            }
            day = cal.nextTradingDay(day);
        }
        // the next morning: open ten positions, each filled by its ticker's next bar
        long t = MarketTime.epochMillis(day, LocalTime.of(10, 0));
        for (int i = 0; i < HELD; i++) {
            feed(h, rec(universe.get(i * 37), "hold-" + i, price[i * 37], t + i * 1000L));
        }
        t += 60_000;
        for (int i = 0; i < HELD; i++) {
            int k = i * 37;
            feed(h, AccountInput.of("A1", MarketTick.withAtr(new Bar(universe.get(k), t,
                    price[k], price[k], price[k] * 0.999, price[k], 1000), price[k] * 0.02)));
        }
        h.processWatermark(t);
        long held = h.extractOutputValues().stream().filter(o -> o.position() != null).count();
        System.out.printf("%s backend, %d tickers x %d days of closes, %d position events%n",
                rocks ? "RocksDB" : "heap", TICKERS, DAYS, held);

        jdk.jfr.Recording recording = null;
        if (System.getProperty("bench.jfr") != null) { // profile the measured rounds only
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        int n = 0;
        for (int round = 0; round < 6; round++) {
            int reps = 300; // 300 x 61 s from 10:00 stays inside the entry window
            int acts = 0;
            day = cal.nextTradingDay(day);
            t = MarketTime.epochMillis(day, LocalTime.of(10, 0));
            h.processWatermark(t - 1);
            h.getOutput().clear();
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                int k = 1 + (n % (TICKERS - 1));
                t += 61_000; // past the previous entry's 60 s limit timeout
                feed(h, rec(universe.get(k), "bench-" + n++, price[k], t));
            }
            h.processWatermark(t + 61_000);
            long ns = System.nanoTime() - t0;
            for (AccountOutput o : h.extractOutputValues()) {
                if (o.decision() != null && Decision.ACT.equals(o.decision().decision())) {
                    acts++;
                }
            }
            System.out.printf("round %d: %.1f us per recommendation (%d of %d acted)%n", round,
                    ns / 1000.0 / reps, acts, reps);
        }
        if (recording != null) {
            recording.dump(java.nio.file.Path.of(System.getProperty("bench.jfr")));
        }
        var snapshot = h.snapshot(1L, 1L);
        System.out.printf("state of the account: %.1f KiB (checkpoint size)%n",
                snapshot.getStateSize() / 1024.0);
        h.close();
    }

    static AccountInput rec(String ticker, String id, double price, long ts) {
        return AccountInput.of("A1", new Recommendation(id, null, ticker, "buy", 0.8, "momentum",
                "live_eligible", ts, price, null, null, null, null, "sig"));
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> h,
            AccountInput in) throws Exception {
        h.processElement(in, in.ts());
        h.processWatermark(in.ts() - 1);
    }
}
