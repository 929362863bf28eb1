package io.tradeflow.notebooks;

import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Daily bars of a small multi-sector universe for the portfolio notebooks: a subset of the S&amp;P
 * 500 daily file (the most traded tickers of each sector over a date range), or, without that
 * file, generated bars whose returns share a market and a sector factor (so correlation and
 * sector limits have something to act on).
 *
 * @param bars by date, then ticker
 * @param sectors sector by ticker, for the tickers of {@code bars}
 * @param source where the bars come from, for the notebook's output
 */
public record DailyUniverse(List<DailyBar> bars, Map<String, String> sectors, String source) {

    /** One daily bar. */
    public record DailyBar(LocalDate date, String ticker, double open, double high, double low,
            double close, long volume) {}

    public DailyUniverse {
        bars = List.copyOf(bars);
        sectors = Map.copyOf(sectors);
    }

    /**
     * Reads the S&amp;P 500 daily file ({@code date,open,high,low,close,volume,Name}, gzip or not)
     * and its sector file ({@code ticker,sector,…}) and keeps, for each sector, the
     * {@code perSector} tickers with the largest average dollar volume within
     * {@code [from, to]}. Rows with an empty field or a high/low that does not bracket the open
     * and close are dropped (the file has a few on purpose).
     */
    public static DailyUniverse load(Path dailyFile, Path sectorFile, LocalDate from, LocalDate to,
            int perSector) throws IOException {
        Map<String, String> sectorOf = readSectors(sectorFile);
        Map<String, List<DailyBar>> byTicker = new HashMap<>();
        int dropped = 0;
        try (BufferedReader r = reader(dailyFile)) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",", -1);
                if (c.length < 7) {
                    dropped++;
                    continue;
                }
                LocalDate date = LocalDate.parse(c[0]);
                if (date.isBefore(from) || date.isAfter(to) || !sectorOf.containsKey(c[6])) {
                    continue;
                }
                DailyBar b;
                try {
                    b = new DailyBar(date, c[6], Double.parseDouble(c[1]),
                            Double.parseDouble(c[2]), Double.parseDouble(c[3]),
                            Double.parseDouble(c[4]), Long.parseLong(c[5]));
                } catch (NumberFormatException e) {
                    dropped++;
                    continue;
                }
                if (b.high() < Math.max(b.open(), b.close()) || b.low() > Math.min(b.open(),
                        b.close())) {
                    dropped++;
                    continue;
                }
                byTicker.computeIfAbsent(b.ticker(), t -> new ArrayList<>()).add(b);
            }
        }
        Map<String, List<String>> bySector = new TreeMap<>();
        byTicker.keySet().stream().sorted().forEach(t ->
                bySector.computeIfAbsent(sectorOf.get(t), s -> new ArrayList<>()).add(t));
        List<DailyBar> bars = new ArrayList<>();
        Map<String, String> sectors = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : bySector.entrySet()) {
            List<String> tickers = new ArrayList<>(e.getValue());
            tickers.sort(Comparator.comparingDouble((String t) -> -dollarVolume(byTicker.get(t)))
                    .thenComparing(t -> t));
            for (String t : tickers.subList(0, Math.min(perSector, tickers.size()))) {
                bars.addAll(byTicker.get(t));
                sectors.put(t, e.getKey());
            }
        }
        bars.sort(Comparator.comparing(DailyBar::date).thenComparing(DailyBar::ticker));
        return new DailyUniverse(bars, sectors, dailyFile.getFileName() + " " + from + ".." + to
                + ", " + sectors.size() + " tickers, " + dropped + " bad rows dropped");
    }

    /**
     * Generates {@code sectors × perSector} tickers ({@code S0T0}, …) over the weekdays of
     * {@code [from, to]}: daily log returns = market + sector + own noise, so tickers of one
     * sector correlate (about 0.6) more than tickers of two (about 0.3).
     */
    public static DailyUniverse generate(long seed, LocalDate from, LocalDate to, int sectors,
            int perSector) {
        Random rnd = new Random(seed);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        int n = sectors * perSector;
        double[] price = new double[n];
        double[] drift = new double[n];
        Map<String, String> sectorOf = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            price[i] = 20 + rnd.nextInt(180);
            drift[i] = 0.0008 * rnd.nextGaussian();
            sectorOf.put(name(i / perSector, i % perSector), "Sector " + (char) ('A' + i / perSector));
        }
        List<DailyBar> bars = new ArrayList<>();
        for (LocalDate d : days) {
            double market = 0.008 * rnd.nextGaussian() + 0.0003;
            double[] sector = new double[sectors];
            for (int s = 0; s < sectors; s++) {
                sector[s] = 0.008 * rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double r = drift[i] + market + sector[i / perSector] + 0.009 * rnd.nextGaussian();
                double open = price[i] * Math.exp(0.003 * rnd.nextGaussian());
                double close = price[i] * Math.exp(r);
                double range = Math.abs(0.01 * rnd.nextGaussian()) * close;
                double high = Math.max(open, close) + range * rnd.nextDouble();
                double low = Math.min(open, close) - range * rnd.nextDouble();
                bars.add(new DailyBar(d, name(i / perSector, i % perSector), round(open),
                        round(high), round(low), round(close), 1_000_000 + rnd.nextInt(9_000_000)));
                price[i] = close;
            }
        }
        bars.sort(Comparator.comparing(DailyBar::date).thenComparing(DailyBar::ticker));
        return new DailyUniverse(bars, sectorOf, "generated (seed " + seed + "), " + from + ".."
                + to + ", " + n + " tickers in " + sectors + " sectors");
    }

    /** Returns the tickers, sorted. */
    public List<String> tickers() {
        return new TreeMap<>(sectors).keySet().stream().toList();
    }

    /** Returns each ticker's bars in date order. */
    public Map<String, List<DailyBar>> byTicker() {
        Map<String, List<DailyBar>> m = new TreeMap<>();
        for (DailyBar b : bars) {
            m.computeIfAbsent(b.ticker(), t -> new ArrayList<>()).add(b);
        }
        return m;
    }

    /** Writes the bars in the daily format the backtest reads ({@code daily}). */
    public Path writeBars(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("date,open,high,low,close,volume,Name\n");
            for (DailyBar b : bars) {
                w.write(b.date() + "," + b.open() + "," + b.high() + "," + b.low() + ","
                        + b.close() + "," + b.volume() + "," + b.ticker() + "\n");
            }
        }
        return file;
    }

    /** Writes the sector map as the {@code sectors:} configuration key reads it. */
    public Path writeSectors(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("ticker,sector\n");
            for (Map.Entry<String, String> e : new TreeMap<>(sectors).entrySet()) {
                String sector = e.getValue().contains(",") ? '"' + e.getValue() + '"' : e.getValue();
                w.write(e.getKey() + "," + sector + "\n");
            }
        }
        return file;
    }

    /** Returns the bars as a table: date, ticker, sector, OHLC, volume. */
    public Table table() {
        DateColumn date = DateColumn.create("date");
        StringColumn ticker = StringColumn.create("ticker");
        StringColumn sector = StringColumn.create("sector");
        DoubleColumn open = DoubleColumn.create("open");
        DoubleColumn high = DoubleColumn.create("high");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn close = DoubleColumn.create("close");
        LongColumn volume = LongColumn.create("volume");
        for (DailyBar b : bars) {
            date.append(b.date());
            ticker.append(b.ticker());
            sector.append(sectors.get(b.ticker()));
            open.append(b.open());
            high.append(b.high());
            low.append(b.low());
            close.append(b.close());
            volume.append(b.volume());
        }
        return Table.create("daily bars", date, ticker, sector, open, high, low, close, volume);
    }

    static Map<String, String> readSectors(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c.length >= 2 && !c[0].isBlank() && !c[1].isBlank()) {
                m.put(c[0].strip(), c[1].strip());
            }
        }
        return m;
    }

    private static double dollarVolume(List<DailyBar> bars) {
        return bars.stream().mapToDouble(b -> b.close() * b.volume()).average().orElse(0);
    }

    private static BufferedReader reader(Path file) throws IOException {
        if (file.toString().endsWith(".gz")) {
            return new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                    StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    private static String name(int sector, int i) {
        return "S" + sector + "T" + i;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
