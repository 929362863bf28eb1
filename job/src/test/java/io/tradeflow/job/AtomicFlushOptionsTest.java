package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.TradeflowConfig;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The live job's RocksDB instances flush atomically ({@link AtomicFlushOptions}, set by {@link
 * Pipeline#enableCheckpoints}), and a snapshot of several column families taken so restores.
 */
class AtomicFlushOptionsTest {
    private static final TradeflowConfig CFG =
            new ParityData(42).kafkaConfig("localhost:9092", "atomic-flush");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the job's RocksDB settings open every instance with atomic flush, and a"
            + " snapshot of several column families restores")
    void flushesAtomicallyAndRestores() throws Exception {
        Configuration conf = Pipeline.clusterConfiguration(CFG, RuntimeExecutionMode.STREAMING);
        Pipeline.enableCheckpoints(conf, CFG, dir.resolve("checkpoints"));
        assertThat(conf.get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo(AtomicFlushOptions.class.getName());
        conf.set(RocksDBOptions.LOCAL_DIRECTORIES, dir.resolve("rocksdb").toString());

        OperatorSubtaskState snapshot;
        try (var h = harness(conf)) {
            h.open();
            for (String key : List.of("a", "b", "a", "c", "a")) {
                h.processElement(new StreamRecord<>(key, 1));
            }
            snapshot = h.snapshot(1, 1);
            // RocksDB writes the options it opened the instance with next to its files
            assertThat(optionsFiles()).isNotEmpty().allSatisfy(options ->
                    assertThat(Files.readString(options)).contains("atomic_flush=true"));
        }
        try (var h = harness(conf)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>("a", 2));
            h.processElement(new StreamRecord<>("c", 2));
            assertThat(h.extractOutputValues()).containsExactly("a 4 x3", "c 2 x1");
        }
    }

    private List<Path> optionsFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("rocksdb"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).toList();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            Configuration conf) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Counts()), s -> s, Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend().configure(conf,
                AtomicFlushOptionsTest.class.getClassLoader()));
        return h;
    }

    /** Counts each key's records and keeps its last suffix: two column families written. */
    private static final class Counts extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> count;
        private transient ValueState<String> last;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.STRING));
        }

        @Override
        public void processElement(String key, Context ctx, Collector<String> out)
                throws Exception {
            int n = count.value() == null ? 1 : count.value() + 1;
            count.update(n);
            String before = last.value();
            last.update("x" + n);
            out.collect(key + " " + n + " " + (before == null ? "-" : before));
        }
    }
}
