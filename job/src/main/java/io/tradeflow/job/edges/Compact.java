package io.tradeflow.job.edges;

import io.tradeflow.event.Bar;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The compact forms of the busiest edges' fields: texts as Latin-1 bytes, and runs of bars as
 * columns of small numbers, exact to the bit.
 *
 * <p>Why: in BATCH each bar crosses two sorted edges (into the ticker stage, into the account
 * engine), and every record on them is serialized, sorted, spilled when memory is short, and read
 * back twice. A bar field by field was 62 bytes, its ticker decoded and allocated again for every
 * bar. Here a run writes its ticker once, and each bar as ints where they fit: its time as the
 * difference from the bar before, its prices as steps of ten-thousandths when that is exact (the
 * double itself when not), its volume: 25 bytes. (Variable-length integers made it 22 bytes but
 * cost more to read, a byte at a time, than the bytes they saved.)
 */
final class Compact {
    /** Prices are written as whole multiples of 1/SCALE when that reads back to the same bits. */
    static final double SCALE = 1e4;
    private static final long MAX_SCALED = 1L << 52;
    /** {@link #scaled}'s answer for a price not exact at the scale. */
    private static final long NOT_EXACT = Long.MIN_VALUE;
    private static final int INT_TIME = 1;
    private static final int INT_PRICES = 2;
    private static final int INT_VOLUME = 4;

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
     * Writes bars (at least one): their ticker once when they share it, else each bar's; then
     * per bar a flag byte and its time, prices and volume, each as an int when it fits: the time
     * as the difference from the bar before, the open in ten-thousandths from the close before,
     * high, low and close from the open (when all four are exact at that scale, else the four
     * doubles).
     */
    static void bars(List<Bar> bars, DataOutputView out) throws IOException {
        String ticker = bars.get(0).ticker();
        boolean shared = true;
        for (Bar b : bars) {
            shared &= ticker.equals(b.ticker());
        }
        out.writeBoolean(shared);
        if (shared) {
            text(ticker, out);
        }
        long ts = 0;
        long close = 0;
        for (Bar b : bars) {
            if (!shared) {
                text(b.ticker(), out);
            }
            long dt = b.ts() - ts;
            long o = scaled(b.open());
            long h = scaled(b.high());
            long l = scaled(b.low());
            long c = scaled(b.close());
            boolean exact = isInt(o - close) && isInt(h - o) && isInt(l - o) && isInt(c - o)
                    && o != NOT_EXACT && h != NOT_EXACT && l != NOT_EXACT && c != NOT_EXACT;
            int flags = (isInt(dt) ? INT_TIME : 0) | (exact ? INT_PRICES : 0)
                    | (isInt(b.volume()) ? INT_VOLUME : 0);
            out.writeByte(flags);
            if ((flags & INT_TIME) != 0) {
                out.writeInt((int) dt);
            } else {
                out.writeLong(dt);
            }
            ts = b.ts();
            if (exact) {
                out.writeInt((int) (o - close));
                out.writeInt((int) (h - o));
                out.writeInt((int) (l - o));
                out.writeInt((int) (c - o));
                close = c;
            } else {
                out.writeDouble(b.open());
                out.writeDouble(b.high());
                out.writeDouble(b.low());
                out.writeDouble(b.close());
            }
            if ((flags & INT_VOLUME) != 0) {
                out.writeInt((int) b.volume());
            } else {
                out.writeLong(b.volume());
            }
        }
    }

    /** Reads {@code n} bars written by {@link #bars(List, DataOutputView)} into {@code into}. */
    static void bars(DataInputView in, int n, List<Bar> into) throws IOException {
        boolean shared = in.readBoolean();
        String ticker = shared ? text(in) : null;
        long ts = 0;
        long close = 0;
        for (int i = 0; i < n; i++) {
            String t = shared ? ticker : text(in);
            int flags = in.readByte();
            ts += (flags & INT_TIME) != 0 ? in.readInt() : in.readLong();
            double open;
            double high;
            double low;
            double last;
            if ((flags & INT_PRICES) != 0) {
                long o = close + in.readInt();
                open = o / SCALE;
                high = (o + in.readInt()) / SCALE;
                low = (o + in.readInt()) / SCALE;
                close = o + in.readInt();
                last = close / SCALE;
            } else {
                open = in.readDouble();
                high = in.readDouble();
                low = in.readDouble();
                last = in.readDouble();
            }
            long volume = (flags & INT_VOLUME) != 0 ? in.readInt() : in.readLong();
            into.add(new Bar(t, ts, open, high, low, last, volume));
        }
    }

    private static boolean isInt(long v) {
        return v == (int) v;
    }

    /** Returns {@code p} in ten-thousandths when that reads back to its very bits. */
    static long scaled(double p) {
        long s = Math.round(p * SCALE);
        if (Math.abs(s) < MAX_SCALED
                && Double.doubleToRawLongBits(s / SCALE) == Double.doubleToRawLongBits(p)) {
            return s;
        }
        return NOT_EXACT;
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
