package io.tradeflow.backtest;

import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps one local Flink MiniCluster per JVM for backtests: started on first use, shut down when
 * every thread that used it has ended, or when the JVM exits. Starting a cluster takes seconds
 * and a notebook runs many short backtests; submitting to a running one takes milliseconds. Jobs
 * run side by side while slots allow.
 *
 * <p>Why the threads are watched: Flink's RPC threads are not daemons, so a program whose main
 * thread returns would never exit while the cluster runs. A notebook kernel's thread lives on,
 * and with it the cluster.
 */
final class SharedMiniCluster {
    /** Slots of the cluster: two backtests of the default parallelism (2) at once. */
    static final int SLOTS = 4;
    /** Managed memory of a slot, for the sorts of a BATCH job's keyed stages. */
    static final long SORT_MB = 128;
    private static final String NAME = "tradeflow-shared-minicluster";
    private static final long WATCH_MS = 500;
    private static final Set<Thread> USERS = new HashSet<>();
    private static MiniCluster cluster;

    private SharedMiniCluster() {}

    /** Returns an environment whose jobs run on the shared cluster. */
    static StreamExecutionEnvironment environment(Configuration conf) {
        Configuration c = new Configuration(conf);
        c.set(DeploymentOptions.TARGET, NAME);
        c.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(new Loader(), c,
                Thread.currentThread().getContextClassLoader());
    }

    /**
     * Starts the cluster on another thread, if it is not running, while the calling thread (which
     * keeps it up) prepares its first job: a command-line backtest reads its files and builds its
     * graph in the two seconds a cluster takes to start. A failure to start is reported by the
     * next {@link #cluster()}, which then starts it again.
     */
    static void startInBackground() {
        synchronized (SharedMiniCluster.class) {
            USERS.add(Thread.currentThread());
            if (cluster != null) {
                return;
            }
        }
        daemon("start", () -> {
            try {
                start();
            } catch (Exception e) {
                // cluster() starts it again and throws what goes wrong there
            }
        });
    }

    /**
     * Closes the cluster on another thread, for a program whose only backtest has ended and that
     * still writes its results: the cluster's shutdown (its RPC system, its threads) then runs
     * beside that work instead of after it, when the JVM exits. Only when the calling thread is
     * the cluster's one user: another thread's backtests (a notebook's in the same JVM) keep it.
     * A later backtest in this JVM starts a new cluster.
     */
    static void closeInBackground() {
        MiniCluster c;
        synchronized (SharedMiniCluster.class) {
            USERS.removeIf(t -> !t.isAlive());
            if (!USERS.equals(Set.of(Thread.currentThread()))) {
                return;
            }
            c = cluster;
            cluster = null;
        }
        if (c != null) {
            daemon("close", () -> close(c));
        }
    }

    /** Returns the running cluster, started if need be; the calling thread keeps it up. */
    static synchronized MiniCluster cluster() throws Exception {
        USERS.add(Thread.currentThread());
        return start();
    }

    /** Runs {@code task} on a daemon thread named after the cluster and {@code what}. */
    private static void daemon(String what, Runnable task) {
        Thread t = new Thread(task, NAME + "-" + what);
        t.setDaemon(true);
        t.start();
    }

    private static synchronized MiniCluster start() throws Exception {
        if (cluster == null) {
            Configuration c = new Configuration();
            // the BATCH sorts live in managed memory (native; a page costs once a sort writes it):
            // 128 MB a slot holds the account stage's input of a 50-ticker month (709 k ticks in
            // runs, 64 k signals) in memory: with 64 MB its task waited 630 ms at the end of
            // its input for the sorter to spill and merge, with 128 MB 160 ms (flight recordings)
            c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(SORT_MB * SLOTS));
            // no one browses a backtest's cluster: any free port, so a Flink web UI or another
            // cluster on 8081 does not stop a backtest
            c.set(RestOptions.BIND_PORT, "0");
            // slots at once: a cluster batches slot requests and checks what its jobs need after
            // a pause (20 ms, 50 ms), so that a large cluster decides on many requests at once;
            // in this one-process cluster a BATCH job's first stage waited 80 ms for its slot
            // and a stage beside it 110 ms, a tenth of a notebook's one-ticker month
            c.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ZERO);
            c.set(ResourceManagerOptions.DECLARE_NEEDED_RESOURCE_DELAY, Duration.ZERO);
            c.set(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL, Duration.ofMillis(1));
            // a BATCH stage's output stays in this process (written to a local file, read back
            // by the next stage): compressing it (LZ4 by default) cost 5 % of a warm backtest's
            // CPU to save page-cache copies; without, warm backtests ran 3-4 % faster
            c.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
                    NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
            MiniCluster started = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(c).setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(SLOTS).build());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started),
                    NAME + "-shutdown"));
            daemon("watch", () -> watch(started));
            cluster = started;
        }
        return cluster;
    }

    /** Closes the cluster once no thread that used it is alive. */
    private static void watch(MiniCluster watched) {
        try {
            while (true) {
                Thread.sleep(WATCH_MS);
                synchronized (SharedMiniCluster.class) {
                    USERS.removeIf(t -> !t.isAlive());
                    if (USERS.isEmpty()) {
                        cluster = null;
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(watched);
    }

    private static void close(MiniCluster c) {
        try {
            c.closeAsync().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing for good: nothing is left to release, and nobody to tell
        }
    }

    /** Submits each pipeline to the shared cluster. */
    private static final class Loader implements PipelineExecutorServiceLoader {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration conf) {
            return new PipelineExecutorFactory() {
                @Override
                public String getName() {
                    return NAME;
                }

                @Override
                public boolean isCompatibleWith(Configuration configuration) {
                    return true;
                }

                @Override
                public PipelineExecutor getExecutor(Configuration configuration) {
                    return SharedMiniCluster::submit;
                }
            };
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(NAME);
        }
    }

    private static CompletableFuture<JobClient> submit(Pipeline pipeline, Configuration conf,
            ClassLoader classLoader) throws Exception {
        MiniCluster mc = cluster();
        StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, conf);
        return mc.submitJob(graph).thenApply(r -> new MiniClusterJobClient(r.getJobID(), mc,
                classLoader, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    }
}
