package io.tradeflow.io.out;

import io.tradeflow.event.AccountOutput;

import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Declares one output kind (see {@link OutputKind}): its payload, its order, its final-state
 * merge (when {@code key} is set), its file and its table with their columns.
 *
 * @param kind the kind's name in {@link AccountOutput#kind()}
 * @param sqlSuffix appended to the table's upsert (a guard on the update), or empty
 * @param id the table row's id
 * @param key the item a later row replaces, or null when every row is its own
 * @param merge how a later row of the same key replaces the earlier, or null
 */
public record OutputSpec<T>(String kind, Class<T> type, Function<AccountOutput, T> payload,
        String file, String table, String sqlSuffix, Function<T, String> id,
        Comparator<T> order, Function<T, String> key, BinaryOperator<T> merge,
        List<Column<T>> columns) {

    /** Declares a kind (a generic factory: enum constants cannot be generic). */
    public static <T> OutputSpec<T> of(String kind, Class<T> type,
            Function<AccountOutput, T> payload, String file, String table, String sqlSuffix,
            Function<T, String> id, Comparator<T> order, Function<T, String> key,
            BinaryOperator<T> merge, List<Column<T>> columns) {
        return new OutputSpec<>(kind, type, payload, file, table, sqlSuffix, id, order, key,
                merge, columns);
    }
}
