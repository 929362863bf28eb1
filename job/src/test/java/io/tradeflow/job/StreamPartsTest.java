package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

class StreamPartsTest {
    private static final OutputTag<Integer> SIDE = new OutputTag<>("side", Types.INT);

    @Test
    @DisplayName("a union comes apart into the streams joined, nested unions too, each once and in"
            + " order; a stream that is no union is its own part")
    void unionsComeApart() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Integer> a = env.fromData(1).name("a");
        DataStream<Integer> b = env.fromData(2).name("b");
        DataStream<Integer> c = env.fromData(3).name("c");
        DataStream<Integer> u = a.union(b).union(c.union(b));

        assertThat(StreamParts.of(u)).extracting(s -> s.getTransformation().getName())
                .containsExactly("a", "b", "c");
        assertThat(StreamParts.of(a)).extracting(DataStream::getTransformation)
                .containsExactly(a.getTransformation());
    }

    @Test
    @DisplayName("what follows a part keeps its maker's parallelism, set by hand only where the"
            + " maker's was: a side output counts as its operator")
    void followsTheMakersParallelism() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(3);
        SingleOutputStreamOperator<Integer> fixed = env.fromData(1, 2).process(new Side())
                .setParallelism(1);
        SingleOutputStreamOperator<Integer> free = env.fromData(1, 2).process(new Side());

        for (DataStream<Integer> maker : List.of(fixed, fixed.getSideOutput(SIDE), free,
                free.getSideOutput(SIDE))) {
            SingleOutputStreamOperator<Integer> next = maker.map(i -> i + 1);
            StreamParts.followParallelism(maker, next.getTransformation());
            boolean set = maker == fixed || maker.getParallelism() == 1;
            assertThat(next.getParallelism()).isEqualTo(set ? 1 : 3);
            assertThat(next.getTransformation().isParallelismConfigured()).isEqualTo(set);
        }
    }

    private static final class Side extends ProcessFunction<Integer, Integer> {
        @Override
        public void processElement(Integer i, Context ctx, Collector<Integer> out) {
            out.collect(i);
            ctx.output(SIDE, i);
        }
    }
}
