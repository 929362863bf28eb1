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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

    /** How far back a decision is placed among its account's before they are sorted at the end. */
    static final int PLACED_WITHIN = 256;

    private final long budget;
    private final int placedWithin;
    private final Comparator<Entry> order;
    private final Row row = new Row();
    /** Each account's decisions, in order as they arrive (in time order, nearly all of them). */
    private final Map<String, Run> runs = new HashMap<>();
    private int size;
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

    /** One account's decisions, in order unless one arrived too far from its place. */
    private static final class Run {
        final ArrayList<Entry> entries = new ArrayList<>();
        boolean unsorted;
    }

    /**
     * {@code order}: the decisions file's, which must not look at traces; {@code placedWithin}:
     * how far back among its account's decisions one that arrives out of order is placed (beyond,
     * the account's are sorted at the end).
     */
    DecisionStore(long budget, Comparator<Decision> order, int placedWithin) {
        this.budget = budget;
        this.placedWithin = placedWithin;
        this.order = Comparator.comparing(Entry::bare, order);
    }

    /**
     * Files an entry in its account's run, in order: an account's decisions arrive in time
     * order, so nearly every one goes last or, found by halving, among the few of its minute,
     * and the file's order needs a merge of the accounts at the end instead of a sort of every
     * decision (whose comparisons read decisions made long before, out of the processor's
     * caches: a tenth of a second for the 50-ticker month).
     */
    private void file(Entry e) {
        Run run = runs.computeIfAbsent(e.bare().account(), a -> new Run());
        size++;
        List<Entry> list = run.entries;
        int n = list.size();
        if (run.unsorted || n == 0 || order.compare(list.get(n - 1), e) <= 0) {
            list.add(e);
            return;
        }
        // among the last placedWithin: after every entry not above it (a stable sort's place)
        int lo = Math.max(0, n - placedWithin);
        if (lo == n || lo > 0 && order.compare(list.get(lo - 1), e) > 0) {
            run.unsorted = true; // sorted at the end
            list.add(e);
            return;
        }
        int hi = n - 1; // above e
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(list.get(mid), e) > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        list.add(lo, e);
    }

    void add(Decision d) {
        row.render(d);
        Decision bare = d.trace() == null ? d : withTrace(d, null);
        int length = row.n;
        if (inMemory + length <= budget) {
            inMemory += length;
            file(new Entry(bare, Arrays.copyOf(row.bytes, length), -1, length, row.runAt,
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
        file(new Entry(bare, null, written, length, row.runAt, row.traceAt, row.traceLength));
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
                        put(d.trace());
                        traceLength = n - traceAt;
                    }
                } else {
                    Object text = ResultFiles.text(col, d, null);
                    if (text != null) {
                        put(text.toString());
                    }
                }
            }
        }

        private void put(byte b) {
            room(1);
            bytes[n++] = b;
        }

        /** Puts a text's cell ({@link CsvBytes#cellBytes}) without making it an array first. */
        private void put(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int quotes = CsvBytes.quotes(b);
            if (CsvBytes.plain(text, quotes)) {
                room(b.length);
                System.arraycopy(b, 0, bytes, n, b.length);
                n += b.length;
            } else {
                room(b.length + quotes + 2);
                CsvBytes.quote(b, bytes, n);
                n += b.length + quotes + 2;
            }
        }

        private void room(int more) {
            if (n + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, n + more));
            }
        }
    }

    /** Returns the decisions in the store's order: its accounts' runs merged. */
    List<Decision> sorted() {
        Entry[] sorted = merged();
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

    private Entry[] merged() {
        PriorityQueue<Cursor> heads = new PriorityQueue<>(
                Comparator.comparing((Cursor c) -> c.head(), order).thenComparingInt(c -> c.rank));
        int rank = 0;
        for (Run run : runs.values()) {
            if (run.unsorted) {
                run.entries.sort(order);
            }
            heads.add(new Cursor(run.entries, rank++));
        }
        Entry[] sorted = new Entry[size];
        if (heads.size() == 1) {
            return heads.peek().entries.toArray(sorted);
        }
        for (int i = 0; i < size; i++) {
            Cursor c = heads.poll();
            sorted[i] = c.head();
            if (++c.next < c.entries.size()) {
                heads.add(c);
            }
        }
        return sorted;
    }

    /** The next entry of a run to merge; {@code rank} orders equal heads of two runs. */
    private static final class Cursor {
        final List<Entry> entries;
        final int rank;
        int next;

        Cursor(List<Entry> entries, int rank) {
            this.entries = entries;
            this.rank = rank;
        }

        Entry head() {
            return entries.get(next);
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
