package io.tradeflow.backtest;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a parameter sweep of one backtest on the shared cluster ({@link Backtest#sweep}). */
final class Sweeps {
    private Sweeps() {}

    /**
     * Runs every combination of the grid's values as its own backtest, run ids {@code prefix-N},
     * as many at once as the cluster's slots allow at the configured parallelism.
     */
    static Table run(Backtest.Builder base, String prefix, Map<String, List<?>> grid)
            throws Exception {
        Objects.requireNonNull(grid, "grid");
        List<String> keys = new ArrayList<>(grid.keySet());
        for (String k : keys) {
            if (grid.get(k) == null || grid.get(k).isEmpty()) {
                throw new IllegalArgumentException("sweep: no values for '" + k + "'");
            }
        }
        List<Map<String, Object>> combinations = new ArrayList<>();
        combine(grid, keys, 0, new LinkedHashMap<>(), combinations);
        List<Callable<BacktestResult>> runs = new ArrayList<>();
        for (Map<String, Object> combination : combinations) {
            Backtest.Builder b = base.copy().runId(prefix + "-" + runs.size());
            combination.forEach(b::set);
            runs.add(b::run);
        }
        // started here so that the caller's thread, not the pool's, keeps the cluster up
        SharedMiniCluster.cluster();
        int parallelism = base.resolveConfig().parallelismOrDefault();
        int atOnce = Math.max(1, Math.min(runs.size(), SharedMiniCluster.SLOTS / parallelism));
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        try {
            List<BacktestResult> results = new ArrayList<>();
            for (Future<BacktestResult> f : pool.invokeAll(runs)) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return BacktestTables.sweep(grid, combinations, results);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void combine(Map<String, List<?>> grid, List<String> keys, int i,
            Map<String, Object> current, List<Map<String, Object>> out) {
        if (i == keys.size()) {
            out.add(new LinkedHashMap<>(current));
            return;
        }
        for (Object v : grid.get(keys.get(i))) {
            current.put(keys.get(i), v);
            combine(grid, keys, i + 1, current, out);
        }
        current.remove(keys.get(i));
    }
}
