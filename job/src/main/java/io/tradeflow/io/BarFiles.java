package io.tradeflow.io;

import io.tradeflow.io.parse.BarParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads bar files as text ({@code .gz} decompressed) and finds their tickers, for the default
 * backtest account's universe: only well-formed tickers; a row with a malformed one becomes an
 * {@code unknown_ticker} dead letter when parsed, and never aborts the run.
 */
public final class BarFiles {
    /** A ticker as the configuration accepts it. */
    public static final Pattern TICKER = Pattern.compile("[A-Z0-9.^-]+");

    private BarFiles() {}

    public static Set<String> tickers(List<Path> files, BarParser.Format format, String ticker)
            throws IOException {
        Set<String> tickers = new TreeSet<>();
        // a file repeats each ticker on every line: check each spelling once
        Set<String> seen = new HashSet<>();
        if (format == BarParser.Format.NINJATRADER) {
            tickers.add(ticker);
            return tickers;
        }
        for (Path p : files) {
            try (BufferedReader r = reader(p)) {
                String line;
                boolean first = true;
                while ((line = r.readLine()) != null) {
                    if (first && format != BarParser.Format.JSON) {
                        first = false;
                        continue; // header
                    }
                    String t = tickerOf(line, format);
                    if (t != null && seen.add(t) && TICKER.matcher(t.strip()).matches()) {
                        tickers.add(t.strip());
                    }
                }
            }
        }
        return tickers;
    }

    private static String tickerOf(String line, BarParser.Format format) {
        return switch (format) {
            case CSV -> line.indexOf(',') < 0 ? null : line.substring(0, line.indexOf(','));
            case DAILY -> line.lastIndexOf(',') < 0 ? null
                    : line.substring(line.lastIndexOf(',') + 1);
            case JSON -> {
                int i = line.indexOf("\"ticker\"");
                int q1 = i < 0 ? -1 : line.indexOf('"', line.indexOf(':', i) + 1);
                int q2 = q1 < 0 ? -1 : line.indexOf('"', q1 + 1);
                yield q2 < 0 ? null : line.substring(q1 + 1, q2);
            }
            default -> null;
        };
    }

    public static BufferedReader reader(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
