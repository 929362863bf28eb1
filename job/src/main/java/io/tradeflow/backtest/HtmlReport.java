package io.tradeflow.backtest;

import io.tradeflow.event.PortfolioSnapshot;
import io.tradeflow.rules.calendar.MarketTime;
import io.tradeflow.rules.metrics.EquityPoint;
import io.tradeflow.rules.metrics.TradeRecord;

import com.fasterxml.jackson.databind.JsonNode;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a backtest's {@code report.html}: one self-contained page (charts embedded as PNG, no
 * script, no external resource) with the metrics per account, the equity and drawdown curves at
 * the portfolio snapshots, the monthly returns from the close snapshots, the decisions by rule, the
 * gaps in the bars, and the trades, micro trades (R-MICRO-1) apart. Charts are drawn by XChart,
 * the notebooks' plotting library.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private HtmlReport() {}

    /**
     * Writes {@code report.html} into {@code dir}, from the curves and metrics {@link
     * BacktestReport} computed for its own files.
     */
    static void write(Path dir, BacktestResult r, Map<String, List<EquityPoint>> curves,
            JsonNode metrics) throws IOException {
        List<TradeRecord> trades = r.tradeRecords();
        Set<String> micro = r.microPositions();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Backtest ")
                .append(esc(r.runId())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
                .append("</style></head><body>\n");
        h.append("<h1>Backtest ").append(esc(r.runId())).append("</h1>\n<p>")
                .append(esc(r.runtimeMode().name())).append(", ")
                .append(r.config().engine().accounts().size()).append(" account(s), ")
                .append(r.collected().barsHandled()).append(" bars")
                .append(range(r.collected().snapshots())).append(", ")
                .append(r.elapsed().toMillis()).append(" ms</p>\n");

        section(h, "metrics", "Metrics (R-MET-1)");
        List<String> names = new ArrayList<>();
        metrics.path("accounts").fields().forEachRemaining(e -> names.add(e.getKey()));
        h.append("<table><tr><th>metric</th>");
        names.forEach(n -> h.append("<th>").append(esc(n)).append("</th>"));
        h.append("</tr>\n");
        if (!names.isEmpty()) {
            Iterator<String> keys = metrics.path("accounts").path(names.get(0)).fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                h.append("<tr><td>").append(esc(k)).append("</td>");
                for (String n : names) {
                    h.append("<td>").append(esc(metrics.path("accounts").path(n).path(k)
                            .asText())).append("</td>");
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n");

        section(h, "equity", "Equity");
        image(h, "equity", chart("Portfolio value", "value", curves, false));
        section(h, "drawdown", "Drawdown");
        image(h, "drawdown", chart("Drawdown from the high-water mark", "drawdown", curves, true));

        section(h, "monthly", "Monthly returns");
        h.append("<table><tr><th>month</th>");
        names.forEach(n -> h.append("<th>").append(esc(n)).append("</th>"));
        h.append("</tr>\n");
        Map<YearMonth, Map<String, Double>> monthly = monthly(curves);
        monthly.forEach((month, byAccount) -> {
            h.append("<tr><td>").append(month).append("</td>");
            for (String n : names) {
                Double v = byAccount.get(n);
                h.append("<td>").append(v == null ? "" : String.format(java.util.Locale.ROOT,
                        "%.2f %%", v * 100)).append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n");

        section(h, "decisions", "Decisions by rule");
        h.append("<table><tr><th>outcome and rule</th><th>decisions</th></tr>\n");
        r.collected().decisionsByReason().forEach((k, v) -> h.append("<tr><td>").append(esc(k))
                .append("</td><td>").append(v).append("</td></tr>\n"));
        h.append("</table>\n");

        section(h, "data-gaps", "Data gaps");
        List<io.tradeflow.event.DataGap> gaps = r.collected().dataGaps();
        h.append("<p>").append(gaps.size()).append(" gap(s) in the bars").append(gaps.size() > 200
                ? ", the first 200:" : "").append("</p>\n<table id=\"data-gaps-table\"><tr>")
                .append("<th>ticker</th><th>kind</th><th>after</th><th>before</th>")
                .append("<th>missing</th></tr>\n");
        for (io.tradeflow.event.DataGap g : gaps.subList(0, Math.min(200, gaps.size()))) {
            h.append("<tr><td>").append(esc(g.ticker())).append("</td><td>").append(g.kind())
                    .append("</td><td>").append(MarketTime.iso(g.fromTs())).append("</td><td>")
                    .append(MarketTime.iso(g.toTs())).append("</td><td>").append(g.missing())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        section(h, "trades", "Trades");
        trades(h, "trades-table", trades.stream().filter(t -> !micro.contains(t.positionId()))
                .toList());
        section(h, "micro-trades", "Micro trades (R-MICRO-1)");
        trades(h, "micro-trades-table", trades.stream()
                .filter(t -> micro.contains(t.positionId())).toList());
        h.append("</body></html>\n");
        Files.writeString(dir.resolve(FILE), h.toString(), StandardCharsets.UTF_8);
    }

    private static String range(List<PortfolioSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return "";
        }
        return ", " + MarketTime.date(snapshots.get(0).ts()) + " to "
                + MarketTime.date(snapshots.get(snapshots.size() - 1).ts());
    }

    private static void section(StringBuilder h, String id, String title) {
        h.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
    }

    private static void image(StringBuilder h, String alt, XYChart chart) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        h.append("<img alt=\"").append(alt).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\">\n");
    }

    private static XYChart chart(String title, String yTitle, Map<String, List<EquityPoint>> curves,
            boolean drawdown) {
        XYChart c = new XYChartBuilder().width(900).height(320).title(title).xAxisTitle("time")
                .yAxisTitle(yTitle).build();
        c.getStyler().setDatePattern("MM-dd HH:mm");
        c.getStyler().setLegendVisible(curves.size() > 1);
        curves.forEach((account, curve) -> {
            if (curve.isEmpty()) {
                return;
            }
            List<Date> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            double high = Double.NEGATIVE_INFINITY;
            for (EquityPoint p : curve) {
                high = Math.max(high, p.value());
                x.add(new Date(p.ts()));
                y.add(drawdown ? (high > 0 ? p.value() / high - 1 : 0) : p.value());
            }
            c.addSeries(account, x, y).setMarker(SeriesMarkers.NONE);
        });
        return c;
    }

    /** Returns each month's return per account: last value of the month over the last before. */
    static Map<YearMonth, Map<String, Double>> monthly(Map<String, List<EquityPoint>> curves) {
        Map<YearMonth, Map<String, Double>> out = new TreeMap<>();
        curves.forEach((account, curve) -> {
            Map<YearMonth, Double> last = new TreeMap<>();
            for (EquityPoint p : curve) {
                last.put(YearMonth.from(MarketTime.date(p.ts())), p.value());
            }
            double before = curve.isEmpty() ? Double.NaN : curve.get(0).value();
            for (Map.Entry<YearMonth, Double> e : last.entrySet()) {
                out.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(account,
                        e.getValue() / before - 1);
                before = e.getValue();
            }
        });
        return out;
    }

    private static void trades(StringBuilder h, String id, List<TradeRecord> trades) {
        h.append("<table id=\"").append(id).append("\"><tr><th>account</th><th>ticker</th>")
                .append("<th>side</th><th>quantity</th><th>entry</th><th>entry price</th>")
                .append("<th>exit</th><th>exit price</th><th>P&amp;L</th><th>return</th>")
                .append("<th>reason</th></tr>\n");
        for (TradeRecord t : trades) {
            h.append("<tr><td>").append(esc(t.account())).append("</td><td>")
                    .append(esc(t.ticker())).append(instrument(t)).append("</td><td>")
                    .append(esc(t.side()))
                    .append("</td><td>").append(t.quantity()).append("</td><td>")
                    .append(MarketTime.iso(t.entryTs())).append("</td><td>")
                    .append(t.entryPrice()).append("</td><td>").append(MarketTime.iso(t.exitTs()))
                    .append("</td><td>").append(t.exitPrice()).append("</td><td>")
                    .append(t.realizedPnl().toPlainString()).append("</td><td>")
                    .append(String.format(java.util.Locale.ROOT, "%.2f %%", t.returnPct() * 100))
                    .append("</td><td>").append(esc(t.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * Returns an option trade's contract after its underlying, and whether the model priced it
     * (R-OPT-4: a modelled fill is shown as such); nothing for shares.
     */
    static String instrument(TradeRecord t) {
        if (t.instrument() == null) {
            return "";
        }
        return "<br><code>" + esc(t.instrument()) + "</code>"
                + (t.modelled() ? " <em class=\"modelled\">modelled (R-OPT-4)</em>" : "");
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
