package io.tradeflow.job;

import io.tradeflow.io.FileInputs;
import io.tradeflow.io.Ingested;
import io.tradeflow.io.SourceParser;
import io.tradeflow.io.KafkaInputs;
import io.tradeflow.io.LateRecords;
import io.tradeflow.io.LineChunks;
import io.tradeflow.io.Keyring;
import io.tradeflow.io.TrustDomain;
import io.tradeflow.io.config.InputSettings;
import io.tradeflow.io.config.KafkaSettings;
import io.tradeflow.io.config.TradeflowConfig;
import io.tradeflow.io.parse.BarParser;
import io.tradeflow.io.parse.CalendarParser;
import io.tradeflow.io.parse.ControlParser;
import io.tradeflow.io.parse.BrokerPositionsParser;
import io.tradeflow.io.parse.FillParser;
import io.tradeflow.io.parse.OptionQuoteParser;
import io.tradeflow.io.parse.ParseContext;
import io.tradeflow.io.parse.RecommendationParser;
import io.tradeflow.io.parse.RecordFormat;
import io.tradeflow.io.parse.VixParser;
import io.tradeflow.rules.AccountConfig;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wires the sources around {@link Topology}: bounded files or Kafka topics in, each record
 * parsed and checked for lateness right after its source; and the Flink configuration every entry
 * point shares. The outputs' sinks are {@link Sinks}'.
 */
public final class Pipeline {

    private Pipeline() {}

    /**
     * Names the bounded input files of a backtest (lists may be empty but not null; option
     * quotes may be {@code null} for none).
     */
    public record Files(
            List<Path> bars,
            BarParser.Format barsFormat,
            String barsTicker,
            List<Path> recommendations,
            List<Path> vix,
            List<Path> calendar,
            List<Path> optionQuotes,
            List<Path> brokerPositions) implements Serializable {

        public Files {
            optionQuotes = optionQuotes == null ? List.of() : optionQuotes;
            brokerPositions = brokerPositions == null ? List.of() : brokerPositions;
        }

        /** Returns the files of a backtest without option quotes. */
        public Files(List<Path> bars, BarParser.Format barsFormat, String barsTicker,
                List<Path> recommendations, List<Path> vix, List<Path> calendar) {
            this(bars, barsFormat, barsTicker, recommendations, vix, calendar, List.of(),
                    List.of());
        }

        /** Returns these files with option quotes (R-OPT-4: quotes price the contracts). */
        public Files withOptionQuotes(List<Path> files) {
            return new Files(bars, barsFormat, barsTicker, recommendations, vix, calendar, files,
                    brokerPositions);
        }

        /**
         * Returns these files with broker position snapshots (JSON lines, R-REC-2), compared with
         * the accounts' books at their times, as from the {@code broker-positions} topic.
         */
        public Files withBrokerPositions(List<Path> files) {
            return new Files(bars, barsFormat, barsTicker, recommendations, vix, calendar,
                    optionQuotes, files);
        }
    }

    /**
     * The maximum parallelism every job pins: the number of key groups, fixed for the life of
     * the job's state (a savepoint restores only into the same number), so it must not follow
     * whatever parallelism a first deployment happened to have.
     */
    public static final int MAX_PARALLELISM = 128;

    /**
     * RocksDB's background jobs ({@code state.backend.rocksdb.thread.num}, Flink's default 2): a
     * quarter of them flush, so 4 threads flush the instances' memtables at a checkpoint.
     */
    public static final int ROCKSDB_BACKGROUND_JOBS = 16;

    /** The network buffer timeout of STREAMING jobs (Flink's default is 100 ms). */
    public static final java.time.Duration LIVE_BUFFER_TIMEOUT = java.time.Duration.ofMillis(10);

    /**
     * Returns the Flink settings of local runs (backtests, demo, tests): no Kryo, the runtime
     * mode, the pinned maximum parallelism, the parallelism (configured, else the default).
     */
    public static Configuration flinkConfiguration(TradeflowConfig cfg, RuntimeExecutionMode mode) {
        Configuration c = clusterConfiguration(cfg, mode);
        c.set(CoreOptions.DEFAULT_PARALLELISM, cfg.parallelismOrDefault());
        // the client's collect sink gets no uid from us; a local run restores no savepoint
        c.set(PipelineOptions.AUTO_GENERATE_UIDS, true);
        return c;
    }

