package io.tradeflow.bench;

import io.tradeflow.engine.PlainRunner;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.Bar;
import io.tradeflow.event.MarketTick;
import io.tradeflow.event.Recommendation;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.BrokerParams;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.RuleParams;
import io.tradeflow.rules.TierParams;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the account stage alone in the plain runner: the SPY January 2011 minute bars under N
 * tickers, one intraday backtest account with a buy recommendation per ticker and day, as bars
 * per second. Run on demand by {@code bench/run}, or
 * {@code java -cp <bench classpath> io.tradeflow.bench.PlainEngineBench [tickers] [rounds]}.
 */
public final class PlainEngineBench {
    private static final DateTimeFormatter NT = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");

    private PlainEngineBench() {}

    public static void main(String[] args) throws Exception {
        int tickers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path csv = Path.of(System.getProperty("bench.spy",
                "../shared/data/spy-minute-2011-01.csv"));
        List<AccountInput> inputs = inputs(Files.readAllLines(csv), tickers);
        long bars = inputs.stream().filter(i -> i.tick() != null).count();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            PlainRunner.Result res = new PlainRunner(settings(tickers)).run(inputs);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("plain runner, %d tickers: %d bars, %d outputs, %.2f s, %.0f bars/s%n",
                    tickers, bars, res.all().size(), s, bars / s);
        }
    }

    /** Returns the benchmark's one intraday backtest account trading T0..T(n-1). */
    public static EngineSettings settings(int tickers) {
        List<String> universe = new ArrayList<>();
        for (int i = 0; i < tickers; i++) {
            universe.add("T" + i);
        }
        AccountConfig a = new AccountConfig("A1", AccountConfig.INTRADAY, AccountConfig.BACKTEST,
                new BigDecimal("100000"), "moderate", universe, RuleParams.INTRADAY);
        return new EngineSettings(List.of(a), Map.of("conservative", TierParams.CONSERVATIVE,
                "moderate", TierParams.MODERATE, "aggressive", TierParams.AGGRESSIVE),
                new BrokerParams(0.01, 0.5));
    }

    /** Returns the account inputs of the SPY minute lines under {@code tickers} tickers. */
    public static List<AccountInput> inputs(List<String> lines, int tickers) {
        List<AccountInput> in = new ArrayList<>();
        String lastDay = "";
        for (String line : lines) {
            String[] f = line.split(";");
            long ts = LocalDateTime.parse(f[0], NT).toInstant(ZoneOffset.UTC).toEpochMilli();
            double o = Double.parseDouble(f[1]);
            double h = Double.parseDouble(f[2]);
            double l = Double.parseDouble(f[3]);
            double c = Double.parseDouble(f[4]);
            long v = Long.parseLong(f[5]);
            boolean newDay = !f[0].substring(0, 8).equals(lastDay);
            lastDay = f[0].substring(0, 8);
            for (int t = 0; t < tickers; t++) {
                double k = 1 + t * 0.01;
                Bar bar = new Bar("T" + t, ts, o * k, h * k, l * k, c * k, v);
                in.add(AccountInput.of("A1", MarketTick.withAtr(bar, c * k * 0.002)));
                if (newDay) {
                    in.add(AccountInput.of("A1", new Recommendation("r" + t + "-" + lastDay,
                            null, "T" + t, t % 2 == 0 ? "buy" : "sell", 0.8, "orb",
                            "live_eligible", ts + 45 * 60_000, null, null, null, null, null,
                            "sig")));
                }
            }
        }
        return in;
    }
}
