package io.tradeflow.io.config;

import io.tradeflow.io.parse.Csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the sector of each ticker (R-SIZE-4, R-SIZE-5) from a CSV file whose header starts with
 * {@code ticker,<sector column>} (e.g. {@code ticker,gics_sector_pre2018,source_version}): the
 * first two columns of every row; further columns are ignored, blank lines skipped.
 */
public final class SectorMap {
    private SectorMap() {}

    /**
     * Returns sector by ticker.
     *
     * @throws IllegalArgumentException listing every problem as {@code file:line: what is wrong}
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the sector file (" + e + ")");
        }
        return parse(lines, file.toString());
    }

    /** Returns sector by ticker from the file's lines ({@code source} names it in errors). */
    public static Map<String, String> parse(List<String> lines, String source) {
        List<String> errors = new ArrayList<>();
        Map<String, String> out = new TreeMap<>();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException(source + ": empty sector file (expected a header "
                    + "ticker,<sector>)");
        }
        List<String> header = Csv.split(strip(lines.get(first)), ',');
        if (header.size() < 2 || !header.get(0).strip().equalsIgnoreCase("ticker")) {
            throw new IllegalArgumentException(source + ":" + (first + 1) + ": expected a header "
                    + "ticker,<sector>, got '" + lines.get(first) + "'");
        }
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String at = source + ":" + (i + 1) + ": ";
            List<String> cells;
            try {
                cells = Csv.split(line, ',');
            } catch (RuntimeException e) {
                errors.add(at + "malformed CSV (" + e.getMessage() + ")");
                continue;
            }
            if (cells.size() < 2) {
                errors.add(at + "expected ticker,sector, got '" + line + "'");
                continue;
            }
            String ticker = cells.get(0).strip();
            String sector = cells.get(1).strip();
            if (ticker.isEmpty() || sector.isEmpty()) {
                errors.add(at + "ticker and sector must not be blank");
                continue;
            }
            String before = out.putIfAbsent(ticker, sector);
            if (before != null && !before.equals(sector)) {
                errors.add(at + ticker + " is in two sectors: '" + before + "' and '" + sector
                        + "'");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return out;
    }

    private static String strip(String header) {
        // a byte-order mark would make the first column "\uFEFFticker"
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }
}
