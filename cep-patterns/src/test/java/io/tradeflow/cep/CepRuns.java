package io.tradeflow.cep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs one pattern's standalone operator over a bounded input in STREAMING or BATCH. */
final class CepRuns {
    private CepRuns() {}

    /**
     * STREAMING: parallelism 1, input in ts order. BATCH: parallelism 2, input shuffled by
     * {@code seed} (BATCH sorts each key's input by timestamp). Watermarks: 5 s out-of-orderness.
     */
    static <T, R> List<R> run(RuntimeExecutionMode mode, List<T> input, Class<T> type,
            SerializableTimestampAssigner<T> ts, KeySelector<T, String> key,
            Function<KeyedStream<T, String>, DataStream<R>> detect, long seed) throws Exception {
        List<T> data = new ArrayList<>(input);
        if (mode == RuntimeExecutionMode.BATCH) {
            Collections.shuffle(data, new Random(seed));
        } else {
            data.sort(Comparator.comparingLong(e -> ts.extractTimestamp(e, 0L)));
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(mode);
        env.setParallelism(mode == RuntimeExecutionMode.STREAMING ? 1 : 2);
        KeyedStream<T, String> keyed = env.fromData(data, TypeInformation.of(type))
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<T>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                        .withTimestampAssigner(ts))
                .keyBy(key, Types.STRING);
        List<R> out = new ArrayList<>();
        detect.apply(keyed).executeAndCollect().forEachRemaining(out::add);
        return out;
    }
}
