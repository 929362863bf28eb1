package io.tradeflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.transformations.PhysicalTransformation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live job's graph as a cluster receives it: every stateful operator (sources, keyed
 * operators, sinks) has a stable uid, so a savepoint restores into a new version of the job; the
 * maximum parallelism is pinned; the parallelism and the checkpoint storage are the cluster's
 * unless set.
 */
class JobGraphTest {
    private static final TradeflowConfig PARITY =
            new ParityData(42).kafkaConfig("localhost:9092", "graph");
    /** The parity configuration without its parallelism: the cluster decides. */
    private static final TradeflowConfig CFG = new TradeflowConfig(PARITY.runId(),
            PARITY.engine(), PARITY.kafka(), PARITY.jdbc(), PARITY.input(),
            PARITY.checkpointIntervalMs(), null, PARITY.notifications());

    @Test
    @DisplayName("every source, keyed operator and sink of the live job has a uid")
    void everyStatefulOperatorHasAUid() {
        Configuration conf = Pipeline.clusterConfiguration(CFG, RuntimeExecutionMode.STREAMING);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, CFG, new JdbcSettings("jdbc:postgresql://localhost/x", "u", "p"),
                "graph");
        StreamGraph graph = env.getStreamGraph();

        List<StreamNode> stateful = graph.getStreamNodes().stream()
                .filter(n -> n.getStatePartitioners().length > 0 || n.getInEdges().isEmpty()
                        || n.getOutEdges().isEmpty()
                        || n.getOperatorFactory().getClass().getName().contains("Sink"))
                .toList();
        // sources (no inputs), the keyed ticker stage, CEP operators and engine, and the sinks
        assertThat(stateful).extracting(StreamNode::getOperatorName)
                .anyMatch(name -> name.contains("account-engine"))
                .anyMatch(name -> name.contains("market-analytics"))
                .anyMatch(name -> name.contains("cep-rapid-move"));
        assertThat(stateful).hasSizeGreaterThan(15);
        assertThat(stateful).allSatisfy(n -> assertThat(n.getTransformationUID())
                .as("uid of %s", n.getOperatorName()).isNotBlank());
    }

    @Test
    @DisplayName("the live job names every operator's uid itself: none is generated")
    void noGeneratedUids() {
        Configuration conf = Pipeline.clusterConfiguration(CFG, RuntimeExecutionMode.STREAMING);
        assertThat(conf.get(PipelineOptions.AUTO_GENERATE_UIDS)).isFalse();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, CFG, new JdbcSettings("jdbc:postgresql://localhost/x", "u", "p"),
                "graph");
        List<String> missing = new ArrayList<>();
        Set<Transformation<?>> seen = new HashSet<>();
        for (Transformation<?> t : env.getTransformations()) {
            for (Transformation<?> p : t.getTransitivePredecessors()) {
                if (seen.add(p) && p instanceof PhysicalTransformation<?> && p.getUid() == null) {
                    missing.add(p.getName());
                }
            }
        }
        assertThat(missing).as("operators without uid").isEmpty();
        // the graph builds: Flink itself refuses an operator without uid here
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    @DisplayName("a cluster keeps its own parallelism and checkpoint storage unless they are set;"
            + " the maximum parallelism is pinned")
    void clusterSettingsWinUnlessSet() {
        Configuration conf = Pipeline.clusterConfiguration(CFG, RuntimeExecutionMode.STREAMING);
        Pipeline.enableCheckpoints(conf, CFG, (String) null);
        assertThat(CFG.parallelism()).isNull();
        assertThat(conf.contains(CoreOptions.DEFAULT_PARALLELISM)).isFalse();
        assertThat(conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isFalse();
        assertThat(conf.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(Pipeline.MAX_PARALLELISM);

        // timers on the heap: in RocksDB each checkpoint waited for a flush of them
        assertThat(conf.get(RocksDBOptions.TIMER_SERVICE_FACTORY))
                .isEqualTo(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        // and flushes on more than one thread
        assertThat(conf.get(RocksDBConfigurableOptions.MAX_BACKGROUND_THREADS))
                .isEqualTo(Pipeline.ROCKSDB_BACKGROUND_JOBS);

        Pipeline.enableCheckpoints(conf, CFG, "s3://bucket/tradeflow/cp");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("s3://bucket/tradeflow/cp");
        Pipeline.enableCheckpoints(conf, CFG, "/var/lib/tradeflow/cp");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:///var/lib/tradeflow/cp");
        // a local run keeps a parallelism of its own
        assertThat(Pipeline.flinkConfiguration(CFG, RuntimeExecutionMode.BATCH)
                .get(CoreOptions.DEFAULT_PARALLELISM))
                .isEqualTo(TradeflowConfig.DEFAULT_PARALLELISM);
    }

    @Test
    @DisplayName("BATCH reads a bar file of several chunks with as many readers as the job's"
            + " parallelism, STREAMING with one; every other file with one")
    void batchReadsChunksInParallel() throws Exception {
        ParityData data = new ParityData(42);
        Pipeline.Files files = data.write(Path.of("target", "job-graph-readers"), false, 0);
        assertThat(io.tradeflow.io.LineChunks.scan(files.bars().get(0),
                data.config.input().readChunkBytes()).size()).isGreaterThan(2);
        assertThat(readers(data, files, RuntimeExecutionMode.BATCH))
                .containsEntry("bars.csv", 2).containsEntry("recommendations.jsonl", 1);
        assertThat(readers(data, files, RuntimeExecutionMode.STREAMING))
                .containsEntry("bars.csv", 1).containsEntry("recommendations.jsonl", 1);
    }

    /** Each file source's parallelism, by file name. */
    private static Map<String, Integer> readers(ParityData data, Pipeline.Files files,
            RuntimeExecutionMode mode) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Pipeline.flinkConfiguration(data.config, mode));
        Runs.Inputs.files(files, data.config)
                .build(env, Pipeline.parseContext(data.config, ParityData.SECRET))
                .forEach(s -> s.sinkTo(new DiscardingSink<>()));
        Map<String, Integer> readers = new TreeMap<>();
        for (StreamNode n : env.getStreamGraph().getStreamNodes()) {
            String name = n.getOperatorName(); // "Source: file bars.csv"
            if (name.contains("file ")) {
                readers.put(name.substring(name.indexOf("file ") + 5), n.getParallelism());
            }
        }
        return readers;
    }

    @Test
    @DisplayName("a local BATCH run runs no operator nobody reads from, and its dead letters and"
            + " data gaps go to the client from the tasks that make them: the job ends with its"
            + " account engine, no stage after it")
    void localBatchOutputsHaveNoStageOfTheirOwn() throws Exception {
        ParityData data = new ParityData(42);
        Pipeline.Files files = data.write(Path.of("target", "job-graph"), false, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Pipeline.flinkConfiguration(data.config, RuntimeExecutionMode.BATCH));
        Topology.Results results = Topology.build(Runs.Inputs.files(files, data.config)
                .build(env, Pipeline.parseContext(data.config, ParityData.SECRET)),
                data.config.engine(), true);
        try (LocalOutputs.Receiver receiver = new LocalOutputs.Receiver()) {
            LocalOutputs.sink(results, receiver);
            StreamGraph graph = env.getStreamGraph();
            // no operator whose output nobody reads: it would run for every record, for nothing
            assertThat(graph.getStreamNodes()).allSatisfy(n -> assertThat(
                    !n.getOutEdges().isEmpty() || n.getOperatorFactory().getClass().getName()
                            .contains("Sink")).as("%s is read", n.getOperatorName()).isTrue());
            List<JobVertex> vertices = List.of(graph.getJobGraph().getVerticesAsArray());

            JobVertex engine = vertices.stream()
                    .filter(v -> v.getName().startsWith("account-engine")).findFirst()
                    .orElseThrow();
            assertThat(engine.getProducedDataSets()).as(engine.getName()).isEmpty();
            // the source's parse errors, the ticker stage's late and duplicate bars and data gaps,
            // the router's unrouted inputs, the engine's late inputs and rejected fills
            List<JobVertex> sending = vertices.stream()
                    .filter(v -> v.getName().contains("dead letters and data gaps to client"))
                    .toList();
            assertThat(sending).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(v -> assertThat(v.getName()).as("a sink chained to its maker")
                            .doesNotStartWith("dead letters").doesNotStartWith("dead-letters")
                            .doesNotStartWith("data-gaps"))
                    .contains(engine);
        }
    }
}