    /**
     * Returns the Flink settings a job submitted to a cluster adds to the cluster's: no
     * generated uids; the parallelism only when the configuration sets it (else {@code flink run
     * -p} or the cluster's default applies).
     */
    public static Configuration clusterConfiguration(TradeflowConfig cfg,
            RuntimeExecutionMode mode) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        // every stream element is an immutable record: chained operators may share it instead of
        // copying it through its serializer (a tenth of a backtest's time was such copies)
        c.set(PipelineOptions.OBJECT_REUSE, true);
        c.set(ExecutionOptions.RUNTIME_MODE, mode);
        c.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        // a generated uid changes with the graph around an operator, and a savepoint then no
        // longer restores into the next version of the job: every operator names its own
        c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        if (cfg.parallelism() != null) {
            c.set(CoreOptions.DEFAULT_PARALLELISM, cfg.parallelism());
        }
        c.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, cfg.input().watermarkInterval());
        if (mode == RuntimeExecutionMode.STREAMING) {
            // a watermark waits in a network buffer, as a record does, until the buffer fills or
            // its timeout flushes it: at Flink's 100 ms, the three exchanges between a bar and its
            // order were most of the live latency (10 000 bars/s: p50 401 -> 143 ms with 10 ms
            // here and a 10 ms watermark interval); a full buffer still goes at once
            c.set(ExecutionOptions.BUFFER_TIMEOUT, LIVE_BUFFER_TIMEOUT);
        }
        return c;
    }


    /**
     * Adds RocksDB state with incremental checkpoints at the configured interval, timers on the
     * heap, {@link #ROCKSDB_BACKGROUND_JOBS} background jobs and atomic flushes ({@link
     * AtomicFlushOptions}); the checkpoint storage only when
     * {@code dir} is given (a URI such as {@code s3://bucket/cp} or {@code file:///data/cp}, or a
     * local path), else the cluster's {@code execution.checkpointing.dir}.
     */
    public static void enableCheckpoints(Configuration c, TradeflowConfig cfg, String dir) {
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // Every buffered bar and tick has a timer at its minute: in RocksDB that was a put and a
        // delete per event, and at each checkpoint a flush of them (about 95 000 entries a
        // ticker-stage subtask at 10 000 bars/s) that the checkpoint's synchronous part waits
        // for, behind the other operators' flushes on RocksDB's one flush thread. On the heap
        // they are a few hundred entries, copied into the snapshot. A restore from a checkpoint
        // that kept them in RocksDB arms them again from the stages' state (CachedStateOperator).
        c.set(RocksDBOptions.TIMER_SERVICE_FACTORY,
                EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        // A checkpoint's synchronous part waits for RocksDB to flush each column family written
        // since the last one (a file and its fsyncs each), and every RocksDB instance of a
        // process flushes on one shared pool: one thread at Flink's 2 background jobs, so the
        // stages' flushes queued behind each other
        c.set(RocksDBConfigurableOptions.MAX_BACKGROUND_THREADS, ROCKSDB_BACKGROUND_JOBS);
        // and flushes those column families one after the other, each with its own manifest
        // write and fsyncs, unless it flushes them atomically, all in one
        c.set(RocksDBOptions.OPTIONS_FACTORY, AtomicFlushOptions.class.getName());
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL,
                java.time.Duration.ofMillis(cfg.checkpointIntervalMs()));
        if (dir != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointUri(dir));
        }
    }

    /** Returns a checkpoint location as a URI: kept when it has a scheme, else a local path's. */
    public static String checkpointUri(String dir) {
        return dir.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") ? dir
                : Path.of(dir).toAbsolutePath().normalize().toUri().toString();
    }

    /** Adds RocksDB state with incremental checkpoints into a local directory. */
    public static void enableCheckpoints(Configuration c, TradeflowConfig cfg, Path dir) {
        enableCheckpoints(c, cfg, dir.toAbsolutePath().toString());
    }

    /** Returns what parsers check against: known accounts and tickers, the webhook secret. */
    public static ParseContext parseContext(TradeflowConfig cfg) {
        return parseContext(cfg, null);
    }

    /**
     * Returns what parsers check against, with the recommendations' key given by the caller (the
     * demo's per-run secret) or, when {@code webhookSecret} is {@code null}, read from {@code
     * TRADEFLOW_WEBHOOK_SECRET} / {@code TRADEFLOW_RECOMMENDATION_KEYS}; control and broker keys
     * from their own variables ({@link TrustDomain}); control commands without keys of their own
     * are verified with the recommendations' (as before keys per domain), broker messages without
     * broker keys are not verified.
     *
     * @throws IllegalArgumentException naming the variable of a key that is malformed or shorter
     *     than {@link Keyring#MIN_KEY_BYTES}
     */
    public static ParseContext parseContext(TradeflowConfig cfg, byte[] webhookSecret) {
        Set<String> accounts = new TreeSet<>();
        Set<String> tickers = new TreeSet<>();
        for (AccountConfig a : cfg.engine().accounts()) {
            accounts.add(a.id());
            tickers.addAll(a.universe());
        }
        Keyring recommendations = webhookSecret != null ? Keyring.single(webhookSecret)
                : orEmpty(Keyring.fromEnv(TrustDomain.RECOMMENDATIONS));
        Map<TrustDomain, Keyring> keys = new EnumMap<>(TrustDomain.class);
        keys.put(TrustDomain.RECOMMENDATIONS, recommendations);
        Keyring control = Keyring.fromEnv(TrustDomain.CONTROL);
        // a deployment from before per-domain keys keeps working until it sets them
        keys.put(TrustDomain.CONTROL, control != null ? control : recommendations);
        // fills are verified once broker keys are configured (gateways sign them from then on)
        keys.put(TrustDomain.BROKER, orEmpty(Keyring.fromEnv(TrustDomain.BROKER)));
        return new ParseContext(accounts, tickers, keys, cfg.input().maxFutureSkew().toMillis());
    }

    private static Keyring orEmpty(Keyring k) {
        return k == null ? Keyring.empty() : k;
    }

    /**
     * Returns one bounded, timestamped stream per file, each read in order by one reader; in BATCH
     * an uncompressed bar file of more than one chunk is read by as many readers as the job's
     * parallelism ({@link LineChunks}: the line numbers stay exact, and the order in which BATCH
     * receives bars decides nothing).
     */
    public static List<DataStream<Ingested>> fromFiles(StreamExecutionEnvironment env, Files f,
            ParseContext ctx, InputSettings in) {
        // BATCH sorts each key's input by time, so nothing is late there: a file need not be in
        // time order (e.g. daily bars grouped by ticker). STREAMING must see it within the bound.
        boolean batch = env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
                == RuntimeExecutionMode.BATCH;
        long late = batch ? Long.MAX_VALUE : in.outOfOrderness().toMillis();
        List<DataStream<Ingested>> streams = new ArrayList<>();
        int i = 0;
        for (Path p : f.bars()) {
            BarParser parser = f.barsTicker() == null
                    ? new BarParser(ctx, f.barsFormat()) : new BarParser(ctx, f.barsFormat(), f.barsTicker());
            // both modes read a bar file in the same chunks: its parser restarts at each
            LineChunks chunks = FileInputs.chunkable(p)
                    ? LineChunks.scan(p, in.readChunkBytes()) : LineChunks.whole();
            boolean split = batch && chunks.size() > 1;
            FileSource<Ingested> source =
                    FileInputs.source(p, SourceParser.of(parser, Ingested::of), chunks, split);
            streams.add(file(env, source, p, in, late, "bars-" + i++,
                    split ? Math.min(chunks.size(), Math.max(1, env.getParallelism())) : 1));
        }
        i = 0;
        for (Path p : f.recommendations()) {
            streams.add(file(env, p, SourceParser.of(
                    new RecommendationParser(ctx, formatOf(p)), Ingested::of), in, late,
                    "recs-" + i++));
        }
        i = 0;
        for (Path p : f.vix()) {
            streams.add(file(env, p, SourceParser.of(new VixParser(ctx, formatOf(p)),
                    Ingested::of), in, late, "vix-" + i++));
        }
        i = 0;
        for (Path p : f.calendar()) {
            streams.add(file(env, p, SourceParser.of(new CalendarParser(ctx, formatOf(p)),
                    Ingested::of), in, late, "calendar-" + i++));
        }
        i = 0;
        for (Path p : f.optionQuotes()) {
            streams.add(file(env, p, SourceParser.of(new OptionQuoteParser(ctx, formatOf(p)),
                    Ingested::of), in, late, "option-quotes-" + i++));
        }
        i = 0;
        for (Path p : f.brokerPositions()) {
            streams.add(file(env, p, SourceParser.of(new BrokerPositionsParser(ctx),
                    Ingested::of), in, late, "broker-positions-" + i++));
        }
        return streams;
    }

    private static DataStream<Ingested> file(StreamExecutionEnvironment env, Path p,
            SourceParser parser, InputSettings in, long late, String uid) {
        return file(env, FileInputs.source(p, parser), p, in, late, uid, 1);
    }

    private static DataStream<Ingested> file(StreamExecutionEnvironment env,
            FileSource<Ingested> source, Path p, InputSettings in, long late, String uid,
            int readers) {
        // no idleness: a bounded file always ends (its watermark then jumps to the end), while a
        // file reader that is merely slow (a cold start) would be marked idle and the other
        // files' watermarks, or their end, would turn every record it reads after into "late"
        DataStream<Ingested> read = env.fromSource(source,
                        Topology.watermarks(in.outOfOrderness(), null),
                        "file " + p.getFileName())
                .uid("source-" + uid).setParallelism(readers)
                .process(new LateRecords(late)).name("late " + p.getFileName())
                .uid("late-" + uid).setParallelism(readers);
        if (!in.limited()) {
            return read;
        }
        // a backtest's date range: records outside it are not read (dead letters still are)
        return read.filter(e -> e.isDeadLetter() || in.inRange(e.ts()))
                .name("range " + p.getFileName()).uid("range-" + uid).setParallelism(readers);
    }

    private static RecordFormat formatOf(Path p) {
        String name = p.getFileName().toString().toLowerCase();
        return name.endsWith(".csv") || name.endsWith(".csv.gz") ? RecordFormat.CSV : RecordFormat.JSON;
    }

    /** Returns the input topics a live job reads: option quotes only for an options account. */
    public static List<String> inputTopics(TradeflowConfig cfg) {
        List<String> keys = new ArrayList<>(KafkaSettings.INPUT_TOPIC_KEYS);
        if (readsOptionQuotes(cfg)) {
            keys.add(KafkaSettings.OPTION_QUOTES);
        }
        return keys.stream().map(cfg.kafka()::topic).toList();
    }

    private static boolean readsOptionQuotes(TradeflowConfig cfg) {
        return cfg.engine().accounts().stream().anyMatch(AccountConfig::tradesOptions);
    }

    /**
     * Returns a timestamped stream per input topic. {@code bounded} stops at the offsets current at
     * start (demo, tests); a live job runs unbounded.
     */
    public static List<DataStream<Ingested>> fromKafka(StreamExecutionEnvironment env,
            TradeflowConfig cfg, ParseContext ctx, boolean bounded) {
        KafkaSettings k = cfg.kafka();
        InputSettings in = cfg.input();
        List<DataStream<Ingested>> streams = new ArrayList<>();
        streams.add(kafka(env, k, KafkaSettings.BARS, bounded, in,
                SourceParser.of(new BarParser(ctx, BarParser.Format.JSON), Ingested::of)));
        streams.add(kafka(env, k, KafkaSettings.RECOMMENDATIONS, bounded, in,
                SourceParser.of(new RecommendationParser(ctx), Ingested::of)));
        streams.add(kafka(env, k, KafkaSettings.VIX, bounded, in,
                SourceParser.of(new VixParser(ctx), Ingested::of)));
        streams.add(kafka(env, k, KafkaSettings.CALENDAR, bounded, in,
                SourceParser.of(new CalendarParser(ctx), Ingested::of)));
        streams.add(kafka(env, k, KafkaSettings.CONTROL, bounded, in,
                SourceParser.of(new ControlParser(ctx), Ingested::of)));
        streams.add(kafka(env, k, KafkaSettings.FILLS, bounded, in,
                SourceParser.of(new FillParser(ctx), Ingested::of)));
        streams.add(kafka(env, k, KafkaSettings.BROKER_POSITIONS, bounded, in,
                SourceParser.of(new BrokerPositionsParser(ctx), Ingested::of)));
        // only a job with an options account reads option quotes (R-OPT-3, R-OPT-4)
        if (readsOptionQuotes(cfg)) {
            streams.add(kafka(env, k, KafkaSettings.OPTION_QUOTES, bounded, in,
                    SourceParser.of(new OptionQuoteParser(ctx), Ingested::of)));
        }
        return streams;
    }

    private static DataStream<Ingested> kafka(StreamExecutionEnvironment env, KafkaSettings k,
            String key, boolean bounded, InputSettings in, SourceParser parser) {
        String topic = k.topic(key);
        return env.fromSource(KafkaInputs.source(k.bootstrapServers(), topic, k.groupId(),
                        k.clientProperties(), bounded, parser),
                // a bounded replay needs no idleness: an empty partition ends at once, and a reader
                // that is slow to start must hold the watermark back rather than be passed by it;
                // live, the calendar's announcements never move event time
                bounded ? Topology.watermarks(in.outOfOrderness(), null)
                        : KafkaSettings.CALENDAR.equals(key) ? Topology.announcements()
                        : Topology.watermarks(in.outOfOrderness(), in.idleness()),
                "kafka " + topic)
                .uid("source-kafka-" + key)
                // chained: it sees each partition's records in the partition's order
                .process(new LateRecords(in.outOfOrderness().toMillis())).name("late " + topic)
                .uid("late-kafka-" + key);
    }

}
