package io.tradeflow.job;

import io.tradeflow.event.DeadLetter;
import io.tradeflow.event.Fill;
import io.tradeflow.event.PositionEvent;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.io.parse.BarParser;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An option quotes file in the job (issue 15, items 2 and 4): good quotes reach the options
 * account, each bad line is one dead letter with its reason, file and line, an entry and its exit
 * fill at the quotes (R-OPT-3), and BATCH and STREAMING write the same rows.
 */
class OptionQuotesITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(2);

    static final Path DIR = Path.of("target", "option-quotes");
    /** 2025-03-12 10:00 New York. */
    static final long T0 = Instant.parse("2025-03-12T14:00:00Z").toEpochMilli();

    static final TradeflowConfig CONFIG = ConfigLoader.parse("""
            accounts:
              - id: options-1
                profile: intraday
                mode: backtest
                cash: 100000
                instrument: options
                universe: [SPY]
              - id: shares-1
                profile: intraday
                mode: backtest
                cash: 100000
                universe: [QQQ]
            input: { out-of-orderness: PT2M }
            parallelism: 2
            """, List.of());

    static Pipeline.Files write() throws Exception {
        Files.createDirectories(DIR);
        List<String> bars = new ArrayList<>(List.of("ticker,ts,open,high,low,close,volume"));
        List<String> quotes = new ArrayList<>(
                List.of("underlying,expiry,strike,right,bid,ask,last,iv,ts"));
        for (int m = 0; m < 60; m++) {
            long ts = T0 + m * 60_000L;
            double spy = 560 + m * 0.05;
            bars.add("SPY," + ts + "," + spy + "," + (spy + 0.1) + "," + (spy - 0.1) + "," + spy
                    + ",1000");
            bars.add("QQQ," + ts + ",480,480.1,479.9,480,1000");
            quotes.add("SPY,2025-03-12,560,call," + (1 + m * 0.01) + "," + (1.05 + m * 0.01)
                    + ",,," + ts);
            quotes.add("SPY,2025-03-12,560,put,0.9,0.95,0.92,0.14," + ts);
            if (m == 30) { // lines 64 to 68, in time order (STREAMING reads them in line order)
                quotes.add("SPY,2025-03-12,561,call,1.20,1.10,,," + ts); // crossed
                quotes.add("SPY,2025-03-12,561,call,-0.05,1.10,,," + ts); // negative
                quotes.add("SPY,2025-03-11,561,call,0,0.01,,," + ts); // expired
                quotes.add("IWM,2025-03-12,200,put,1,1.1,,," + ts); // no account trades IWM
                quotes.add("QQQ,2025-03-12,480,put,1,1.1,,," + ts); // QQQ: shares only
            }
        }
        Files.write(DIR.resolve("bars.csv"), bars);
        Files.write(DIR.resolve("option-quotes.csv"), quotes);
        return new Pipeline.Files(List.of(DIR.resolve("bars.csv")), BarParser.Format.CSV, null,
                List.of(), List.of(), List.of()).withOptionQuotes(
                        List.of(DIR.resolve("option-quotes.csv")));
    }

    @Test
    void deadLettersEachBadQuoteAndWritesTheSameRowsInBothModes() throws Exception {
        Collected batch = runBothModes(write(), "options");

        assertThat(batch.deadLetters()).extracting(DeadLetter::source, DeadLetter::position,
                DeadLetter::reason).containsExactlyInAnyOrder(
                        tuple("option-quotes.csv", "64", "crossed_quote"),
                        tuple("option-quotes.csv", "65", "negative_price"),
                        tuple("option-quotes.csv", "66", "expired_contract"),
                        tuple("option-quotes.csv", "67", "unknown_ticker"),
                        tuple("option-quotes", "QQQ@" + bad(), "unknown_ticker"));
        assertThat(batch.rows(OutputKind.SNAPSHOT)).isNotEmpty();
    }

    /**
     * R-OPT-3 with quotes (R-OPT-4): SPY flat from 09:30 to 09:45, then rising 5 cents a minute;
     * the opening range breakout buys the at-the-money call, filled at its quoted ask, and the
     * underlying's target sells it at its quoted bid; nothing is modelled, in either mode.
     */
    @Test
    void aQuotedBreakoutBuysTheCallAtTheAskAndSellsItAtTheBid() throws Exception {
        Path dir = Files.createDirectories(DIR.resolve("quoted"));
        long open = Instant.parse("2025-03-12T13:30:00Z").toEpochMilli(); // 09:30 New York
        List<String> bars = new ArrayList<>(List.of("ticker,ts,open,high,low,close,volume"));
        List<String> quotes = new ArrayList<>(
                List.of("underlying,expiry,strike,right,bid,ask,last,iv,ts"));
        for (int m = 0; m < 120; m++) {
            long ts = open + m * 60_000L;
            double spy = 560 + Math.max(0, m - 15) * 0.05;
            bars.add("SPY," + ts + "," + spy + "," + (spy + 0.1) + "," + (spy - 0.1) + "," + spy
                    + ",1000");
            for (int strike = 558; strike <= 563; strike++) {
                // a call worth its intrinsic value and 1.00, a nickel wide
                double call = Math.round((Math.max(0, spy - strike) + 1) * 100) / 100.0;
                quotes.add("SPY,2025-03-12," + strike + ",call," + call + "," + (call + 0.05)
                        + ",,," + ts);
                quotes.add("SPY,2025-03-12," + strike + ",put,1.00,1.05,,," + ts);
            }
        }
        Files.write(dir.resolve("bars.csv"), bars);
        Files.write(dir.resolve("option-quotes.csv"), quotes);
        Pipeline.Files files = new Pipeline.Files(List.of(dir.resolve("bars.csv")),
                BarParser.Format.CSV, null, List.of(), List.of(), List.of()).withOptionQuotes(
                        List.of(dir.resolve("option-quotes.csv")));
        Collected batch = runBothModes(files, "quoted");
        List<Fill> fills = batch.fills().stream()
                .filter(f -> f.account().equals("options-1")).toList();
        assertThat(fills).extracting(Fill::side).containsExactly("buy", "sell");
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.instrument()).matches("SPY   250312C00(56[0-3])000");
            assertThat(f.modelled()).isFalse();
        });
        // the quotes of the minute before each fill: ask for the buy, bid for the sell
        Fill buy = fills.get(0);
        Fill sell = fills.get(1);
        double strike = Integer.parseInt(buy.instrument().substring(13, 18)) / 1.0;
        assertThat(buy.price()).isCloseTo(quotedCall(open, buy.ts(), strike) + 0.05,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sell.price()).isCloseTo(quotedCall(open, sell.ts(), strike),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(batch.positions()).filteredOn(p -> p.account().equals("options-1"))
                .extracting(PositionEvent::reason).containsExactly("R-OPT-3:underlying-target");
    }

    /** Runs the files in BATCH and in STREAMING, asserts the same rows, returns the BATCH run. */
    private static Collected runBothModes(Pipeline.Files files, String runPrefix)
            throws Exception {
        Collected batch = Runs.run(CONFIG, Runs.Inputs.files(files, CONFIG),
                RuntimeExecutionMode.BATCH, new Configuration(), null, runPrefix + "-batch",
                "backtest", null);
        Collected streaming = Runs.run(CONFIG, Runs.Inputs.files(files, CONFIG),
                RuntimeExecutionMode.STREAMING, new Configuration(), null,
                runPrefix + "-streaming", "backtest", null);
        for (OutputKind kind : OutputKind.values()) {
            assertThat(streaming.rows(kind)).as(kind.name()).isEqualTo(batch.rows(kind));
        }
        return batch;
    }

    /** The call's bid quoted the minute before {@code fillTs} (a bar's own quote follows it). */
    private static double quotedCall(long open, long fillTs, double strike) {
        int m = (int) ((fillTs - 60_000L - open) / 60_000L);
        double spy = 560 + Math.max(0, m - 15) * 0.05;
        return Math.round((Math.max(0, spy - strike) + 1) * 100) / 100.0;
    }

    private static long bad() {
        return T0 + 30 * 60_000L;
    }
}
