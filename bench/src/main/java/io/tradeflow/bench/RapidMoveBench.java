package io.tradeflow.bench;

import io.tradeflow.cep.RapidMovePattern;
import io.tradeflow.event.Bar;
import io.tradeflow.io.FileInputs;
import io.tradeflow.io.Ingested;
import io.tradeflow.io.SourceParser;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.job.Collected;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.Runs;
import io.tradeflow.job.Topology;
import io.tradeflow.sample.MarketGenerator;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Measures the RapidMove CEP operator alone and the whole backtest over the same bars, in BATCH
 * and STREAMING, on heap and RocksDB state. Run on demand, not by the test suite:
 * {@code java -cp <bench classpath> io.tradeflow.bench.RapidMoveBench [tickers] [days]}.
 */
public final class RapidMoveBench {
    private RapidMoveBench() {}

    public static void main(String[] args) throws Exception {
        int tickers = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path bars = dir.resolve("bars-" + tickers + "x" + days + ".csv");
        List<String> names = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        for (int i = 0; i < tickers; i++) {
            names.add(String.format("T%03d", i));
            prices.add(50.0 + i % 200);
        }
        if (!Files.exists(bars)) {
            MarketGenerator.generate(new MarketGenerator.Spec(1, names, prices,
                    MarketGenerator.tradingDays(LocalDate.of(2025, 3, 3), days, Set.of()), 1, 0.0,
                    List.of(), "k".getBytes(StandardCharsets.UTF_8))).writeBarsCsv(bars);
        }
        long n = Files.lines(bars).count() - 1;
        System.out.printf("%d bars (%d tickers x %d days)%n", n, tickers, days);
        TradeflowConfig cfg = ConfigLoader.parse(ConfigLoader.toJson(
                ConfigLoader.defaultBacktest(names)), List.of());
        Pipeline.Files files = new Pipeline.Files(List.of(bars), BarParser.Format.CSV, null,
                List.of(), List.of(), List.of());
        for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.BATCH,
                RuntimeExecutionMode.STREAMING)) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                if (mode == RuntimeExecutionMode.BATCH && backend.equals("rocksdb")) {
                    continue; // BATCH uses its own sorted, in-memory keyed state
                }
                Configuration c = new Configuration();
                c.set(StateBackendOptions.STATE_BACKEND, backend);
                long cep = cepOnly(bars, mode, c, cfg);
                long t0 = System.nanoTime();
                Collected all = Runs.run(cfg, Runs.Inputs.files(files, cfg), mode, c, null,
                        "bench", "backtest", null);
                long job = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("%-9s %-7s RapidMove alone %6d ms (%,.0f bars/s); whole "
                                + "backtest %6d ms (%,.0f bars/s); %d bars handled%n", mode,
                        backend, cep, n * 1000.0 / cep, job, n * 1000.0 / job,
                        all.barsHandled());
            }
        }
    }

    /** Parses the file and runs only the RapidMove operator into a discarding sink. */
    static long cepOnly(Path bars, RuntimeExecutionMode mode, Configuration c,
            TradeflowConfig cfg) throws Exception {
        Configuration conf = Pipeline.flinkConfiguration(cfg, mode);
        conf.addAll(c);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ParseContext ctx = new ParseContext(null, null, (byte[]) null,
                Duration.ofDays(7).toMillis());
        DataStream<Bar> in = env.fromSource(FileInputs.source(bars, SourceParser.of(
                        new BarParser(ctx, BarParser.Format.CSV), Ingested::of)),
                        Topology.watermarks(cfg.input().outOfOrderness(), null), "bars")
                .setParallelism(1).filter(i -> !i.isDeadLetter()).map(Ingested::bar);
        RapidMovePattern.detect(in.keyBy(Bar::ticker)).addSink(new DiscardingSink<>());
        long t0 = System.nanoTime();
        env.execute("rapid-move-bench");
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
