package io.tradeflow.job;

import io.tradeflow.event.AccountOutput;
import io.tradeflow.io.Ingested;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.jdbc.JdbcSettings;
import io.tradeflow.io.jdbc.Migrations;
import io.tradeflow.io.config.ConfigLoader;
import io.tradeflow.io.parse.ParseContext;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the job to completion over bounded inputs and collects its outputs: backtests from files
 * (BATCH or STREAMING) and bounded Kafka replays (demo, tests). Writes to PostgreSQL too when
 * JDBC settings are given.
 */
public final class Runs {
    /** The local job each thread waits for, for {@link #cancel}. */
    private static final Map<Thread, JobClient> RUNNING = new ConcurrentHashMap<>();
    private Runs() {}

    /** Names where a bounded run reads from. */
    public interface Inputs {
        List<DataStream<Ingested>> build(StreamExecutionEnvironment env, ParseContext ctx);

        static Inputs files(Pipeline.Files files, TradeflowConfig cfg) {
            return (env, ctx) -> Pipeline.fromFiles(env, files, ctx, cfg.input());
        }

        static Inputs kafka(TradeflowConfig cfg) {
            return (env, ctx) -> Pipeline.fromKafka(env, cfg, ctx, true);
        }
    }

    /**
     * Runs and collects.
     *
     * @param flink extra Flink settings (checkpoints, state backend), may be empty
     * @param jdbc where to write, or {@code null}
     * @param progress called for every output as it arrives, may be {@code null}
     */
    public static Collected run(TradeflowConfig cfg, Inputs inputs, RuntimeExecutionMode mode,
            Configuration flink, JdbcSettings jdbc, String runId, String kind,
            Consumer<AccountOutput> progress) throws Exception {
        return run(cfg, inputs, mode, flink, jdbc, runId, kind, progress,
                StreamExecutionEnvironment::getExecutionEnvironment, null);
    }

    /**
     * Runs and collects on an environment of the caller's choosing, with a webhook secret given
     * by the caller (the demo: its own MiniCluster with web UI, a per-run secret).
     *
     * @param environment makes the execution environment from the run's Flink settings
     * @param webhookSecret the HMAC key of signed inputs, or {@code null} to read {@code
     *     TRADEFLOW_WEBHOOK_SECRET}
     */
    public static Collected run(TradeflowConfig cfg, Inputs inputs, RuntimeExecutionMode mode,
            Configuration flink, JdbcSettings jdbc, String runId, String kind,
            Consumer<AccountOutput> progress,
            Function<Configuration, StreamExecutionEnvironment> environment,
            byte[] webhookSecret) throws Exception {
        long t0 = System.nanoTime();
        if (jdbc != null) {
            Migrations.migrate(jdbc);
            Migrations.recordRun(jdbc, runId, kind, mode.name(), ConfigLoader.toJson(cfg));
        }
        Configuration conf = Pipeline.flinkConfiguration(cfg, mode);
        conf.addAll(flink);
        boolean local = localOutputs(conf, mode);
        StreamExecutionEnvironment env = environment.apply(conf);
        env.configure(conf);
        boolean batch = mode == RuntimeExecutionMode.BATCH;
        Topology.Results results = Topology.build(
                inputs.build(env, Pipeline.parseContext(cfg, webhookSecret)), cfg.engine(), batch);
        if (jdbc != null) {
            Sinks.toPostgres(results, jdbc, runId);
        }
        Collected.Builder out = new Collected.Builder();
        Consumer<AccountOutput> take = progress == null ? out::add : o -> {
            out.add(o);
            progress.accept(o);
        };
        String name = "tradeflow " + kind + " " + runId;
        JobExecutionResult r = local ? runLocal(env, results, name, take)
                : runCollected(env, results, name, take);
        return out.build(counter(r, "market.events"), counter(r, "engine.max-buffered-events"),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Returns whether a run hands its outputs over in this JVM ({@link LocalOutputs}): when it
     * takes no checkpoints, every backtest in either mode. A restarted job would hand them over
     * twice, so such a run never restarts (Flink's default without checkpoints), set here.
     */
    static boolean localOutputs(Configuration conf, RuntimeExecutionMode mode) {
        boolean local = mode == RuntimeExecutionMode.BATCH
                || !conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        if (local) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        return local;
    }

    /**
     * Runs a job without checkpoints (every backtest), its outputs handed over in this JVM
     * ({@link LocalOutputs}).
     */
    private static JobExecutionResult runLocal(StreamExecutionEnvironment env,
            Topology.Results results, String name, Consumer<AccountOutput> take)
            throws Exception {
        try (LocalOutputs.Receiver in = new LocalOutputs.Receiver()) {
            LocalOutputs.sink(results, in);
            JobClient client = env.executeAsync(name);
            CompletableFuture<JobExecutionResult> done = client.getJobExecutionResult();
            RUNNING.put(Thread.currentThread(), client);
            try {
                while (true) {
                    AccountOutput o = in.poll(5); // the end of the job seen within 5 ms
                    if (o != null) {
                        take.accept(o);
                    } else if (done.isDone()) {
                        // every writer put its last output before its task ended, and the job
                        // ends after its tasks: what is left is in the queue
                        for (o = in.poll(0); o != null; o = in.poll(0)) {
                            take.accept(o);
                        }
                        return done.get();
                    }
                }
            } catch (RuntimeException | InterruptedException e) {
                // nobody takes the outputs any more: writers waiting on a full queue would wait
                // for ever
                client.cancel();
                throw e;
            } finally {
                RUNNING.remove(Thread.currentThread());
            }
        }
    }

    /**
     * Runs a STREAMING job with checkpoints (the demo's), its outputs collected through the
     * collect sink, whose checkpointed buffer drops what a restarted job makes again.
     */
    private static JobExecutionResult runCollected(StreamExecutionEnvironment env,
            Topology.Results results, String name, Consumer<AccountOutput> take)
            throws Exception {
        TypeSerializer<AccountOutput> serializer = TypeInformation.of(AccountOutput.class)
                .createSerializer(env.getConfig().getSerializerConfig());
        JobClient client;
        try (CloseableIterator<byte[]> it = PackedOutputs.of(results, serializer).collectAsync()) {
            client = env.executeAsync(name);
            RUNNING.put(Thread.currentThread(), client);
            try {
                while (it.hasNext()) {
                    take.accept(PackedOutputs.unpack(it.next(), serializer));
                }
            } finally {
                RUNNING.remove(Thread.currentThread());
            }
        }
        return client.getJobExecutionResult().get();
    }

    /**
     * Cancels the local job that {@code thread} runs and waits for, if any: the backtest daemon's
     * caller went away. An interrupt alone does not end a STREAMING run: Flink's result fetcher
     * swallows it while it sleeps between fetches (BacktestDaemonTest fails without this).
     */
    public static void cancel(Thread thread) {
        JobClient client = RUNNING.get(thread);
        if (client != null) {
            client.cancel();
        }
    }

    /** Returns how many local jobs threads of this JVM run and wait for now. */
    public static int localJobs() {
        return RUNNING.size();
    }

    private static long counter(JobExecutionResult r, String name) {
        Object v = r.getAllAccumulatorResults().get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
