package io.tradeflow.job.edges;

import io.tradeflow.event.Bar;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The compact forms of the busiest edges' fields: texts as Latin-1 bytes, and runs of bars with
 * their ticker once.
 *
 * <p>Why: in BATCH each bar crosses two sorted edges (into the ticker stage, into the account
 * engine), and every record on them is serialized, sorted and read back twice. A bar field by
 * field had its ticker decoded a character at a time and allocated again for every bar; a run
 * now writes it once, and every text is its Latin-1 bytes in one copy. (Prices as ints of
 * ten-thousandths and times as deltas made a bar 25 bytes instead of 48, but a flight recording
 * of the ticker stage showed the encoding at 30 % of its samples against 7 % for the fields as
 * they are: this machine's sorts are CPU-bound, not byte-bound.)
 */
final class Compact {

    private Compact() {}

    /** Writes a text, {@code null} included: its length, then Latin-1 bytes or UTF-16 chars. */
    static void text(String s, DataOutputView out) throws IOException {
        if (s == null) {
            varint(0, out);
            return;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                varint(2L * n + 2, out);
                out.writeChars(s);
                return;
            }
        }
        varint(2L * n + 1, out);
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(DataInputView in) throws IOException {
        long header = varint(in);
        if (header == 0) {
            return null;
        }
        int n = (int) ((header - 1) >>> 1);
        if ((header & 1) == 1) {
            byte[] b = new byte[n];
            in.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }

    /**
     * Writes the bars of {@code items} (at least one; {@code bar} picks each item's): their ticker
     * once when they share it, else each bar's; then each bar's time, prices and volume as they
     * are.
     */
    static <T> void bars(List<T> items, Function<T, Bar> bar, DataOutputView out)
            throws IOException {
        String ticker = bar.apply(items.get(0)).ticker();
        boolean shared = true;
        for (T item : items) {
            shared &= ticker.equals(bar.apply(item).ticker());
        }
        out.writeBoolean(shared);
        if (shared) {
            text(ticker, out);
        }
        for (T item : items) {
            Bar b = bar.apply(item);
            if (!shared) {
                text(b.ticker(), out);
            }
            fields(b, out);
        }
    }

    /** Writes a bar's time, prices and volume (not its ticker). */
    static void fields(Bar b, DataOutputView out) throws IOException {
        out.writeLong(b.ts());
        out.writeDouble(b.open());
        out.writeDouble(b.high());
        out.writeDouble(b.low());
        out.writeDouble(b.close());
        out.writeLong(b.volume());
    }

    /** Reads a bar of {@code ticker} written by {@link #fields}. */
    static Bar fields(String ticker, DataInputView in) throws IOException {
        return new Bar(ticker, in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readLong());
    }

    /** Reads {@code n} bars written by {@link #bars(List, Function, DataOutputView)}. */
    static void bars(DataInputView in, int n, List<Bar> into) throws IOException {
        boolean shared = in.readBoolean();
        String ticker = shared ? text(in) : null;
        for (int i = 0; i < n; i++) {
            into.add(fields(shared ? ticker : text(in), in));
        }
    }

    /** Writes a signed number in as few bytes as its size needs (zig-zag, seven bits a byte). */
    static void varint(long v, DataOutputView out) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.writeByte((int) z);
    }

    static long varint(DataInputView in) throws IOException {
        long z = 0;
        int shift = 0;
        byte b;
        do {
            b = in.readByte();
            z |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return (z >>> 1) ^ -(z & 1);
    }
}
