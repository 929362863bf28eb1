package io.tradeflow.io.out;

import java.util.function.Function;

/**
 * Names one column of an output kind: its CSV header (null: not in the files), its PostgreSQL
 * column (null: not in the table), how it is typed, and how it is read from a payload.
 */
public record Column<T>(String csv, String sql, Type type, Function<T, Object> value) {

    /** How a column is written: the CSV cell's text and the JDBC parameter's type. */
    public enum Type {
        /** Text, as is. */
        TEXT,
        /** A whole number (a {@code long}). */
        INT,
        /** A number, possibly missing. */
        REAL,
        /** An instant in epoch milliseconds, ISO-8601 market time in files. */
        TIME,
        /** Booked money, plain decimal text in files. */
        DECIMAL,
        /** A flag ({@code boolean}), {@code true} or {@code false} in files. */
        BOOL,
        /** A JSON document ({@code jsonb}). */
        JSON,
        /** The run id, written from the run, not from the payload. */
        RUN
    }

    /** A column in the files and the table under one name. */
    public static <T> Column<T> of(String name, Type type, Function<T, Object> value) {
        return new Column<>(name, name, type, value);
    }

    /** A column of the files only (the table's {@code id} or {@code run_id} holds it). */
    public static <T> Column<T> fileOnly(String name, Type type, Function<T, Object> value) {
        return new Column<>(name, null, type, value);
    }

    /** The {@code run_id} column of the files (the table writes it first, from the run). */
    public static <T> Column<T> runId() {
        return new Column<>("run_id", null, Type.RUN, v -> null);
    }
}
