package io.tradeflow.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A text file cut into chunks of a given size in bytes ({@code input.read-chunk-bytes}), each
 * starting at a line, with the number of its first line: what lets several readers read one file
 * and still name every line by its number, and what a bar file's future-time guard starts afresh
 * at (see {@code FutureGuard}). Lines end as {@link java.io.BufferedReader#readLine()} ends them:
 * at {@code \n}, {@code \r\n} or a lone {@code \r}.
 *
 * <p>The cut depends on the file's bytes only, never on the parallelism, so a file is read into
 * the same chunks on any machine and in both runtime modes.
 *
 * @param offsets each chunk's first byte, ascending, the first 0
 * @param firstLines each chunk's first line number (1-based)
 * @param length the file's length in bytes
 */
public record LineChunks(long[] offsets, long[] firstLines, long length) implements Serializable {
    /** One chunk: the whole stream, its first line 1, its length unknown (a compressed file). */
    public static LineChunks whole() {
        return new LineChunks(new long[] {0}, new long[] {1}, Long.MAX_VALUE);
    }

    /**
     * Reads the file once, counting its lines, and starts a chunk at the first line that begins
     * {@code chunkBytes} or more after the last chunk's start.
     */
    public static LineChunks scan(Path file, long chunkBytes) {
        return scan(file, chunkBytes, 1 << 30);
    }

    /** {@code windowBytes}: how much of the file is mapped at once. */
    static LineChunks scan(Path file, long chunkBytes, int windowBytes) {
        long[] offsets = new long[16];
        long[] lines = new long[16];
        int n = 1;
        lines[0] = 1;
        long target = chunkBytes; // a line starting here or later starts the next chunk
        long pos = 0;
        long count = 0; // line ends seen
        boolean atLineStart = true;
        boolean afterCr = false;
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            for (int len; pos < size; pos += len) {
                len = (int) Math.min(windowBytes, size - pos);
                MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, pos, len);
                buf.order(ByteOrder.LITTLE_ENDIAN);
                int i = 0;
                while (i < len) {
                    if (i + 8 <= len && pos + i + 8 <= target) {
                        // eight bytes before the target at once: count their line ends only
                        long w = buf.getLong(i);
                        long lf = zeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL);
                        long cr = zeroBytes(w ^ 0x0D0D0D0D0D0D0D0DL);
                        if ((lf | cr) != 0) {
                            int crlf = Long.bitCount((cr << 8) & lf)
                                    + (afterCr && (lf & 0x80) != 0 ? 1 : 0);
                            count += Long.bitCount(lf) + Long.bitCount(cr) - crlf;
                        }
                        byte last = buf.get(i + 7);
                        atLineStart = last == '\n' || last == '\r';
                        afterCr = last == '\r';
                        i += 8;
                        continue;
                    }
                    byte b = buf.get(i++);
                    if (b == '\n' && afterCr) { // the \n of \r\n: the next line starts after it
                        afterCr = false;
                        continue;
                    }
                    if (atLineStart) {
                        atLineStart = false;
                        long at = pos + i - 1;
                        if (at >= target) {
                            if (n == offsets.length) {
                                offsets = Arrays.copyOf(offsets, 2 * n);
                                lines = Arrays.copyOf(lines, 2 * n);
                            }
                            offsets[n] = at;
                            lines[n++] = count + 1;
                            target = at + chunkBytes;
                        }
                    }
                    if (b == '\n' || b == '\r') {
                        count++;
                        atLineStart = true;
                        afterCr = b == '\r';
                    } else {
                        afterCr = false;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new LineChunks(Arrays.copyOf(offsets, n), Arrays.copyOf(lines, n), pos);
    }

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /** The high bit of each byte of {@code x} that is zero, exactly. */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** Returns the number of chunks. */
    public int size() {
        return offsets.length;
    }

    /** Returns the index of the chunk starting at {@code offset}. */
    public int chunkAt(long offset) {
        int i = Arrays.binarySearch(offsets, offset);
        if (i < 0) {
            throw new IllegalArgumentException("no chunk starts at byte " + offset);
        }
        return i;
    }

    /** Returns the byte just past chunk {@code i}. */
    public long end(int i) {
        return i + 1 < offsets.length ? offsets[i + 1] : length;
    }
}
