package io.tradeflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.sample.MarketGenerator;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line: usage errors are clear and exit 2; a backtest writes its files. */
class CliTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsEveryCommand() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run", "backtest", "demo", "migrate", "sign", "ctl",
                "tax-lots", "metrics");
    }

    @Test
    void missingBarsFileIsAClearUsageError() {
        Result r = run("backtest", "--bars", "no/such/file.csv");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--bars: no such file: no/such/file.csv");
    }

    @Test
    void ninjatraderNeedsATicker() throws Exception {
        Path f = Files.writeString(Files.createDirectories(Path.of("target", "cli"))
                .resolve("nt.csv"), "20110103 143100;1;1;1;1;1\n");
        Result r = run("backtest", "--bars", f.toString(), "--bars-format", "ninjatrader");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("needs --ticker");
    }

    @Test
    void invalidConfigListsEveryError() throws Exception {
        Path cfg = Files.writeString(Files.createDirectories(Path.of("target", "cli"))
                .resolve("bad.yaml"), """
                accounts:
                  - { id: a, profile: swingy, mode: paper, cash: -1, universe: [SPY] }
                """);
        Path bars = Files.writeString(Path.of("target", "cli", "bars.csv"),
                "ticker,ts,open,high,low,close,volume\n");
        Result r = run("backtest", "--bars", bars.toString(), "--config", cfg.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("profile", "cash");
    }

    @Test
    void backtestWritesCsvFilesAndSummary() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cli", "in"));
        MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(5,
                List.of("SPY", "QQQ"), List.of(500.0, 440.0),
                MarketGenerator.tradingDays(LocalDate.of(2025, 2, 3), 1, Set.of()), 20, 0.1,
                List.of(), "test-webhook-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8)));
        g.writeBarsCsv(dir.resolve("bars.csv"));
        g.writeRecommendations(dir.resolve("recs.jsonl"));
        Path out = Path.of("target", "cli", "out");
        Path sectors = Files.writeString(dir.resolve("sectors.csv"),
                "ticker,sector,source\nSPY,ETF,x\nQQQ,ETF,x\n");
        Path earnings = Files.writeString(dir.resolve("earnings.csv"),
                "ticker,date\nSPY,2025-02-05\n");
        Result r = run("backtest", "--bars", dir.resolve("bars.csv").toString(),
                "--recommendations", dir.resolve("recs.jsonl").toString(), "--out", out.toString(),
                "--run-id", "cli-test", "--sectors", sectors.toString(), "--earnings",
                earnings.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> decisions = Files.readAllLines(out.resolve("decisions.csv"));
        assertThat(decisions.get(0)).startsWith("id,run_id,account,recommendation_id,ticker,ts,"
                + "action,decision,reason,quantity,limit_price");
        // one per unique recommendation, plus the ticker stage's own signals (sig-…)
        assertThat(decisions.stream().filter(l -> l.contains(",default,rec-"))).hasSize(20);
        assertThat(decisions.stream().filter(l -> l.contains(",default,sig-"))).isNotEmpty();
        assertThat(decisions).allMatch(l -> l.startsWith("id,") || l.contains(",cli-test,default,"));
        assertThat(Files.readAllLines(out.resolve("dead_letters.csv")).get(0))
                .isEqualTo("source,position,reason,detail,payload,id,run_id");
        assertThat(r.err()).contains("2 sector(s)");
        // the run's time, then the whole command's: with the files and report, never shorter
        Matcher wrote = Pattern.compile("in (\\d+) ms: \\d+ bars, \\d+ bars/s \\((\\d+) ms, "
                + "\\d+ bars/s with the files and report\\)").matcher(r.err());
        assertThat(wrote.find()).as(r.err()).isTrue();
        assertThat(Long.parseLong(wrote.group(2))).isGreaterThanOrEqualTo(
                Long.parseLong(wrote.group(1)));
        assertThat(Files.readAllLines(out.resolve("dead_letters.csv"))).noneMatch(l ->
                l.startsWith("earnings.csv"));
        assertThat(Files.readAllLines(out.resolve("breakers.csv")).get(0)).isEqualTo(
                "id,run_id,account,type,status,threshold,actual,ticker,cooldown_expires,"
                        + "tripped_at,resolved_at,reason");
        assertThat(Files.readAllLines(out.resolve("tier_changes.csv")).get(0)).isEqualTo(
                "id,run_id,account,from_tier,to_tier,reason,win_rate,drawdown,reserve_pct,"
                        + "portfolio_value,ts");
        assertThat(Files.readAllLines(out.resolve("reserve_ledger.csv")).get(0)).isEqualTo(
                "id,run_id,account,kind,amount,balance_after,position_id,profit,reason,ts");
        assertThat(Files.readAllLines(out.resolve("config_audit.csv")).get(0)).isEqualTo(
                "id,run_id,command_id,account,command,key,previous_value,new_value,issued_by,"
                        + "status,reason,ts");
        assertThat(Files.readAllLines(out.resolve("notifications.csv")).get(0))
                .isEqualTo("id,run_id,account,kind,message,ts");
        assertThat(out.resolve("orders.csv")).exists();
        assertThat(out.resolve("fills.csv")).exists();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"run_id\" : \"cli-test\"",
                "\"total\" : " + (decisions.size() - 1));
        // the report (R-BT-1): trades, the equity curve at the snapshots, metrics per account
        List<String> snapshots = Files.readAllLines(out.resolve("snapshots.csv"));
        assertThat(snapshots.get(0)).startsWith("id,run_id,account,ts,kind,portfolio_value,cash");
        assertThat(snapshots).hasSize(1 + 78).last().asString().contains(",close,");
        List<String> equity = Files.readAllLines(out.resolve("equity.csv"));
        assertThat(equity.get(0)).isEqualTo("account,ts,portfolio_value,cash,open_positions");
        assertThat(equity).hasSize(1 + 1 + 78); // the starting cash, then every snapshot
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        assertThat(trades.get(0)).isEqualTo("account,position_id,ticker,side,quantity,entry_ts,"
                + "entry_price,exit_ts,exit_price,realized_pnl,return_pct,reason,instrument,"
                + "modelled");
        assertThat(trades).hasSizeGreaterThan(1);
        com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind
                .ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.path("run_id").asText()).isEqualTo("cli-test");
        assertThat(m.path("accounts").path("default").path("trade_count").asInt())
                .isEqualTo(trades.size() - 1);
        assertThat(m.path("accounts").path("default").path("end_value").asDouble())
                .isEqualTo(Double.parseDouble(equity.get(equity.size() - 1).split(",")[2]));
        // report.html: every section, its charts embedded as PNG, one row per trade
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(out.resolve("report.html").toFile(),
                "UTF-8");
        assertThat(html.select("h2").eachAttr("id")).containsExactly("metrics", "equity",
                "drawdown", "monthly", "decisions", "data-gaps", "trades", "micro-trades");
        assertThat(Files.readAllLines(out.resolve("data_gaps.csv")).get(0))
                .isEqualTo("id,run_id,ticker,kind,from_ts,to_ts,missing");
        assertThat(html.select("img")).hasSize(2).allSatisfy(img -> {
            String src = img.attr("src");
            assertThat(src).startsWith("data:image/png;base64,");
            byte[] png = java.util.Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)))
                    .as("a PNG image").isNotNull();
        });
        assertThat(html.select("link[href], script")).as("self-contained").isEmpty();
        assertThat(html.select("#trades-table tr").size() + html.select("#micro-trades-table tr")
                .size() - 2).isEqualTo(trades.size() - 1);
        assertThat(html.select("#metrics + table td").eachText()).contains("trade_count",
                String.valueOf(trades.size() - 1));
        assertThat(html.select("#monthly + table tr")).hasSize(2); // February 2025
        assertThat(html.select("#decisions + table").text()).contains("skip");
    }

    @Test
    void indicatorsWritesOneRowPerBarFromTheJobsClasses() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cli", "ind"));
        MarketGenerator.Generated g = MarketGenerator.generate(new MarketGenerator.Spec(9,
                List.of("SPY"), List.of(500.0),
                MarketGenerator.tradingDays(LocalDate.of(2025, 2, 3), 2, Set.of()), 1, 0.0,
                List.of(), "k".getBytes(StandardCharsets.UTF_8)));
        g.writeBarsCsv(dir.resolve("bars.csv"));
        Path plain = dir.resolve("plain.csv");
        Path slow = dir.resolve("slow.csv");
        assertThat(run("indicators", "--bars", dir.resolve("bars.csv").toString(), "--out",
                plain.toString()).code()).isZero();
        assertThat(run("indicators", "--bars", dir.resolve("bars.csv").toString(), "--out",
                slow.toString(), "--set", "indicators.ema.fast=30").code()).isZero();
        List<String> rows = Files.readAllLines(plain);
        assertThat(rows.get(0)).isEqualTo(IndicatorsCommand.HEADER);
        assertThat(rows).hasSize(g.bars().size() + 1);
        String[] first = rows.get(1).split(",", -1);
        assertThat(first[3]).as("ATR is empty during warm-up").isEmpty();
        String[] later = rows.get(200).split(",", -1);
        assertThat(later[3]).isNotEmpty(); // atr
        assertThat(later[10]).isNotEmpty(); // vwap
        assertThat(Files.readAllLines(slow).get(200).split(",", -1)[5])
                .as("a 30-bar fast EMA differs from the 9-bar one").isNotEqualTo(later[5]);
    }

    @Test
    void backtestReadsItsDateRangeOnly() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cli", "range"));
        List<LocalDate> days = MarketGenerator.tradingDays(LocalDate.of(2025, 2, 3), 3, Set.of());
        MarketGenerator.generate(new MarketGenerator.Spec(6, List.of("SPY"), List.of(500.0),
                days, 0, 0.0, List.of(), "test-webhook-secret".getBytes(StandardCharsets.UTF_8)))
                .writeBarsCsv(dir.resolve("bars.csv"));
        Path out = dir.resolve("out");
        Result r = run("backtest", "--bars", dir.resolve("bars.csv").toString(), "--out",
                out.toString(), "--run-id", "range", "--from", days.get(1).toString(), "--to",
                days.get(1).toString());
        assertThat(r.code()).as(r.err()).isZero();
        // R-BT-1: only the middle day is read: its snapshots, its decisions
        List<String> snapshots = Files.readAllLines(out.resolve("snapshots.csv"));
        assertThat(snapshots).hasSize(1 + 78);
        assertThat(snapshots.subList(1, snapshots.size()))
                .allMatch(l -> l.contains("," + days.get(1) + "T"));
        assertThat(Files.readAllLines(out.resolve("decisions.csv")).stream().skip(1))
                .isNotEmpty().allMatch(l -> l.contains("," + days.get(1) + "T"));

        Result bad = run("backtest", "--bars", dir.resolve("bars.csv").toString(), "--out",
                out.toString(), "--from", days.get(2).toString(), "--to",
                days.get(0).toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("input.to: must not be before input.from");
    }
}
