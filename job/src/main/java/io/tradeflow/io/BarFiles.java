package io.tradeflow.io;

import io.tradeflow.io.parse.BarParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
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
            if (format == BarParser.Format.JSON) {
                try (BufferedReader r = reader(p)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        add(tickerOf(line, format), seen, tickers);
                    }
                }
            } else {
                try (InputStream in = stream(p)) {
                    new TickerScan(format == BarParser.Format.CSV).scan(in,
                            t -> add(t, seen, tickers));
                }
            }
        }
        return tickers;
    }

    private static void add(String t, Set<String> seen, Set<String> tickers) {
        if (t != null && seen.add(t) && TICKER.matcher(t.strip()).matches()) {
            tickers.add(t.strip());
        }
    }

    /**
     * Finds the ticker field of every line after the header in the file's bytes: the first field
     * ({@code csv}) or the last ({@code daily}). A ticker is decoded only the first time its
     * bytes occur: the 50-ticker month's 709 k lines took 0.5 s as strings, before the job could
     * start, and 70 ms when only a repeat of the line before's was skipped (its tickers take
     * turns line by line).
     */
    static final class TickerScan {
        /** Distinct tickers kept; beyond, each new spelling is decoded at every change. */
        static final int MAX = 1 << 16;

        private final boolean first;
        /** The last ticker's bytes, null before the first. */
        private byte[] last;
        /** The tickers found, by their bytes: open addressing, at most half full. */
        private byte[][] found = new byte[64][];
        private int size;
        private boolean header = true;
        private final int bufferSize;

        TickerScan(boolean first) {
            this(first, 1 << 20);
        }

        TickerScan(boolean first, int bufferSize) {
            this.first = first;
            this.bufferSize = bufferSize;
        }

        void scan(InputStream in, Consumer<String> found) throws IOException {
            byte[] buf = new byte[bufferSize];
            int n = 0;
            boolean eof = false;
            while (!eof) {
                int r = in.read(buf, n, buf.length - n);
                eof = r < 0;
                n += Math.max(r, 0);
                int start = 0;
                for (int nl = indexOf(buf, 0, n); nl >= 0; nl = indexOf(buf, start, n)) {
                    line(buf, start, nl, found);
                    start = nl + 1;
                }
                if (eof && start < n) {
                    line(buf, start, n, found); // the last line, without its line break
                }
                System.arraycopy(buf, start, buf, 0, n - start);
                n -= start;
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                }
            }
        }

        private void line(byte[] b, int from, int to, Consumer<String> found) {
            if (header) {
                header = false;
            } else {
                field(b, from, to, found);
            }
        }

        private void field(byte[] b, int from, int to, Consumer<String> found) {
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            int comma = -1;
            if (first) {
                for (int i = from; i < to; i++) {
                    if (b[i] == ',') {
                        comma = i;
                        break;
                    }
                }
                if (comma >= 0) {
                    emit(b, from, comma, found);
                }
            } else {
                for (int i = to - 1; i >= from; i--) {
                    if (b[i] == ',') {
                        comma = i;
                        break;
                    }
                }
                if (comma >= 0) {
                    emit(b, comma + 1, to, found);
                }
            }
        }

        private void emit(byte[] b, int from, int to, Consumer<String> out) {
            if (last != null && Arrays.equals(b, from, to, last, 0, last.length)) {
                return;
            }
            int mask = found.length - 1;
            for (int slot = hash(b, from, to) & mask; ; slot = (slot + 1) & mask) {
                byte[] known = found[slot];
                if (known == null) {
                    last = Arrays.copyOfRange(b, from, to);
                    if (size < MAX) {
                        found[slot] = last;
                        if (++size * 2 > found.length) {
                            grow();
                        }
                    }
                    out.accept(new String(last, StandardCharsets.UTF_8));
                    return;
                }
                if (Arrays.equals(b, from, to, known, 0, known.length)) {
                    last = known;
                    return;
                }
            }
        }

        private void grow() {
            byte[][] old = found;
            found = new byte[old.length * 2][];
            int mask = found.length - 1;
            for (byte[] known : old) {
                if (known != null) {
                    int slot = hash(known, 0, known.length) & mask;
                    while (found[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    found[slot] = known;
                }
            }
        }

        private static int hash(byte[] b, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            return h ^ (h >>> 16);
        }

        private static int indexOf(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
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
        return new BufferedReader(new InputStreamReader(stream(p), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** Returns a bar file's bytes, decompressed when its name ends in {@code .gz}. */
    private static InputStream stream(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
