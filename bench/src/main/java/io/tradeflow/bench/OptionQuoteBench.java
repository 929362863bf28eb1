package io.tradeflow.bench;

import io.tradeflow.engine.PlainRunner;
import io.tradeflow.event.AccountInput;
import io.tradeflow.event.OptionQuote;
import io.tradeflow.io.RawRecord;
import io.tradeflow.io.parse.OptionQuoteParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.Parsed;
import io.tradeflow.io.parse.RecordFormat;
import io.tradeflow.rules.AccountConfig;
import io.tradeflow.rules.EngineSettings;
import io.tradeflow.rules.calendar.MarketTime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Measures the cost of one option quote (issue 15): parsing its CSV line, and handling it in the
 * account engine (the plain runner's time with a chain of quotes every bar, less its time without
 * them), for one options account on the SPY January 2011 minute bars. Run on demand:
 * {@code java -cp <bench classpath> io.tradeflow.bench.OptionQuoteBench [series] [rounds]}.
 */
public final class OptionQuoteBench {
    private OptionQuoteBench() {}

    public static void main(String[] args) throws Exception {
        int[] n = {20, 3}; // series a bar, rounds
        for (int i = 0; i < Math.min(args.length, n.length); i++) {
            n[i] = Integer.parseInt(args[i]);
        }
        int series = n[0];
        List<AccountInput> bars = PlainEngineBench.inputs(Files.readAllLines(Path.of(
                System.getProperty("bench.spy", "../shared/data/spy-minute-2011-01.csv"))), 1);
        List<String> lines = new ArrayList<>();
        for (AccountInput in : bars) {
            if (in.tick() == null) {
                continue;
            }
            long ts = in.ts();
            String expiry = MarketTime.date(ts).plusDays(1).toString(); // 1dte: never expired
            long atm = Math.round(in.tick().bar().close());
            for (int i = 0; i < series; i++) {
                long strike = atm - series / 4 + i / 2;
                String right = i % 2 == 0 ? "call" : "put";
                lines.add("T0," + expiry + "," + strike + "," + right + ",1.00,1.05,1.02,0.15,"
                        + ts);
            }
        }
        EngineSettings shares = PlainEngineBench.settings(1);
        AccountConfig a = shares.accounts().get(0);
        EngineSettings options = new EngineSettings(List.of(new AccountConfig(a.id(),
                a.profile(), a.mode(), a.cash(), a.tier(), a.universe(), a.rules(),
                AccountConfig.OPTIONS)), shares.tiers(), shares.broker());
        ParseContext ctx = new ParseContext(Set.of("A1"), Set.of("T0"), new byte[32]);
        for (int r = 0; r < n[1]; r++) {
            OptionQuoteParser parser = new OptionQuoteParser(ctx, RecordFormat.CSV);
            List<AccountInput> withQuotes = new ArrayList<>(bars);
            long t0 = System.nanoTime();
            long line = 0;
            for (String text : lines) {
                Parsed<OptionQuote> p = parser.parse(RawRecord.ofLine("q.csv", ++line, text));
                withQuotes.add(AccountInput.of("A1", p.value()));
            }
            double parseNs = (System.nanoTime() - t0) / (double) lines.size();
            t0 = System.nanoTime();
            new PlainRunner(options).run(bars);
            long without = System.nanoTime() - t0;
            t0 = System.nanoTime();
            new PlainRunner(options).run(withQuotes);
            long with = System.nanoTime() - t0;
            System.out.printf("%d quotes (%d a bar): parse %.0f ns/quote, engine %.0f ns/quote"
                    + " (%.2f s with, %.2f s without)%n", lines.size(), series, parseNs,
                    (with - without) / (double) lines.size(), with / 1e9, without / 1e9);
        }
    }
}
