package io.tradeflow.bench;

import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;
import io.tradeflow.rules.correlation.DailyCloses;
import io.tradeflow.rules.correlation.ReturnCorrelation;
import io.tradeflow.rules.sizing.Holding;
import io.tradeflow.rules.sizing.PositionSizer;
import io.tradeflow.rules.sizing.Sizing;
import io.tradeflow.rules.sizing.SizingRequest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the per-recommendation cost of sizing outside Flink: the return correlation of the
 * candidate with each of 10 holdings over 90 days of closes (500 tickers, market and sector
 * factors), their weighted average and the whole sizing pipeline. Run on demand, not by the test
 * suite: {@code java -cp <bench classpath> io.tradeflow.bench.SizingBench}.
 */
public final class SizingBench {
    private static final int TICKERS = 500;
    private static final int DAYS = 90;
    private static final int HOLDINGS = 10;
    private static final int PORTFOLIOS = 64;
    private static final String[] SECTORS =
            {"Tech", "Energy", "Health", "Utilities", "Banks", "Industrials", "Staples"};

    private SizingBench() {}

    public static void main(String[] args) {
        Random rnd = new Random(42);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 1, 2); days.size() <= DAYS; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        double[][] sectorReturns = new double[SECTORS.length][DAYS];
        double[] market = new double[DAYS];
        for (int t = 0; t < DAYS; t++) {
            market[t] = 0.01 * rnd.nextGaussian();
            for (double[] s : sectorReturns) {
                s[t] = 0.008 * rnd.nextGaussian();
            }
        }
        String[] tickers = new String[TICKERS];
        String[] sectorOf = new String[TICKERS];
        DailyCloses[] closes = new DailyCloses[TICKERS];
        for (int i = 0; i < TICKERS; i++) {
            tickers[i] = "T" + i;
            int sector = i % SECTORS.length;
            sectorOf[i] = SECTORS[sector];
            double beta = 0.5 + rnd.nextDouble();
            double close = 20 + 200 * rnd.nextDouble();
            DailyCloses c = DailyCloses.empty().with(days.get(0), close, DAYS);
            for (int t = 0; t < DAYS; t++) {
                close *= 1 + beta * market[t] + sectorReturns[sector][t]
                        + 0.012 * rnd.nextGaussian();
                c = c.with(days.get(t + 1), close, DAYS);
            }
            closes[i] = c;
        }
        int[][] held = new int[PORTFOLIOS][HOLDINGS];
        List<List<Holding>> portfolios = new ArrayList<>();
        for (int p = 0; p < PORTFOLIOS; p++) {
            List<Holding> hs = new ArrayList<>();
            for (int h = 0; h < HOLDINGS; h++) {
                int i = rnd.nextInt(TICKERS);
                held[p][h] = i;
                double entry = closes[i].close(DAYS);
                hs.add(new Holding(tickers[i], sectorOf[i], 5_000 + 5_000 * rnd.nextDouble(),
                        entry, entry * 0.95));
            }
            portfolios.add(List.copyOf(hs));
        }

        RuleParams rules = RuleParams.INTRADAY;
        long shares = 0;
        long accepted = 0;
        for (int round = 0; round < 10; round++) {
            int ops = 200_000;
            long t0 = System.nanoTime();
            for (int op = 0; op < ops; op++) {
                int candidate = op % TICKERS;
                int p = op % PORTFOLIOS;
                Map<String, Double> correlations = new HashMap<>();
                for (int h = 0; h < HOLDINGS; h++) {
                    int i = held[p][h];
                    correlations.put(tickers[i], ReturnCorrelation.pearson(closes[candidate],
                            closes[i], ReturnCorrelation.MIN_OVERLAP));
                }
                double price = closes[candidate].close(DAYS);
                Sizing s = PositionSizer.size(new SizingRequest(0.7 + 0.3 * (op % 7) / 7.0,
                        TierParams.AGGRESSIVE, rules, 1_000_000, 800_000, 300_000, price,
                        price * 0.97, tickers[candidate], sectorOf[candidate],
                        portfolios.get(p), correlations, op % 11 == 0 ? op % 5 : null,
                        op % 3 == 0 ? 6 : null, 2.5));
                shares += s.quantity();
                accepted += s.accepted() ? 1 : 0;
            }
            System.out.printf("round %d: %.0f ns/op (10 correlations over %d days and sizing)%n",
                    round, (System.nanoTime() - t0) / (double) ops, DAYS);
        }
        double sum = 0;
        for (int round = 0; round < 5; round++) {
            int ops = 200_000;
            long t0 = System.nanoTime();
            for (int op = 0; op < ops; op++) {
                int candidate = op % TICKERS;
                int p = op % PORTFOLIOS;
                for (int h = 0; h < HOLDINGS; h++) {
                    sum += ReturnCorrelation.pearson(closes[candidate], closes[held[p][h]],
                            ReturnCorrelation.MIN_OVERLAP);
                }
            }
            System.out.printf("round %d: %.0f ns/op (the 10 correlations alone)%n", round,
                    (System.nanoTime() - t0) / (double) ops);
        }
        System.out.println(accepted + " accepted, " + shares + " shares, " + sum);
    }
}
