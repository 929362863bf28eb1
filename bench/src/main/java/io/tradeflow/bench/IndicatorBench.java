package io.tradeflow.bench;

import io.tradeflow.event.Bar;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.signals.SignalDetector;
import io.tradeflow.rules.signals.SignalParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the ticker stage's per-bar cost — every indicator, the snapshot and the signals — over
 * the SPY minute month, outside Flink. Run on demand:
 * {@code java -cp <bench classpath> io.tradeflow.bench.IndicatorBench [spy-minute file]}.
 */
public final class IndicatorBench {
    private IndicatorBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../../shared/data/spy-minute-2011-01.csv");
        DateTimeFormatter nt = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");
        List<Bar> bars = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            String[] f = l.split(";");
            long ts = LocalDateTime.parse(f[0], nt).toInstant(ZoneOffset.UTC).toEpochMilli();
            bars.add(new Bar("SPY", ts, Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5])));
        }
        TradingCalendar cal = TradingCalendar.nyse();
        long signals = 0;
        for (int round = 0; round < 8; round++) {
            int reps = 20;
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                TickerIndicators t = TickerIndicators.start(IndicatorParams.DEFAULTS);
                SignalDetector d = SignalDetector.initial(SignalParams.DEFAULTS);
                for (Bar b : bars) {
                    t = t.update(b, cal);
                    SignalDetector.Step step = d.update(b, t.snapshot());
                    d = step.next();
                    signals += step.signals().size();
                }
            }
            System.out.printf("round %d: %.0f ns/bar (indicators, snapshot and signals)%n",
                    round, (System.nanoTime() - t0) / (double) (reps * bars.size()));
        }
        System.out.println(signals + " signals");
    }
}
