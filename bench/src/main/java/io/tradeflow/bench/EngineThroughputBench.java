package io.tradeflow.bench;

import io.tradeflow.engine.AccountEngine;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.AccountOutput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Recommendation;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleKeys;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.calendar.MarketTime;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the account engine's throughput (bars per second) with 1, 10 and 50 open positions:
 * every held ticker gets a minute bar, so each bar runs the exit rules (R-STOP-3..8, R-CB-2, the
 * trailing-stop runner on new extremes). Run on demand, with {@code -Dbench.jfr=file.jfr} to
 * profile the CEP runners' share:
 * {@code java -cp <bench classpath> io.tradeflow.bench.EngineThroughputBench [heap|rocksdb]}.
 */
public final class EngineThroughputBench {
    private EngineThroughputBench() {}

    public static void main(String[] args) throws Exception {
        boolean rocks = args.length > 0 && args[0].equals("rocksdb");
        run(10, rocks, false); // warm-up
        for (int held : new int[] {1, 10, 50}) {
            run(held, rocks, true);
        }
    }

    static void run(int held, boolean rocks, boolean report) throws Exception {
        List<String> universe = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            universe.add(String.format("T%02d", i));
        }
        RuleParams rules = RuleKeys.set(RuleParams.SWING, "max-open-positions", "100");
        rules = RuleKeys.set(rules, "tranches", "1");
        rules = RuleKeys.set(rules, "rebalance", "false");
        AccountConfig a = new AccountConfig("A1", AccountConfig.SWING, AccountConfig.BACKTEST,
                new BigDecimal("100000000"), "aggressive", universe, rules);
        TierParams wide = new TierParams("aggressive", 0.55, 0.12, 2.5, 1.5, 1.0, 1.0);
        EngineSettings settings = new EngineSettings(List.of(a), Map.of(
                "conservative", TierParams.CONSERVATIVE, "moderate", TierParams.MODERATE,
                "aggressive", wide), new BrokerParams(0, 0));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AccountEngine(settings, false)),
                AccountInput::account, Types.STRING);
        if (rocks) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        Random rnd = new Random(11);
        double[] price = new double[held];
        java.util.Arrays.fill(price, 100);
        LocalDate day = LocalDate.of(2025, 3, 12);
        long t = MarketTime.epochMillis(day, LocalTime.of(9, 46));
        for (int i = 0; i < held; i++) {
            feed(h, tick(universe.get(i), t, price[i]));
            feed(h, AccountInput.of("A1", new Recommendation("r" + i, null, universe.get(i), "buy",
                    0.9, "momentum", "live_eligible", t + 1, price[i], null, null, null, null,
                    "sig")));
        }
        t += 60_000;
        for (int i = 0; i < held; i++) {
            feed(h, tick(universe.get(i), t, price[i] * 0.999));
        }
        h.processWatermark(t);
        long open = h.extractOutputValues().stream().filter(o -> o.position() != null).count();
        jdk.jfr.Recording recording = null;
        if (System.getProperty("bench.jfr") != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        int minutes = 30_000 / held; // one bar per held ticker per minute, 30 000 bars in all
        long bars = 0;
        long t0 = System.nanoTime();
        for (int m = 0; m < minutes; m++) {
            t += 60_000;
            for (int i = 0; i < held; i++) {
                price[i] *= 1 + rnd.nextGaussian() * 0.0005;
                feed(h, tick(universe.get(i), t, price[i]));
                bars++;
            }
            h.getOutput().clear();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (recording != null) {
            recording.dump(java.nio.file.Path.of(held + "-" + System.getProperty("bench.jfr")));
        }
        if (!report) {
            h.close();
            return;
        }
        System.out.printf("%s, %d open positions (%d position events): %.0f bars/s%n",
                rocks ? "RocksDB" : "heap", held, open, bars / seconds);
        h.close();
    }

    static AccountInput tick(String ticker, long ts, double p) {
        return AccountInput.of("A1", MarketTick.withAtr(
                new Bar(ticker, ts, p, p * 1.001, p * 0.999, p, 1000), p * 0.01));
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, AccountInput, AccountOutput> h,
            AccountInput in) throws Exception {
        h.processElement(in, in.ts());
        h.processWatermark(in.ts() - 1);
    }
}
