package io.tradeflow.job;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes CSV rows (RFC 4180) as UTF-8 straight into bytes: a cell is quoted when it holds a
 * separator, a quote or a line break, its quotes doubled as it is copied.
 *
 * <p>Why not a {@link java.io.Writer}: a run's decision file is a hundred megabytes of traces,
 * JSON full of quotes. Through a writer each cell went from its string to characters and back to
 * bytes, and each call took the writer's lock; the decisions of the 50-ticker month took 0.5 s
 * warm and 1.2 s cold after the job. A string of ASCII becomes its bytes in one copy, and a quote
 * (0x22) never occurs inside a multi-byte UTF-8 sequence, so doubling it byte by byte is exact.
 */
public final class CsvBytes implements Closeable {
    private static final byte QUOTE = '"';

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    private boolean rowStarted;

    public CsvBytes(OutputStream out) {
        this.out = out;
    }

    /** Returns a buffered CSV file, created or truncated. */
    public static CsvBytes create(Path p) throws IOException {
        return new CsvBytes(Files.newOutputStream(p));
    }

    /** Returns one cell as a row would hold it (quoted when needed). */
    static String asCell(Object v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (CsvBytes csv = new CsvBytes(b)) {
            csv.cell(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Writes one row of cells. */
    public void row(Object... cells) throws IOException {
        for (Object c : cells) {
            cell(c);
        }
        endRow();
    }

    /** Writes the next cell of the current row; {@code null} writes an empty cell. */
    public CsvBytes cell(Object v) throws IOException {
        if (rowStarted) {
            put((byte) ',');
        }
        rowStarted = true;
        if (v != null) {
            write(v.toString());
        }
        return this;
    }

    /** Ends the current row. */
    public void endRow() throws IOException {
        put((byte) '\n');
        rowStarted = false;
    }

    /**
     * Writes a row rendered before, in two parts with a cell between them: {@code head} (its
     * cells and the separator after them), {@code cell}, then {@code tail} (a separator and its
     * cells), and ends it.
     */
    public void rowBytes(ByteBuffer head, byte[] cell, ByteBuffer tail) throws IOException {
        copy(head);
        put(cell, 0, cell.length);
        copy(tail);
        endRow();
    }

    private void copy(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (n == buf.length) {
                flushBuffer();
            }
            int k = Math.min(buf.length - n, bytes.remaining());
            bytes.get(buf, n, k);
            n += k;
        }
    }

    /**
     * Returns a text's cell as a row holds it: UTF-8, quoted when needed, quotes doubled. One
     * pass counts the quotes, one copies without a branch on each byte (a trace has a quote
     * every seven bytes: a branch on each mispredicts often).
     */
    static byte[] cellBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int quotes = quotes(b);
        if (plain(s, quotes)) {
            return b;
        }
        byte[] cell = new byte[b.length + quotes + 2];
        quote(b, cell, 0);
        return cell;
    }

    /** Returns how many quotes {@code b} holds. */
    static int quotes(byte[] b) {
        int quotes = 0;
        for (byte c : b) {
            quotes += c == QUOTE ? 1 : 0;
        }
        return quotes;
    }

    /** Returns whether a text with {@code quotes} quotes is its own cell, unquoted. */
    static boolean plain(String s, int quotes) {
        return quotes == 0 && s.indexOf(',') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }

    /** Copies {@code b} into {@code cell} from {@code at}, quoted, its quotes doubled. */
    static void quote(byte[] b, byte[] cell, int at) {
        cell[at] = QUOTE;
        int to = at + 1;
        for (int i = 0; i < b.length - 1; i++) { // the next byte written is a quote or overwritten
            byte c = b[i];
            cell[to] = c;
            cell[to + 1] = QUOTE;
            to += c == QUOTE ? 2 : 1;
        }
        if (b.length > 0) {
            byte c = b[b.length - 1];
            cell[to++] = c;
            if (c == QUOTE) {
                cell[to++] = QUOTE;
            }
        }
        cell[to] = QUOTE;
    }

    /** Returns the text of a cell {@link #cellBytes} rendered: unquoted, its quotes single. */
    static String fromCell(ByteBuffer cell) {
        byte[] b = new byte[cell.remaining()];
        cell.get(b);
        if (b.length == 0 || b[0] != QUOTE) {
            return new String(b, StandardCharsets.UTF_8);
        }
        int to = 0;
        for (int i = 1; i < b.length - 1; i++) {
            b[to++] = b[i];
            if (b[i] == QUOTE) {
                i++; // the second of a doubled quote
            }
        }
        return new String(b, 0, to, StandardCharsets.UTF_8);
    }

    private void write(String s) throws IOException {
        byte[] b = cellBytes(s);
        put(b, 0, b.length);
    }

    private void put(byte b) throws IOException {
        if (n == buf.length) {
            flushBuffer();
        }
        buf[n++] = b;
    }

    private void put(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - n) {
            flushBuffer();
            if (len > buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, n, len);
        n += len;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
