package io.tradeflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster of separate JVM processes, as {@code flink-dist} would start
 * it but from Maven artifacts: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * TaskManagers ({@code TaskManagerRunner}) with only Flink's own jars on their class path
 * ({@code cluster/target/flink-classpath.txt}), configured from {@code flink-conf/config.yaml}
 * with ports, directories and memory sizes overridden. Each JVM gets the heap, direct memory and
 * metaspace limits Flink's scripts would derive from those sizes, so a process stays within its
 * {@code *.memory.process.size} on a small shared machine. Jobs are submitted with {@code
 * CliFrontend}, as {@code flink run} does. Every process is killed when the test class ends,
 * whatever happened.
 */
public final class StandaloneCluster implements AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Client-compiler only: a JVM of a test cluster lives a minute or two and spends its two
     * shared cores on starting up, not on peak throughput.
     */
    private static final String QUICK_START = "-XX:TieredStopAtLevel=1";
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    /**
     * What Flink's scripts pass every JVM ({@code env.java.default-opts.all} of the distribution's
     * configuration): its serializers reach into these JDK packages.
     */
    private static final List<String> OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path work;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();
    private String classpath;
    private Path conf;
    private int restPort;
    private int metricsPort;
    private Process taskManager;
    private int taskManagers;
    private List<String> jobManagerJvm;
    private List<String> taskManagerJvm;

    /** A cluster whose configuration, logs, checkpoints and savepoints live under {@code work}. */
    public StandaloneCluster(Path work) {
        this.work = work.toAbsolutePath();
        // a test JVM that ends before JUnit's callbacks still takes the cluster with it
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /**
     * Starts the JobManager and one TaskManager, in an emptied work directory, and waits until
     * the TaskManager's slots are registered; returns the wall time it took in milliseconds.
     */
    public long start(Map<String, String> overrides) throws Exception {
        long t0 = System.nanoTime();
        deleteRecursively(work);
        classpath = Files.readString(Path.of("..", "cluster", "target", "flink-classpath.txt"))
                .trim();
        conf = work.resolve("conf");
        Files.createDirectories(conf);
        restPort = freePort();
        metricsPort = freePort();
        Map<String, String> c = flatten(Path.of("..", "flink-conf", "config.yaml"));
        c.remove("taskmanager.memory.managed.fraction");
        c.putAll(flatten(Path.of("..", "cluster", "local.yaml")));
        c.putAll(localSettings());
        c.putAll(overrides);
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, String> e : c.entrySet()) {
            yaml.append(e.getKey()).append(": ").append(JSON.writeValueAsString(e.getValue()))
                    .append('\n');
        }
        Files.writeString(conf.resolve("config.yaml"), yaml);
        // the limits bin/jobmanager.sh and bin/taskmanager.sh (BashJavaUtils) derive
        Configuration flink = Configuration.fromMap(c);
        jobManagerJvm = List.of(JobManagerProcessUtils.generateJvmParametersStr(
                JobManagerProcessUtils.processSpecFromConfig(flink), flink).split(" "));
        taskManagerJvm = List.of(ProcessMemoryUtils.generateJvmParametersStr(
                TaskExecutorProcessUtils.processSpecFromConfig(flink)).split(" "));
        Files.copy(Path.of("..", "cluster", "log4j.properties"),
                conf.resolve("log4j.properties"), StandardCopyOption.REPLACE_EXISTING);
        processes.add(java("jobmanager", jobManagerJvm,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"));
        await("the JobManager's REST API", Duration.ofSeconds(90), () -> get("/overview") != null);
        startTaskManager();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The ports and directories of this cluster. */
    private Map<String, String> localSettings() throws IOException {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("rest.port", Integer.toString(restPort));
        c.put("rest.address", "localhost");
        c.put("rest.bind-address", "localhost");
        c.put("jobmanager.rpc.address", "localhost");
        c.put("jobmanager.rpc.port", Integer.toString(freePort()));
        c.put("jobmanager.bind-host", "localhost");
        c.put("taskmanager.bind-host", "localhost");
        c.put("taskmanager.host", "localhost");
        c.put("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        c.put("execution.checkpointing.savepoint-dir",
                work.resolve("savepoints").toUri().toString());
        c.put("metrics.reporter.prom.port", metricsPort + "-" + (metricsPort + 20));
        c.put("io.tmp.dirs", Files.createDirectories(work.resolve("tmp")).toString());
        c.put("web.tmpdir", work.resolve("tmp").toString());
        return c;
    }

    /** Starts a fresh TaskManager and waits until its slots are registered. */
    public void startTaskManager() throws Exception {
        // a killed TaskManager may still be listed, or already gone: wait for a new id
        Set<String> before = taskManagerIds();
        taskManager = java("taskmanager-" + taskManagers++, taskManagerJvm,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        processes.add(taskManager);
        await("a TaskManager registered", Duration.ofSeconds(90),
                () -> !before.containsAll(taskManagerIds()));
    }

    private Set<String> taskManagerIds() {
        Set<String> ids = new HashSet<>();
        JsonNode tms = get("/taskmanagers");
        if (tms != null) {
            tms.path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        }
        return ids;
    }

    /**
     * Kills the current TaskManager's JVM with SIGKILL ({@code destroyForcibly} on Unix) and
     * waits for it to be gone; returns its process id.
     */
    public long killTaskManager() throws InterruptedException {
        taskManager.destroyForcibly();
        if (!taskManager.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager " + taskManager.pid()
                    + " still alive 30 s after SIGKILL");
        }
        return taskManager.pid();
    }

    /**
     * Submits the jar as {@code flink run -d} does and returns the job id.
     *
     * @param env extra environment of the client (secrets)
     */
    public String submit(Path jar, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", QUICK_START));
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-Dlog4j2.configurationFile=" + conf.resolve("log4j.properties"),
                "-Dlog.file=" + work.resolve("client.log"), "-cp", classpath,
                "org.apache.flink.client.cli.CliFrontend", "run", "-d",
                jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("client.out").toFile());
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("flink run did not return within 120 s");
        }
        String out = Files.readString(work.resolve("client.out"));
        Matcher m = JOB_ID.matcher(out);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("flink run failed (" + p.exitValue() + "):\n" + out);
        }
        return m.group(1);
    }

    /** Returns the job's state ({@code RUNNING}, {@code RESTARTING}, …). */
    public String jobState(String jobId) {
        JsonNode j = get("/jobs/" + jobId);
        return j == null ? "UNKNOWN" : j.path("state").asText();
    }

    /** Returns whether the job and every one of its vertices are {@code RUNNING}. */
    public boolean allTasksRunning(String jobId) {
        JsonNode j = get("/jobs/" + jobId);
        if (j == null || !"RUNNING".equals(j.path("state").asText())) {
            return false;
        }
        for (JsonNode v : j.path("vertices")) {
            if (!"RUNNING".equals(v.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Returns how often the job restarted ({@code numRestarts}), -1 when unknown. */
    public long restarts(String jobId) {
        JsonNode m = get("/jobs/" + jobId + "/metrics?get=numRestarts");
        return m == null || m.size() == 0 ? -1 : m.get(0).path("value").asLong(-1);
    }

    /** Returns the number of completed checkpoints of the job (0 when unknown). */
    public long completedCheckpoints(String jobId) {
        JsonNode c = checkpoints(jobId);
        return c == null ? 0 : c.at("/counts/completed").asLong();
    }

    /**
     * Returns the JobManager's clock when it triggered the job's latest completed checkpoint, in
     * epoch milliseconds (0 when there is none).
     */
    public long latestCheckpointTriggered(String jobId) {
        JsonNode c = checkpoints(jobId);
        return c == null ? 0 : c.at("/latest/completed/trigger_timestamp").asLong();
    }

    /**
     * Waits until {@code condition} holds while the job is alive; fails at once, with the job's
     * latest failure, when it is {@code FAILED}, {@code CANCELED} or {@code FINISHED}, and after
     * {@code max} with its state and checkpoint count.
     */
    public void awaitJob(String jobId, String what, Duration max, BooleanSupplier condition)
            throws InterruptedException {
        await(what, max, () -> {
            String state = jobState(jobId);
            if (Set.of("FAILED", "CANCELED", "FINISHED").contains(state)) {
                throw new IllegalStateException("job " + jobId + " is " + state + " while "
                        + "waiting for " + what + "; latest failure: " + latestFailure(jobId));
            }
            return condition.getAsBoolean();
        }, () -> "job " + jobState(jobId) + ", " + completedCheckpoints(jobId)
                + " completed checkpoints, " + restarts(jobId) + " restarts, input watermarks "
                + watermarks(jobId) + ", latest failure: " + latestFailure(jobId));
    }

    /**
     * Returns each vertex's lowest input watermark over its subtasks as an instant, or {@code
     * none} while a subtask has none (sources have no input).
     */
    public Map<String, String> watermarks(String jobId) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode j = get("/jobs/" + jobId);
        if (j == null) {
            return out;
        }
        for (JsonNode v : j.path("vertices")) {
            JsonNode w = get("/jobs/" + jobId + "/vertices/" + v.path("id").asText()
                    + "/watermarks");
            long min = Long.MAX_VALUE;
            for (JsonNode m : w == null ? JSON.createArrayNode() : w) {
                min = Math.min(min, m.path("value").asLong(Long.MIN_VALUE));
            }
            String name = v.path("name").asText();
            out.put(name.length() > 40 ? name.substring(0, 40) : name,
                    min == Long.MAX_VALUE || min <= Long.MIN_VALUE + 1 ? "none"
                            : Instant.ofEpochMilli(min).toString());
        }
        return out;
    }

    /** Returns the first lines of the job's latest failure, or "none". */
    public String latestFailure(String jobId) {
        JsonNode e = get("/jobs/" + jobId + "/exceptions?maxExceptions=1");
        JsonNode entry = e == null ? null : e.at("/exceptionHistory/entries/0");
        if (entry == null || entry.isMissingNode()) {
            return "none";
        }
        String trace = entry.path("stacktrace").asText();
        return trace.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(trace);
    }

    /** Returns the job's checkpoint statistics. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** Cancels the job and waits until it is cancelled. */
    public void cancel(String jobId) throws Exception {
        http.send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        await("job " + jobId + " cancelled", Duration.ofSeconds(60),
                () -> "CANCELED".equals(jobState(jobId)));
    }

    /** Returns the text the Prometheus reporters of the running processes expose. */
    public String scrapeMetrics() {
        StringBuilder all = new StringBuilder();
        for (int port = metricsPort; port <= metricsPort + 20; port++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                all.append(r.body());
            } catch (IOException e) {
                // nothing listens on this port of the range
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return all.toString();
    }

    /** Returns a REST resource as JSON, or {@code null} when it cannot be had. */
    public JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + restPort + path);
    }

    private Process java(String name, List<String> memory, String mainClass) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:+UseParallelGC", QUICK_START));
        cmd.addAll(memory);
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-Djava.io.tmpdir=" + work.resolve("tmp"),
                "-Dlog.file=" + work.resolve(name + ".log"),
                "-Dlog4j2.configurationFile=" + conf.resolve("log4j.properties"),
                "-cp", classpath, mainClass, "--configDir", conf.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".out").toFile())
                .start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code condition} holds, polling every 200 ms; fails after {@code max}. */
    public static void await(String what, Duration max, BooleanSupplier condition)
            throws InterruptedException {
        await(what, max, condition, () -> "");
    }

    /**
     * Waits until {@code condition} holds, polling every 200 ms; fails after {@code max} with
     * what {@code seen} then says.
     */
    public static void await(String what, Duration max, BooleanSupplier condition,
            Supplier<String> seen) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                String last = seen.get();
                throw new IllegalStateException("timed out after " + max + " waiting for " + what
                        + (last.isEmpty() ? "" : "; " + last));
            }
            Thread.sleep(200);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Reads a Flink YAML file into flat {@code a.b.c} keys. */
    static Map<String, String> flatten(Path yaml) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile()), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(),
                        out);
            }
        } else {
            out.put(prefix, n.asText());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Kills every process this cluster started. */
    public void stop() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    /** Returns the directory of the cluster's configuration, logs and state. */
    public Path work() {
        return work;
    }
}
