package io.tradeflow.job;

import io.tradeflow.io.out.Column;
import io.tradeflow.io.out.OutputKind;
import io.tradeflow.io.out.OutputSpec;
import io.tradeflow.rules.calendar.MarketTime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes a run's results as CSV files (RFC 4180, header first even when empty, times ISO-8601 in
 * market time) and a {@code summary.json}: one file per {@link OutputKind} with its columns, each
 * in the order of {@link Collected}.
 */
public final class ResultFiles {
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {}

    /**
     * Writes one CSV file per output kind, then the summary. The decisions, nearly all of a
     * run's bytes (their traces), are written on a thread of their own while this one writes the
     * rest.
     */
    public static void write(Path dir, String runId, String runtimeMode, Collected c)
            throws IOException {
        Files.createDirectories(dir);
        CompletableFuture<Void> decisions = CompletableFuture.runAsync(() -> {
            try {
                write(dir, OutputKind.DECISION, c, runId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> new Thread(runnable, "tradeflow-decisions-file").start());
        for (OutputKind kind : OutputKind.values()) {
            if (kind != OutputKind.DECISION) {
                write(dir, kind, c, runId);
            }
        }
        Files.writeString(dir.resolve(SUMMARY), summary(runId, runtimeMode, c));
        try {
            decisions.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private static void write(Path dir, OutputKind kind, Collected c, String runId)
            throws IOException {
        OldFiles.setAside(dir.resolve(kind.file()));
        try (CsvBytes csv = CsvBytes.create(dir.resolve(kind.file()))) {
            write(csv, kind.spec(), c.rows(kind), runId);
        }
    }

    /** Writes a kind's header, then its rows: one cell per file column of the kind. */
    static <T> void write(CsvBytes csv, OutputSpec<T> spec, List<T> rows, String runId)
            throws IOException {
        List<Column<T>> columns = spec.columns().stream().filter(col -> col.csv() != null)
                .toList();
        for (Column<T> col : columns) {
            csv.cell(col.csv());
        }
        csv.endRow();
        if (rows instanceof DecisionStore.Stored stored) {
            // decisions: each row copied as the store rendered it on arrival
            byte[] run = runId == null ? new byte[0] : CsvBytes.cellBytes(runId);
            for (int i = 0; i < stored.size(); i++) {
                stored.writeRow(i, csv, run);
            }
            return;
        }
        for (T v : rows) {
            for (Column<T> col : columns) {
                csv.cell(text(col, v, runId));
            }
            csv.endRow();
        }
    }

    /** Returns a column's cell of {@code v} before quoting: its text, or null (empty). */
    static <T> Object text(Column<T> col, T v, String runId) {
        if (col.type() == Column.Type.RUN) {
            return runId;
        }
        Object value = col.value().apply(v);
        if (value == null) {
            return null;
        }
        return switch (col.type()) {
            case TIME -> MarketTime.iso((Long) value);
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            default -> value;
        };
    }

    /** Returns the summary as JSON: counts by outcome and reason, P&amp;L, throughput. */
    public static String summary(String runId, String runtimeMode, Collected c) {
        ObjectNode s = JSON.createObjectNode();
        s.put("run_id", runId);
        s.put("runtime_mode", runtimeMode);
        s.put("bars", c.barsHandled());
        s.put("wall_ms", c.wallMillis());
        s.put("bars_per_second", c.wallMillis() == 0 ? 0
                : Math.round(c.barsHandled() * 1000.0 / c.wallMillis()));
        ObjectNode d = s.putObject("decisions");
        d.put("total", c.decisions().size());
        c.decisionsByReason().forEach(d::put);
        ObjectNode o = s.putObject("orders");
        o.put("total", c.orders().size());
        c.ordersByStatus().forEach(o::put);
        s.put("fills", c.fills().size());
        ObjectNode pnl = s.putObject("realized_pnl");
        c.realizedPnl().forEach(pnl::put);
        ObjectNode dl = s.putObject("dead_letters");
        dl.put("total", c.deadLetters().size());
        c.deadLettersByReason().forEach(dl::put);
        s.put("breakers", c.breakers().size());
        s.put("tier_changes", c.tierChanges().size());
        s.put("reserve_entries", c.reserveLedger().size());
        s.put("config_audit", c.configAudit().size());
        s.put("notifications", c.notifications().size());
        s.put("stop_levels", c.stopLevels().size());
        s.put("snapshots", c.snapshots().size());
        s.put("data_gaps", c.dataGaps().size());
        try {
            return JSON.writeValueAsString(s) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns one CSV cell as the files hold it (RFC 4180 quoting where needed). */
    static String cell(Object v) {
        return CsvBytes.asCell(v);
    }
}
