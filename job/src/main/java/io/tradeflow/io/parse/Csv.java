package io.tradeflow.io.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting, no embedded line breaks); cells are stripped. */
public final class Csv {
    private Csv() {}

    public static List<String> split(String line, char separator) {
        if (line.indexOf('"') < 0) {
            return splitUnquoted(line, separator);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new Reject(Reasons.MALFORMED_CSV, "unterminated quote");
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** The common case without quotes: substrings, no per-character copy. */
    private static List<String> splitUnquoted(String line, char separator) {
        List<String> cells = new ArrayList<>(8);
        int from = 0;
        for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, from)) {
            cells.add(line.substring(from, at).strip());
            from = at + 1;
        }
        cells.add(line.substring(from).strip());
        return cells;
    }

    static List<String> split(String line, char separator, int columns) {
        return columns(split(line, separator), columns);
    }

    /** Returns the cells, rejecting a line without exactly {@code columns} of them. */
    static List<String> columns(List<String> cells, int columns) {
        if (cells.size() != columns) {
            throw new Reject(Reasons.MALFORMED_CSV,
                    "expected " + columns + " columns, got " + cells.size());
        }
        return cells;
    }

    /** Returns whether the cells spell the header (case-insensitive). */
    static boolean isHeader(List<String> cells, List<String> header) {
        if (cells.size() != header.size()) {
            return false;
        }
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).equalsIgnoreCase(header.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the cell, rejecting an empty one as a missing field. */
    static String required(List<String> cells, int index, String field) {
        String cell = cells.get(index);
        if (cell.isEmpty()) {
            throw new Reject(Reasons.MISSING_FIELD, "missing field '" + field + "'");
        }
        return cell;
    }
}
