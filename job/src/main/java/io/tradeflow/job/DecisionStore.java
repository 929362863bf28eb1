package io.tradeflow.job;

import io.tradeflow.event.Decision;
import io.tradeflow.io.out.Column;
import io.tradeflow.io.out.OutputKind;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * Collects a run's decisions with their traces, each decision as the row the decisions file
 * holds (its cells quoted, their quotes doubled: {@link CsvBytes#cellBytes}; the run id left out,
 * written with the file), in memory up to a budget of bytes and in a temporary file beyond it, so
 * that a backtest of any length collects in a bounded heap: traces are the bulk of a long run's
 * outputs (about 2 KB of JSON per decision, 1.6 M decisions in a 10 M-bar run of ten accounts).
 *
 * <p>Why rows: a decision is rendered as it arrives, while the job still runs (in a one-account
 * backtest the account stage leaves a core idle), so that writing the decisions file after the
 * job copies bytes: no quoting of a gigabyte of JSON and no formatting of a million times and
 * prices once the run is over, no strings made of spilled traces (the file is mapped, not read a
 * trace at a time).
 *
 * <p>The decisions come back as an ordinary list in the kind's order; an element's trace is made
 * again from its row when it is asked for. The file is deleted when the list is no longer
 * reachable, or at exit.
 */
final class DecisionStore {
    /** Cell bytes kept in memory before spilling: small runs never touch the disk. */
    static final long DEFAULT_BUDGET = 256L << 20;

    /** The most bytes one mapping of the spill file covers, beyond its longest cell. */
    private static final long MAPPING = 1L << 30;

    private static final Cleaner CLEANER = Cleaner.create();

    /** The decisions file's columns, in its order. */
    private static final List<Column<Decision>> COLUMNS = OutputKind.DECISION.<Decision>spec()
            .columns().stream().filter(c -> c.csv() != null).toList();

    static {
        if (COLUMNS.stream().filter(c -> c.type() == Column.Type.RUN).count() != 1) {
            throw new IllegalStateException("the decisions file needs one run id column");
        }
    }

    private final long budget;
    private final Row row = new Row();
    private final List<Entry> entries = new ArrayList<>();
    private long inMemory;
    private Path file;
    private OutputStream out;
    private long written;
    private int longestSpilled;

    /**
     * One decision without its trace, and its row: in memory ({@code row}) or in the file
     * ({@code offset} from 0); the run id goes in at {@code runAt}, the trace's cell is {@code
     * traceLength} bytes from {@code traceAt} (none: -1).
     */
    private record Entry(Decision bare, byte[] row, long offset, int length, int runAt,
            int traceAt, int traceLength) {}

    DecisionStore(long budget) {
        this.budget = budget;
    }

    void add(Decision d) {
        row.render(d);
        Decision bare = d.trace() == null ? d : withTrace(d, null);
        int length = row.n;
        if (inMemory + length <= budget) {
            inMemory += length;
            entries.add(new Entry(bare, Arrays.copyOf(row.bytes, length), -1, length, row.runAt,
                    row.traceAt, row.traceLength));
            return;
        }
        try {
            if (out == null) {
                file = Files.createTempFile("tradeflow-traces-", ".bin");
                file.toFile().deleteOnExit();
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
            out.write(row.bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill decision traces to " + file, e);
        }
        entries.add(new Entry(bare, null, written, length, row.runAt, row.traceAt,
                row.traceLength));
        written += length;
        longestSpilled = Math.max(longestSpilled, length);
    }

    /**
     * A decision's row as the file holds it, without the run id and the line's end: the cells
     * after the first {@code ,} of their own.
     */
    private static final class Row {
        byte[] bytes = new byte[1 << 12];
        int n;
        int runAt;
        int traceAt;
        int traceLength;

        void render(Decision d) {
            n = 0;
            runAt = -1;
            traceLength = -1;
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                Column<Decision> col = COLUMNS.get(i);
                if (col.type() == Column.Type.RUN) {
                    runAt = n;
                } else if (col.type() == Column.Type.JSON) {
                    if (d.trace() != null) {
                        traceAt = n;
                        put(CsvBytes.cellBytes(d.trace()));
                        traceLength = n - traceAt;
                    }
                } else {
                    Object text = ResultFiles.text(col, d, null);
                    if (text != null) {
                        put(CsvBytes.cellBytes(text.toString()));
                    }
                }
            }
        }

        private void put(byte b) {
            if (n == bytes.length) {
                bytes = Arrays.copyOf(bytes, 2 * bytes.length);
            }
            bytes[n++] = b;
        }

        private void put(byte[] b) {
            if (n + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, n + b.length));
            }
            System.arraycopy(b, 0, bytes, n, b.length);
            n += b.length;
        }
    }

    /** Returns the decisions in {@code order} (which must not look at traces). */
    List<Decision> sorted(Comparator<Decision> order) {
        entries.sort(Comparator.comparing(Entry::bare, order));
        Entry[] sorted = entries.toArray(Entry[]::new);
        if (out == null) {
            return new Stored(sorted, new ByteBuffer[0]);
        }
        try {
            out.close();
            ByteBuffer[] mappings;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                mappings = map(channel, written, longestSpilled);
            }
            Stored list = new Stored(sorted, mappings);
            Path spilled = file;
            CLEANER.register(list, () -> {
                try {
                    Files.deleteIfExists(spilled);
                } catch (IOException e) {
                    // a temporary file the JVM deletes at exit anyway
                }
            });
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decision traces back from " + file, e);
        }
    }

    /**
     * Maps the file in pieces of {@link #MAPPING} bytes, each reaching {@code longest} bytes into
     * the next so that every cell lies whole in the piece its offset falls in.
     */
    private static ByteBuffer[] map(FileChannel channel, long size, int longest)
            throws IOException {
        int pieces = (int) ((size + MAPPING - 1) / MAPPING);
        ByteBuffer[] mappings = new ByteBuffer[pieces];
        for (int i = 0; i < pieces; i++) {
            long from = i * MAPPING;
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, from,
                    Math.min(size - from, MAPPING + longest));
            mappings[i] = m;
        }
        return mappings;
    }

    /**
     * Returns the decisions of a list this store made without their traces: for counting and
     * grouping, without making every trace again.
     */
    static List<Decision> withoutTraces(List<Decision> decisions) {
        if (!(decisions instanceof Stored s)) {
            return decisions;
        }
        return new AbstractList<>() {
            @Override
            public Decision get(int i) {
                return s.entries[i].bare();
            }

            @Override
            public int size() {
                return s.entries.length;
            }
        };
    }

    private static Decision withTrace(Decision d, String trace) {
        return new Decision(d.id(), d.account(), d.recommendationId(), d.ticker(), d.ts(),
                d.action(), d.decision(), d.reason(), d.quantity(), d.limitPrice(),
                d.stopPrice(), d.targetPrice(), d.tier(), trace, d.instrument());
    }

    /**
     * The decisions in order, each trace made again from its cell when asked for; the decisions
     * file copies the cells ({@link #writeTrace}).
     */
    static final class Stored extends AbstractList<Decision> implements RandomAccess {
        private final Entry[] entries;
        private final ByteBuffer[] mappings;

        private Stored(Entry[] entries, ByteBuffer[] mappings) {
            this.entries = entries;
            this.mappings = mappings;
        }

        @Override
        public Decision get(int i) {
            Entry e = entries[i];
            return e.traceLength() < 0 ? e.bare() : withTrace(e.bare(),
                    CsvBytes.fromCell(row(e).slice(e.traceAt(), e.traceLength())));
        }

        /** Writes decision {@code i}'s row to {@code csv}, the run id's cell {@code run}. */
        void writeRow(int i, CsvBytes csv, byte[] run) throws IOException {
            Entry e = entries[i];
            ByteBuffer row = row(e);
            csv.rowBytes(row.slice(0, e.runAt()), run, row.slice(e.runAt(),
                    e.length() - e.runAt()));
        }

        /** Returns an entry's row, in memory or mapped from the file. */
        private ByteBuffer row(Entry e) {
            if (e.row() != null) {
                return ByteBuffer.wrap(e.row());
            }
            int piece = (int) (e.offset() / MAPPING);
            int at = (int) (e.offset() - piece * MAPPING);
            return mappings[piece].slice(at, e.length());
        }

        @Override
        public int size() {
            return entries.length;
        }
    }
}
