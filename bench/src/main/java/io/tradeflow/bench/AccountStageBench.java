package io.tradeflow.bench;

import io.tradeflow.engine.PlainRunner;
import io.tradeflow.event.AccountInput;
import io.tradeflow.io.BarFiles;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.job.Pipeline;
import io.tradeflow.job.Topology;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the account stage alone, without Flink, on the job's own workload: a BATCH job computes
 * the account inputs of a bar file (ticks, the ticker stage's signals, market events — what the
 * account engine receives), then the plain runner processes them, warm, as bars per second of
 * the file. The limit of the job's slowest stage, and the baseline the job's throughput is
 * measured against ({@code bench/run}'s "plain runner" rows).
 *
 * <p>{@code java -cp <bench classpath> io.tradeflow.bench.AccountStageBench BARS.csv [CONFIG.yaml|-]
 * [rounds]}: without a configuration, the backtest command's default (one account trading every
 * ticker of the file).
 */
public final class AccountStageBench {
    private AccountStageBench() {}

    public static void main(String[] args) throws Exception {
        Path bars = Path.of(args[0]);
        TradeflowConfig cfg = args.length > 1 && !"-".equals(args[1])
                ? ConfigLoader.load(Path.of(args[1]), List.of())
                : ConfigLoader.defaultBacktest(BarFiles.tickers(List.of(bars),
                        BarParser.Format.CSV, null));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        List<AccountInput> inputs = accountInputs(cfg, bars);
        long ticks = inputs.stream().filter(i -> AccountInput.TICK.equals(i.kind())).count();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            PlainRunner.Result res = new PlainRunner(cfg.engine()).run(inputs);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("plain runner: %d inputs (%d ticks), %d outputs, %.2f s, %.0f "
                    + "ticks/s%n", inputs.size(), ticks, res.all().size(), s, ticks / s);
        }
    }

    /** Returns what the account engine receives from a BATCH job over {@code bars}. */
    static List<AccountInput> accountInputs(TradeflowConfig cfg, Path bars) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Pipeline.flinkConfiguration(cfg, RuntimeExecutionMode.BATCH));
        Pipeline.Files files = new Pipeline.Files(List.of(bars), BarParser.Format.CSV, null,
                List.of(), List.of(), List.of());
        List<AccountInput> inputs = new ArrayList<>();
        try (CloseableIterator<AccountInput> it = Topology.accountInputs(Pipeline.fromFiles(env,
                files, Pipeline.parseContext(cfg), cfg.input()), cfg.engine(), true)
                .executeAndCollect()) {
            // a BATCH job sends ticks in runs: taken apart here, so that the runner's time is
            // the account logic's alone
            it.forEachRemaining(in -> inputs.addAll(in.parts()));
        }
        return inputs;
    }
}
