package io.tradeflow.job;

import io.tradeflow.event.Decision;

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
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * Collects a run's decisions with their traces, each trace as the CSV cell the decisions file
 * holds (quoted, its quotes doubled: {@link CsvBytes#cellBytes}), in memory up to a budget of
 * bytes and in a temporary file beyond it, so that a backtest of any length collects in a bounded
 * heap: traces are the bulk of a long run's outputs (about 2 KB of JSON per decision, 1.6 M
 * decisions in a 10 M-bar run of ten accounts).
 *
 * <p>Why cells: a trace is rendered as it arrives, while the job still runs (in a one-account
 * backtest the account stage leaves a core idle), so that writing the decisions file after the
 * job copies bytes: no quoting of a gigabyte of JSON once the run is over, no strings made of
 * spilled traces (the file is mapped, not read a trace at a time).
 *
 * <p>The decisions come back as an ordinary list in the kind's order; an element's trace is made
 * again from its cell when it is asked for. The file is deleted when the list is no longer
 * reachable, or at exit.
 */
final class DecisionStore {
    /** Cell bytes kept in memory before spilling: small runs never touch the disk. */
    static final long DEFAULT_BUDGET = 256L << 20;

    /** The most bytes one mapping of the spill file covers, beyond its longest cell. */
    private static final long MAPPING = 1L << 30;

    private static final Cleaner CLEANER = Cleaner.create();

    private final long budget;
    private final List<Entry> entries = new ArrayList<>();
    private long inMemory;
    private Path file;
    private OutputStream out;
    private long written;
    private int longestSpilled;

    /**
     * One decision without its trace, and the trace's cell: in memory ({@code cell}), in the
     * file ({@code offset} from 0), or none (a decision without a trace: both absent).
     */
    private record Entry(Decision bare, byte[] cell, long offset, int length) {}

    DecisionStore(long budget) {
        this.budget = budget;
    }

    void add(Decision d) {
        String trace = d.trace();
        if (trace == null) {
            entries.add(new Entry(d, null, -1, 0));
            return;
        }
        byte[] cell = CsvBytes.cellBytes(trace);
        Decision bare = withTrace(d, null);
        if (inMemory + cell.length <= budget) {
            inMemory += cell.length;
            entries.add(new Entry(bare, cell, -1, cell.length));
            return;
        }
        try {
            if (out == null) {
                file = Files.createTempFile("tradeflow-traces-", ".bin");
                file.toFile().deleteOnExit();
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
            out.write(cell);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill decision traces to " + file, e);
        }
        entries.add(new Entry(bare, null, written, cell.length));
        written += cell.length;
        longestSpilled = Math.max(longestSpilled, cell.length);
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
            ByteBuffer cell = cell(entries[i]);
            return cell == null ? entries[i].bare()
                    : withTrace(entries[i].bare(), CsvBytes.fromCell(cell));
        }

        /** Writes decision {@code i}'s trace as the next cell of {@code csv}. */
        void writeTrace(int i, CsvBytes csv) throws IOException {
            ByteBuffer cell = cell(entries[i]);
            if (cell == null) {
                csv.cell(null);
            } else {
                csv.cellBytes(cell);
            }
        }

        /** Returns an entry's cell, in memory or mapped from the file; null without a trace. */
        private ByteBuffer cell(Entry e) {
            if (e.cell() != null) {
                return ByteBuffer.wrap(e.cell());
            }
            if (e.offset() < 0) {
                return null;
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
