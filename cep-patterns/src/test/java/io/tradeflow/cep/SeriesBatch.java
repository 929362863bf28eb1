package io.tradeflow.cep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Several independent random series in one Flink job: each is moved apart from the others (its
 * own key, its own days), its oracle's expectation computed alone, and the expectations joined.
 * A job per property try then checks many series: starting jobs is what the properties' time goes
 * to, not the series.
 */
record SeriesBatch<T, R>(List<T> input, List<R> expected) {

    /**
     * @param shift moves series {@code i} apart from the others
     * @param oracle the brute-force expectation of one series
     * @param stats records each series' expectation (coverage statistics)
     */
    static <T, R> SeriesBatch<T, R> of(List<List<T>> series,
            BiFunction<List<T>, Integer, List<T>> shift, Function<List<T>, List<R>> oracle,
            Consumer<List<R>> stats) {
        List<T> input = new ArrayList<>();
        List<R> expected = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            List<T> one = shift.apply(series.get(i), i);
            input.addAll(one);
            List<R> found = oracle.apply(one);
            stats.accept(found);
            expected.addAll(found);
        }
        return new SeriesBatch<>(input, expected);
    }
}
