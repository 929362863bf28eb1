package io.tradeflow.job;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;

import java.util.ArrayList;
import java.util.List;

/** Takes unions of streams apart again, so that what follows each part can chain to it. */
final class StreamParts {
    private StreamParts() {}

    /**
     * Returns the streams {@code s} is the union of, unions within it taken apart too, each
     * once, in the order they were joined; {@code s} itself when it is no union.
     */
    static <T> List<DataStream<T>> of(DataStream<T> s) {
        List<DataStream<T>> parts = new ArrayList<>();
        collect(s, s.getTransformation(), parts);
        return parts;
    }

    /**
     * Gives {@code next} the parallelism of {@code maker}, set by hand only where the maker's
     * was: an operator Flink may size itself (BATCH's adaptive scheduler) stays so, and the two
     * chain either way.
     */
    static void followParallelism(DataStream<?> maker, Transformation<?> next) {
        Transformation<?> operator = maker.getTransformation();
        while (operator instanceof SideOutputTransformation<?> side) {
            operator = side.getInputs().get(0); // a side output counts its parallelism as set
        }
        next.setParallelism(maker.getParallelism(), operator.isParallelismConfigured());
    }

    @SuppressWarnings("unchecked")
    private static <T> void collect(DataStream<T> s, Transformation<?> t,
            List<DataStream<T>> into) {
        if (t instanceof UnionTransformation<?> u) {
            for (Transformation<?> in : u.getInputs()) {
                collect(s, in, into);
            }
        } else if (into.stream().noneMatch(p -> p.getTransformation() == t)) {
            into.add(new DataStream<>(s.getExecutionEnvironment(), (Transformation<T>) t));
        }
    }
}
