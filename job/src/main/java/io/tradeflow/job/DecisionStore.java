package io.tradeflow.job;

import io.tradeflow.event.Decision;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * Collects a run's decisions with their traces in memory up to a budget of trace bytes, and the
 * traces beyond it in a temporary file, so that a backtest of any length collects in a bounded
 * heap: traces are the bulk of a long run's outputs (about 2 KB of JSON per decision, 1.6 M
 * decisions in a 10 M-bar run of ten accounts).
 *
 * <p>The decisions come back as an ordinary list in the kind's order; an element whose trace was
 * spilled is read back from the file when it is asked for (a positional read; the operating
 * system's cache usually holds it), so writing the result files streams through it. The file is
 * deleted when the list is no longer reachable, or at exit.
 */
final class DecisionStore {
    /** Trace bytes kept in memory before spilling: small runs never touch the disk. */
    static final long DEFAULT_BUDGET = 256L << 20;

    private static final Cleaner CLEANER = Cleaner.create();

    private final long budget;
    private final List<Entry> entries = new ArrayList<>();
    private long inMemory;
    private Path file;
    private OutputStream out;
    private long written;

    /** One decision: whole ({@code offset} -1), or without its trace and where the trace is. */
    private record Entry(Decision decision, long offset, int length) {}

    DecisionStore(long budget) {
        this.budget = budget;
    }

    void add(Decision d) {
        String trace = d.trace();
        if (trace == null || inMemory + trace.length() <= budget) {
            inMemory += trace == null ? 0 : trace.length();
            entries.add(new Entry(d, -1, 0));
            return;
        }
        byte[] bytes = trace.getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                file = Files.createTempFile("tradeflow-traces-", ".bin");
                file.toFile().deleteOnExit();
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill decision traces to " + file, e);
        }
        entries.add(new Entry(withTrace(d, null), written, bytes.length));
        written += bytes.length;
    }

    /** Returns the decisions in {@code order} (which must not look at traces). */
    List<Decision> sorted(Comparator<Decision> order) {
        entries.sort(Comparator.comparing(Entry::decision, order));
        if (out == null) {
            return entries.stream().map(Entry::decision).toList();
        }
        try {
            out.close();
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            Spilled list = new Spilled(entries.toArray(Entry[]::new), channel);
            Path spilled = file;
            CLEANER.register(list, () -> {
                try {
                    channel.close();
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
     * Returns the decisions of a list this store made without reading spilled traces back (those
     * come without a trace): for counting and grouping.
     */
    static List<Decision> withoutSpilledTraces(List<Decision> decisions) {
        if (!(decisions instanceof Spilled s)) {
            return decisions;
        }
        return new AbstractList<>() {
            @Override
            public Decision get(int i) {
                return s.entries[i].decision();
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
                d.stopPrice(), d.targetPrice(), d.tier(), trace);
    }

    /** The decisions, some traces read back from the file on access. */
    private static final class Spilled extends AbstractList<Decision> implements RandomAccess {
        private final Entry[] entries;
        private final FileChannel channel;

        Spilled(Entry[] entries, FileChannel channel) {
            this.entries = entries;
            this.channel = channel;
        }

        @Override
        public Decision get(int i) {
            Entry e = entries[i];
            if (e.offset() < 0) {
                return e.decision();
            }
            ByteBuffer b = ByteBuffer.allocate(e.length());
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b, e.offset() + b.position()) < 0) {
                        throw new IOException("the file ends before the trace of decision "
                                + e.decision().id());
                    }
                }
            } catch (IOException x) {
                throw new UncheckedIOException("cannot read a spilled decision trace", x);
            }
            return withTrace(e.decision(), new String(b.array(), StandardCharsets.UTF_8));
        }

        @Override
        public int size() {
            return entries.length;
        }
    }
}
