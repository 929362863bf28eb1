package io.tradeflow.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small CSV file of a fixed header and no quoting (cells hold no comma or quote): blank
 * lines are skipped; a quote, a wrong number of cells or another header is an error naming the
 * file and the line.
 */
public final class PlainCsv {
    private PlainCsv() {}

    /** Holds the cells of one line, with its 1-based line number. */
    public record Row(Path file, long line, String[] cells) {

        /** Returns cell {@code i}, trimmed. */
        public String cell(int i) {
            return cells[i].trim();
        }

        /** Returns the error of this line: {@code FILE line N: reason}. */
        public IllegalArgumentException error(String reason) {
            return PlainCsv.error(file, line, reason);
        }
    }

    /**
     * Returns the rows after the header.
     *
     * @throws IllegalArgumentException for another header, a quote or a wrong number of cells
     */
    public static List<Row> read(Path file, String header) throws IOException {
        String[] columns = header.split(",", -1);
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null || !first.replace("\uFEFF", "").strip().equals(header)) {
                throw error(file, 1, "expected the header '" + header + "'");
            }
            String text;
            long n = 1;
            while ((text = r.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                if (text.indexOf('"') >= 0) {
                    throw error(file, n, "quoted cells are not supported");
                }
                String[] cells = text.split(",", -1);
                if (cells.length != columns.length) {
                    throw error(file, n, "expected " + columns.length + " cells (" + header
                            + "), found " + cells.length);
                }
                rows.add(new Row(file, n, cells));
            }
        }
        return rows;
    }

    /** Returns the error {@code FILE line N: reason}. */
    public static IllegalArgumentException error(Path file, long line, String reason) {
        return new IllegalArgumentException(file + " line " + line + ": " + reason);
    }
}
