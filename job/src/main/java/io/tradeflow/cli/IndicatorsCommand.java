package io.tradeflow.cli;

import io.tradeflow.event.Bar;
import io.tradeflow.event.Indicators;
import io.tradeflow.io.BarFiles;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.calendar.TradingCalendar;
import io.tradeflow.rules.indicators.IndicatorParams;
import io.tradeflow.rules.indicators.TickerIndicators;
import io.tradeflow.rules.signals.ConfluenceScore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Writes the ticker stage's indicators for every valid bar of a file, computed by the same classes
 * the job uses, so analysts can check them against another library.
 */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "Compute the job's indicators for every valid bar and write one CSV row per "
                + "bar (empty cells during warm-up).")
final class IndicatorsCommand implements Callable<Integer> {
    static final String HEADER = "ticker,ts,close,atr,rsi,ema_fast,ema_slow,macd,macd_signal,"
            + "macd_hist,vwap,rel_vol,orb_high,orb_low,pivot,confluence_call,confluence_put";

    @Option(names = "--bars", required = true, paramLabel = "FILE") List<Path> bars;

    @Option(names = "--bars-format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "csv, ninjatrader (needs --ticker), daily or json.")
    String barsFormat;

    @Option(names = "--ticker") String ticker;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "e.g. indicators.ema.fast=30")
    List<String> sets = new ArrayList<>();

    @Option(names = "--regular-session-only", description = "Session indicators (VWAP, opening "
            + "range, relative volume, pivots) from regular-session bars only, by the NYSE "
            + "calendar. Default: every bar counts.")
    boolean regularSessionOnly;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv") Path out;

    @Override
    public Integer call() throws Exception {
        BarParser.Format format = BacktestCommand.format(barsFormat);
        if (format == BarParser.Format.NINJATRADER && (ticker == null || ticker.isBlank())) {
            throw new IllegalArgumentException("--bars-format ninjatrader needs --ticker");
        }
        bars.forEach(p -> Options.requireFile(p, "--bars"));
        IndicatorParams base = ConfigLoader.parse(ConfigLoader.toJson(ConfigLoader.defaultBacktest(
                List.of("X"))), sets).engine().indicators();
        IndicatorParams params = new IndicatorParams(base.atrPeriod(), base.rsiPeriod(),
                base.emaFast(), base.emaSlow(), base.macdFast(), base.macdSlow(), base.macdSignal(),
                base.volumeSmaPeriod(), regularSessionOnly);
        TradingCalendar calendar = TradingCalendar.nyse();
        ParseContext ctx = new ParseContext(null, null, (byte[]) null, Long.MAX_VALUE / 4);
        Map<String, TickerIndicators> state = new HashMap<>();
        long rows = 0;
        long rejected = 0;
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (Path file : bars) {
                BarParser parser = ticker == null ? new BarParser(ctx, format)
                        : new BarParser(ctx, format, ticker);
                try (BufferedReader r = BarFiles.reader(file)) {
                    String line;
                    long n = 0;
                    while ((line = r.readLine()) != null) {
                        Parsed<Bar> p = parser.parse(RawRecord.ofLine(file.toString(), ++n, line));
                        if (!p.isOk()) {
                            rejected += p.isBad() ? 1 : 0;
                            continue;
                        }
                        Bar bar = p.value();
                        TickerIndicators t = state.computeIfAbsent(bar.ticker(),
                                k -> TickerIndicators.start(params)).update(bar, calendar);
                        state.put(bar.ticker(), t);
                        w.write(row(bar, t.snapshot()));
                        rows++;
                    }
                }
            }
        }
        System.err.printf("wrote %d rows to %s (%d invalid lines skipped)%n", rows, out, rejected);
        return 0;
    }

    static String row(Bar bar, Indicators i) {
        ConfluenceScore.Result c = ConfluenceScore.score(bar, i);
        return String.join(",", bar.ticker(), MarketTime.iso(bar.ts()), num(bar.close()),
                num(i.atr()), num(i.rsi()), num(i.emaFast()), num(i.emaSlow()), num(i.macd()),
                num(i.macdSignal()), num(i.macdHist()), num(i.vwap()), num(i.relVol()),
                num(i.orbHigh()), num(i.orbLow()), num(i.pivot()),
                Integer.toString(c.callScore()), Integer.toString(c.putScore())) + "\n";
    }

    private static String num(Double v) {
        return v == null || !Double.isFinite(v) ? "" : Double.toString(v);
    }
}
