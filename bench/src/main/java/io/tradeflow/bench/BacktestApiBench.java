package io.tradeflow.bench;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestResult;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the notebook API on the SPY minute month: wall time from {@code run()} to its result
 * (the first run starts the JVM's shared MiniCluster, later runs reuse it: warm notebook
 * runs), then trades, equity curve and metrics. The default account trades the ticker stage's own signals, as the command does without
 * recommendations. Run on demand, not by the test suite:
 * {@code java -cp <bench classpath> io.tradeflow.bench.BacktestApiBench [bars file] [runs]}.
 */
public final class BacktestApiBench {
    private BacktestApiBench() {}

    public static void main(String[] args) throws Exception {
        Path spy = Path.of(args.length > 0 ? args[0] : "../../shared/data/spy-minute-2011-01.csv");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isRegularFile(spy)) {
            throw new IllegalArgumentException("no such file: " + spy);
        }
        for (Backtest.Mode mode : Backtest.Mode.values()) {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                BacktestResult r = Backtest.builder().bars(spy, "ninjatrader", "SPY")
                        .runtimeMode(mode).runId("bench-" + mode + "-" + i).run();
                long ran = System.nanoTime();
                int rows = r.metrics().rowCount() + r.trades().rowCount()
                        + r.equityCurve().rowCount();
                long done = System.nanoTime();
                System.out.printf("%s run %d: run() %d ms (job %d ms, %d bars), metrics %d ms;"
                                + " %d decisions, %d fills, %d trades, %d curve points (%d rows)%n",
                        mode, i, (ran - t0) / 1_000_000, r.collected().wallMillis(),
                        r.collected().barsHandled(), (done - ran) / 1_000_000,
                        r.collected().decisions().size(), r.collected().fills().size(),
                        r.tradeRecords().size(), r.equityPoints().get("default").size(), rows);
                if (i == runs - 1) {
                    System.out.println(r.metrics().print());
                }
            }
        }
    }
}
